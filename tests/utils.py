def has_horizontal_scroll(page) -> bool:
    """True when the page is wider than the viewport (readers would have to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
