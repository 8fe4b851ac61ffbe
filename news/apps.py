from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from . import signals  # noqa: F401
        from .roles import on_post_migrate

        post_migrate.connect(on_post_migrate, dispatch_uid="news-role-permissions")
