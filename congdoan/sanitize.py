"""Allowlist HTML sanitising (nh3) for every rich-text field.

Keeps what a news article needs and nothing that can run: no scripts, event
handlers, styles, iframes, forms, `javascript:` or `data:` URLs.
"""

import html as html_lib
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

from .text import ascii_number

ALLOWED_TAGS = {
    "p", "br", "hr",
    "h2", "h3", "h4",
    "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li",
    "a",
    "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "img", "figcaption",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}

# Tags removed together with everything inside them.
DROP_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "svg", "math",
    "template", "noscript", "textarea", "select", "title", "head",
}  # fmt: skip

URL_SCHEMES = {"http", "https", "mailto"}
NUMERIC_ATTRIBUTES = {"width", "height", "colspan", "rowspan"}
SCOPE_VALUES = {"row", "col", "rowgroup", "colgroup"}

_HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
_HEADING_RE = re.compile(r"<(/?)(h1|h5|h6)\b", re.IGNORECASE)
# nh3 always serialises attributes double-quoted with `"` escaped, so this is exact.
_LINK_RE = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)\s*>')
_HREF_RE = re.compile(r'\shref="([^"]*)"')


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in NUMERIC_ATTRIBUTES:
        return value if ascii_number(value, 5) is not None else None
    if attribute == "scope":
        return value if value in SCOPE_VALUES else None
    return value


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") and not href.startswith("//"):
        return False
    own_hosts = {host.lstrip(".") for host in settings.ALLOWED_HOSTS if host and host != "*"}
    return (parts.hostname or "") not in own_hosts


def _add_rel(match: re.Match) -> str:
    attributes = match.group(1)
    href = _HREF_RE.search(attributes)
    if href and _is_external(html_lib.unescape(href.group(1))):
        return f'<a{attributes} rel="noopener noreferrer">'
    return match.group(0)


def sanitize_html(html: str | None) -> str:
    """Return `html` reduced to the allowlist; external links get rel=noopener noreferrer."""
    if not html:
        return ""
    # Keep the document outline valid: the page owns the only h1.
    html = _HEADING_RE.sub(lambda m: f"<{m.group(1)}{_HEADING_MAP[m.group(2).lower()]}", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )
    return _LINK_RE.sub(_add_rel, cleaned).strip()


def strip_tags_text(html: str | None) -> str:
    """Plain text of `html` (no tags at all), for search indexes and descriptions."""
    if not html:
        return ""
    # Block-level ends become spaces so words from adjacent paragraphs don't merge.
    html = re.sub(r"</(p|h[1-6]|li|td|th|figcaption|blockquote)>|<br\s*/?>", " ", html, flags=re.I)
    text = nh3.clean(html, tags=set(), clean_content_tags=DROP_WITH_CONTENT, strip_comments=True)
    return re.sub(r"\s+", " ", html_lib.unescape(text)).strip()
