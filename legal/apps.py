from django.apps import AppConfig
from django.db.models.signals import post_migrate

from congdoan.portal import HomeBlock, SearchGroup


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
    # Read by congdoan.portal: the Q&A box with the hotline beside "Đọc nhiều" on the home
    # page, and a group of site search ("Xem tất cả" opens the archive's own search).
    home_blocks = (
        HomeBlock("aside", 20, "legal/includes/home_box.html", "legal.portal.home_box", stylesheet="legal/legal.css"),
    )
    search_groups = (SearchGroup("hoi-dap", "Hỏi đáp", 20, "legal.portal.search", more_url="legal:list"),)

    def ready(self):
        from .roles import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="legal-adviser-role")
