"""Public pages of the photo library: the albums, newest first, and one album with its lightbox.

Each page reads what it shows in a fixed number of queries, whatever the number of albums or
photos (pinned in tests/albums/test_queries.py): the list is a count, a page of albums and
their covers; an album is the album and its photos. Both pieces are kept per generation
(`cached_render`), so a warm page runs none.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from congdoan.caching import cached, cached_render, public_page
from congdoan.publishing import can_preview, published_list

from .models import Album

PAGE_SIZE = 12


@public_page(params=("page",))
def album_list(request):
    page, album_grid = published_list(
        request,
        Album,
        name="album",
        per_page=PAGE_SIZE,
        grid_template="albums/includes/album_list.html",
    )
    return render(request, "albums/album_list.html", {"page": page, "album_grid": album_grid})


def _album_by_slug(slug):
    return Album.objects.filter(slug=slug).first()


@public_page()
def album_detail(request, slug):
    album = cached("album", slug, lambda: _album_by_slug(slug), public=lambda found: found.is_visible)
    if album is None:
        raise Http404("Không có album này.")
    preview = not album.is_visible
    if preview and not can_preview(request.user, Album):
        raise Http404("Không có album này.")

    built = {}

    def photos() -> dict:
        # Both pieces below come from this one query, made only on a cache miss.
        if not built:
            found = list(album.photos.order_by("order", "pk"))
            for photo in found:
                photo.album = album  # for alt_text, without a query per photo
            built.update(album=album, photos=found, preview=preview)
        return built

    context = {
        "album": album,
        "preview": preview,
        "gallery": cached_render(
            request, "album", [album.pk], "albums/includes/album_photos.html", photos, enabled=not preview
        ),
        "share_image": cached_render(
            request, "album-image", [album.pk], "albums/includes/album_image_meta.html", photos, enabled=not preview
        ),
    }
    response = render(request, "albums/album_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response
