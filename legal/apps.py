from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "Hỏi đáp pháp luật"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo). Only what the
    # public pages show: members' questions (Question) are private rows written by strangers,
    # and must not renew the whole site's cache on every submission; their public version
    # (Publication) is what the archive, the feed and the sitemap read.
    public_models = ("Topic", "Adviser", "Publication")
    editorial = True
    editor_only = True
    demo_module = "legal.demo"
    demo_order = 60

    def ready(self):
        from .roles import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="legal-adviser-role")
