"""Reading rendered pages in tests: the text of elements, and what a browser would fetch."""

import re
from html import unescape


def texts(html: str, pattern: str) -> list[str]:
    """The visible text (tags removed, spaces collapsed) of each match of `pattern`'s group."""
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", found)).split()) for found in re.findall(pattern, html, re.S)]


def third_party_resources(html: str) -> list[str]:
    """Addresses the browser would fetch by itself from another origin (links are not fetched)."""
    found = re.findall(r'\s(?:src|srcset|poster|data)="([^"]*https?://[^"]*)"', html)
    found += re.findall(
        r'<link[^>]*rel="(?:stylesheet|preload|preconnect|dns-prefetch|icon|modulepreload)"[^>]*>', html
    )
    return [item for item in found if "https://" in item or "http://" in item]
