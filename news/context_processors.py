def menu(request):
    """Sections shown in the header menu (filled in by the news app)."""
    return {"menu_sections": []}
