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
from congdoan.pagination import paginate

from .models import Album

PAGE_SIZE = 12


def _evaluated(page):
    page.object_list = list(page.object_list)
    return page


@public_page(params=("page",))
def album_list(request):
    albums = Album.objects.published().for_cards().newest_first()
    count = cached("album-count", "", Album.objects.published().count)
    page = paginate(request, albums, per_page=PAGE_SIZE, count=count)
    album_grid = cached_render(
        request, "album-list", [page.number], "albums/includes/album_list.html", lambda: {"page": _evaluated(page)}
    )
    return render(request, "albums/album_list.html", {"page": page, "album_grid": album_grid})


def _album_by_slug(slug):
    return Album.objects.filter(slug=slug).first()


def _can_preview(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm("albums.view_album")


@public_page()
def album_detail(request, slug):
    album = cached("album", slug, lambda: _album_by_slug(slug), public=lambda found: found.is_visible)
    if album is None:
        raise Http404("Không có album này.")
    preview = not album.is_visible
    if preview and not _can_preview(request.user):
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
