"""Video partials for other apps' pages.

{% load videos %}{% latest_videos %}   the home block "Video" (1 query); renders nothing without
published videos. A poster and a link only: no player, so the home page needs no `frame-src`.
The page links static/videos/videos.css.
"""

from django import template

from ..models import Video

register = template.Library()

HOME_VIDEOS = 4


@register.inclusion_tag("videos/includes/home_block.html")
def latest_videos(limit=HOME_VIDEOS):
    return {"videos": list(Video.objects.published().for_cards().newest_first()[:limit])}
