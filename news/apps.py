from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Section", "Tag", "Article", "ArticlePush")
    editorial = True
    writer_permissions = ("add_article", "change_article", "view_article", "view_section", "view_tag", "add_tag")
    demo_module = "news.demo"
    demo_order = 10
    # Read by congdoan.merging: a section or tag with the same address on the successor's site
    # is that section or tag (its articles join it); other collisions are renamed.
    merge_combined = ("Section", "Tag")

    def ready(self):
        from . import signals  # noqa: F401

    def next_public_change(self):
        """A scheduled article goes live by itself: cached pages turn over then."""
        from .models import Article

        return Article.objects.next_publication_time()
