"""Generated malformed requests against every public URL pattern: never a 500.

The patterns are read from the URL resolver, so a new public page is fuzzed as soon as it
exists. The generator is seeded, so a failure is reproducible.
"""

import random
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "ckeditor/", "media/")
SEGMENTS = [
    "khong-ton-tai", "Đại-hội", "dai%20hoi", "%00", "a%00b", "x" * 400, "..%2f..%2fetc%2fpasswd", "%2e%2e",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201=1--", "%F0%9F%98%80", "%E0%A4%A", "%FF%FE", "-", "_", "0",
    "-1", "99999999999999999999999", "1e309", "NaN", "%C0%AE%C0%AE", "con", ".env", "%0d%0aSet-Cookie:x=1",
    "%D9%A1%D9%A2", "%C2%B9%C2%B2", "%EF%BC%91", "%F0%9D%9F%99", "%E2%80%8F12",
]  # fmt: skip
PARAMS = ["page", "trang", "q", "nam", "loai", "ngay", "sap_xep", "the", "chuyen_muc", "format", "next"]
VALUES = [
    "0", "-1", "abc", "1.5", "99999999999999999999999999", "1e3", "", "%00", "a%00b", "%FF", "%E0%A4%A",
    "x" * 5000, "Đ" * 3000, "\u202e\u202dRTL", "e\u0301" * 500, "%F0%9F%98%80" * 50, "<svg/onload=alert(1)>",
    "javascript:alert(1)", "2024-13-45", "31/02/2024", "00/00/0000", "[]", "{}", "null", "true", "../../etc/passwd",
    # Digits of other scripts and look-alikes: Arabic-Indic, superscripts, full-width, mathematical, marks.
    "١٢٣", "¹²", "０１２", "𝟙𝟚", "\u200f12", "1\u200b2", "²⁰²⁴", "١٧/٠٥/٢٠٢٤", "2024\u2013", "Ⅻ", "½",
]  # fmt: skip
METHODS = ["get", "head", "post", "put", "patch", "delete", "options"]


def public_routes() -> list[str]:
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                full = prefix + route
                if not full.startswith(SKIPPED_PREFIXES) and not full.startswith("^"):
                    routes.append(full)

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


def fill(route: str, rng: random.Random) -> str:
    return "/" + re.sub(r"<[^>]+>", lambda _: rng.choice(SEGMENTS), route)


def query(rng: random.Random) -> str:
    pairs = [f"{rng.choice(PARAMS)}={rng.choice(VALUES)}" for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.2:
        pairs.append(f"{rng.choice(PARAMS)}[]=1")
    if rng.random() < 0.1:
        pairs.append("%ZZ=%ZZ&&&==")
    return "?" + "&".join(pairs)


def test_routes_are_found():
    routes = public_routes()
    assert "" in routes and "robots.txt" in routes


def test_a_thousand_malformed_requests_get_no_500():
    rng = random.Random(20261121)
    client = Client(enforce_csrf_checks=True, raise_request_exception=True)
    routes = public_routes()
    sent = 0
    failures = []
    while sent < 1200:
        route = rng.choice(routes)
        path = fill(route, rng) + (query(rng) if rng.random() < 0.8 else "")
        method = rng.choice(METHODS) if rng.random() < 0.3 else "get"
        extra = {}
        if rng.random() < 0.05:
            extra["HTTP_HOST"] = rng.choice(["evil.example", "", "testserver:99999", "a" * 300])
        if method in ("post", "put", "patch") and rng.random() < 0.3:
            extra["data"] = "x" * rng.choice([10, 20_000, 13 * 1024 * 1024])
            extra["content_type"] = rng.choice(
                ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]
            )
        response = getattr(client, method)(path, **extra)
        sent += 1
        if response.status_code >= 500:
            failures.append((method, path[:200], response.status_code))
    assert sent >= 1000
    assert failures == []
