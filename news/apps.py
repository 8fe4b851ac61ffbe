from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from congdoan.cache import register_next_change

        from . import signals  # noqa: F401
        from .models import Article
        from .roles import on_post_migrate

        post_migrate.connect(on_post_migrate, dispatch_uid="news-role-permissions")
        # Cached pages turn over when a scheduled article's time comes, with no save and no cron.
        register_next_change(Article.objects.next_publication_time)
