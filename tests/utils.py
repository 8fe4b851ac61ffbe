def has_horizontal_scroll(page) -> bool:
    """True when the page is wider than the viewport (readers would have to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


# On a cold cache the header's ticker and slides (banners, then cached per day) cost four
# queries: ticker settings, commemorations, slogans, slides.
HEADER_QUERIES_COLD = 4
