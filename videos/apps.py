from django.apps import AppConfig


class VideosConfig(AppConfig):
    name = "videos"
    verbose_name = "Video"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Video",)
    editorial = True
    editor_only = True
    demo_module = "videos.demo"
    demo_order = 55

    def next_public_change(self):
        """A video scheduled for later appears by itself: cached pages turn over then."""
        from .models import Video

        return Video.objects.next_publication_time()
