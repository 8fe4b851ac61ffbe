from django.apps import AppConfig

from congdoan.portal import HomeBlock, SearchGroup

from .roles import ADVISER


class LegalConfig(AppConfig):
    """Legal requires the document register (`documents` in INSTALLED_APPS): a public answer
    cites documents of the register as its legal basis (`Publication.documents`), and the
    advisers' role reads the register. A federation that keeps no register cites none."""

    name = "legal"
    verbose_name = "Hỏi đáp pháp luật"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo). Only what the
    # public pages show: members' questions (Question) are private rows written by strangers,
    # and must not renew the whole site's cache on every submission; their public version
    # (Publication) is what the archive, the feed and the sitemap read.
    public_models = ("Topic", "Adviser", "Publication")
    editorial = True
    editor_only = True
    roles = (ADVISER,)  # Tư vấn viên, see legal/roles.py
    demo_module = "legal.demo"
    demo_order = 60
    # Read by congdoan.portal: the Q&A box with the hotline beside "Đọc nhiều" on the home
    # page, and a group of site search ("Xem tất cả" opens the archive's own search).
    home_blocks = (
        HomeBlock("aside", 20, "legal/includes/home_box.html", "legal.portal.home_box", stylesheet="legal/legal.css"),
    )
    search_groups = (SearchGroup("hoi-dap", "Hỏi đáp", 20, "legal.portal.search", more_url="legal:list"),)
