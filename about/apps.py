from django.apps import AppConfig

from congdoan.portal import SearchGroup


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = "Giới thiệu – Liên hệ"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Page", "Unit", "Leader", "Officer", "Profile")
    editorial = True
    editor_only = True
    demo_module = "about.demo"
    demo_order = 50
    # Read by congdoan.portal: a group of site search.
    search_groups = (SearchGroup("gioi-thieu", "Giới thiệu", 30, "about.portal.search"),)
