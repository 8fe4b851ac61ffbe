from congdoan.caching import cached


def _load_menu_sections():
    from .models import Section

    everything = list(Section.objects.order_by("order", "name"))
    sections = [section for section in everything if section.parent_id is None and section.show_in_menu]
    for section in sections:
        section.group_ids = [section.pk] + [child.pk for child in everything if child.parent_id == section.pk]
        section.get_absolute_url()  # stored with the menu
    return sections


def menu_sections():
    """Top-level sections flagged for the menu, in order (one query on a miss).

    Each carries `group_ids`: its own id and its sub-sections', what the home page's
    section blocks show. Made of sections alone: an article's edit leaves it cached.
    """
    return cached("menu", "", _load_menu_sections, apps=("news.section",))


def menu(request):
    """Sections shown in the header menu, looked up only by a template that asks for them (the
    template engine calls the function): the header and the footer are kept rendered (see
    `{% site_header %}`), and a page that shows neither reads no menu."""
    return {"menu_sections": menu_sections}
