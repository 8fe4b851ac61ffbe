"""HTML and XML checks shared by the XSS tests: what an injected payload must never become."""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "style"}
# Whitespace and control characters browsers ignore inside a URL scheme (plus invisible ones).
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f\u00a0\u200b-\u200f\u2028\u2029\u202a-\u202e\ufeff]")
JSON_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def normalise_url(value: str) -> str:
    return _IGNORED_IN_SCHEME.sub("", value).lower()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag == "script":
            self._script = {"attrs": dict(attrs), "text": []}

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._check_script(self._script["attrs"], "".join(self._script["text"]))
            self._script = None

    def close(self):
        super().close()
        if self._script is not None:  # never closed: the rest of the page became script
            self.findings.append("script: unclosed script element")

    def _check_script(self, attrs, text):
        script_type = (attrs.get("type") or "").strip().lower()
        src = attrs.get("src")
        if script_type in JSON_SCRIPT_TYPES and not src:
            if "</script" in text.lower() or "<!--" in text:
                self.findings.append(f"script: JSON data block breaks out: {text[:120]!r}")
            try:
                json.loads(text)
            except ValueError:
                self.findings.append(f"script: JSON data block does not parse: {text[:120]!r}")
            return
        if src is not None and src.startswith("/static/") and not text.strip():
            return
        self.findings.append(f"script: src={src!r} type={script_type!r} text={text[:120]!r}")

    def _check(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.findings.append(f"element: <{tag}> {attrs!r}"[:300])
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.findings.append(f"element: <meta http-equiv> {attrs!r}"[:300])
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"handler: <{tag} {name}={value[:120]!r}>")
            elif name == "style":
                self.findings.append(f"style: <{tag} style={value[:120]!r}>")
            elif name in URL_ATTRIBUTES:
                candidates = value.split(",") if name == "srcset" else [value]
                for candidate in candidates:
                    if normalise_url(candidate).startswith(BAD_SCHEMES):
                        self.findings.append(f"url: <{tag} {name}={value[:120]!r}>")


def html_findings(text: str) -> list[str]:
    """Everything in `text` that could run code or load something foreign."""
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.findings


def assert_safe_html(text: str, where: str, allowed: frozenset[str] = frozenset()) -> None:
    findings = [finding for finding in html_findings(text) if finding not in allowed]
    assert not findings, f"{where}: {len(findings)} unsafe construct(s):\n" + "\n".join(findings[:20])


RSS_ELEMENTS = {
    "rss", "channel", "title", "link", "description", "language", "lastBuildDate", "item", "pubDate",
    "guid", "category", "author", "{http://www.w3.org/2005/Atom}link", "{http://purl.org/dc/elements/1.1/}creator",
    "{http://www.w3.org/2005/Atom}updated",
    "copyright", "ttl", "enclosure", "comments", "source",
}  # fmt: skip
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_ELEMENTS = {f"{SITEMAP_NS}{name}" for name in ("urlset", "url", "loc", "lastmod", "changefreq", "priority")}


def assert_safe_feed(content: bytes, where: str) -> ElementTree.Element:
    """Well-formed RSS, only RSS elements (payloads stayed text), and every description is
    HTML a feed reader can show safely (RSS descriptions are entity-encoded HTML)."""
    root = ElementTree.fromstring(content)
    for element in root.iter():
        assert element.tag in RSS_ELEMENTS, f"{where}: unexpected element {element.tag!r} (markup got out)"
    for element in root.iterfind("channel/item/description"):
        assert_safe_html(element.text or "", f"{where} <description>")
    for element in root.iter("link"):
        assert normalise_url(element.text or "").startswith("http"), f"{where}: bad link {element.text!r}"
    return root


def assert_safe_sitemap(content: bytes, where: str) -> ElementTree.Element:
    root = ElementTree.fromstring(content)
    for element in root.iter():
        assert element.tag in SITEMAP_ELEMENTS, f"{where}: unexpected element {element.tag!r}"
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        assert (loc.text or "").startswith("http"), f"{where}: bad loc {loc.text!r}"
    return root


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.extend(value for _, value in attrs if value)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.parts.append(data)


def page_text(text: str) -> str:
    """Text and attribute values of a page, unescaped: where a stored payload must show up as text."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "\n".join(parser.parts)
