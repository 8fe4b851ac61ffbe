"""Public pages of videos: the list, newest first, and one video with its player.

The list is a count and a page of videos; a video page is the video (2 and 1 queries, pinned
in tests/videos/test_queries.py). A page showing a YouTube or Facebook player allows exactly
that player's origin in its Content-Security-Policy `frame-src` (see `allow_frames`); every
other page keeps the site's policy, which allows no frame.
"""

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from congdoan.caching import cached, public_page
from congdoan.publishing import can_preview, published_list

from .models import Video

PAGE_SIZE = 12


def allow_frames(response, origins: list[str]):
    """Set this response's CSP with `frame-src` limited to `origins`.

    Written into the response itself rather than by django-csp's `@csp_update` decorator:
    the decorator leaves its wish on the response object, which the page cache
    (congdoan.caching.pages) does not keep, so a cached copy would be served with the
    site's policy and a blocked player. The CSP middleware keeps a header a view has set.
    """
    if origins:
        policy = build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], replace={"frame-src": origins})
        response[HEADER] = policy
    return response


@public_page(params=("page",))
def video_list(request):
    page, video_grid = published_list(
        request,
        Video,
        name="video",
        per_page=PAGE_SIZE,
        grid_template="videos/includes/video_list.html",
    )
    return render(request, "videos/video_list.html", {"page": page, "video_grid": video_grid})


@public_page()
def video_detail(request, slug):
    video = cached(
        "video", slug, lambda: Video.objects.filter(slug=slug).first(), public=lambda found: found.is_visible
    )
    if video is None:
        raise Http404("Không có video này.")
    preview = not video.is_visible
    if preview and not can_preview(request.user, Video):
        raise Http404("Không có video này.")
    response = render(request, "videos/video_detail.html", {"video": video, "embed": video.embed, "preview": preview})
    if preview:
        add_never_cache_headers(response)
    return allow_frames(response, video.frame_origins)
