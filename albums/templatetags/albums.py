"""Album partials for pages of other apps (the home page, an article).

{% load albums %}{% latest_albums %}            the home block "Thư viện ảnh" (2 queries)
{% load albums %}{% album_embed article.album %}    an album under an article (1 query; a slug: 2)
Both render nothing when there is nothing published to show. Pages that use them link
static/albums/albums.css (and, for the embed, static/albums/lightbox.js).
"""

from django import template

from ..models import Album

register = template.Library()

HOME_ALBUMS = 4
EMBED_PHOTOS = 12


@register.inclusion_tag("albums/includes/home_block.html")
def latest_albums(limit=HOME_ALBUMS):
    albums = list(Album.objects.published().for_cards().newest_first()[:limit])
    return {"albums": albums}


@register.inclusion_tag("albums/includes/album_embed.html")
def album_embed(album_or_slug, limit=EMBED_PHOTOS):
    """An album's first `limit` photos with the lightbox, and a link to the whole album.
    Given an album (an article's `album`), one query: its photos, and none when it is not
    visible; given a slug, two."""
    album = album_or_slug
    if not album:
        return {"album": None}
    if not isinstance(album, Album):
        album = Album.objects.published().filter(slug=str(album_or_slug or "")).first()
    elif not album.is_visible:
        album = None
    if album is None:
        return {"album": None}
    photos = list(album.photos.order_by("order", "pk")[: limit + 1])
    more = len(photos) > limit
    photos = photos[:limit]
    for photo in photos:
        photo.album = album
    return {"album": album, "photos": photos, "more": more}
