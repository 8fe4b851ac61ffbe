from django.core.cache import cache

MENU_CACHE_KEY = "news:menu-sections:v1"
MENU_CACHE_SECONDS = 3600


def menu_sections():
    """Top-level sections flagged for the menu, in order (cached; one query on a miss)."""
    sections = cache.get(MENU_CACHE_KEY)
    if sections is None:
        from .models import Section

        sections = list(Section.objects.filter(parent__isnull=True, show_in_menu=True).order_by("order", "name"))
        cache.set(MENU_CACHE_KEY, sections, MENU_CACHE_SECONDS)
    return sections


def menu(request):
    """Sections shown in the header menu."""
    return {"menu_sections": menu_sections()}
