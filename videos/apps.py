from django.apps import AppConfig

from congdoan.portal import HomeBlock, SearchGroup


class VideosConfig(AppConfig):
    name = "videos"
    verbose_name = "Video"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Video",)
    editorial = True
    editor_only = True
    demo_module = "videos.demo"
    demo_order = 55
    # Read by congdoan.portal: a block of the home page's main column, a group of site search.
    home_blocks = (
        HomeBlock(
            "main", 40, "videos/includes/home_block.html", "videos.templatetags.videos.latest_videos",
            stylesheet="videos/videos.css",
        ),
    )  # fmt: skip
    search_groups = (SearchGroup("video", "Video", 50, "videos.portal.search"),)

    def next_public_change(self):
        """A video scheduled for later appears by itself: cached pages turn over then."""
        from .models import Video

        return Video.objects.next_publication_time()
