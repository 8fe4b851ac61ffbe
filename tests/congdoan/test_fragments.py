"""Pieces of public pages (congdoan.caching.cached_render / cached_html), cached until the content changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory

from congdoan.caching import cached_render
from congdoan.models import Federation
from congdoan.tenancy import default_federation

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class Counter:
    """Counts how often the fragment's body is really rendered."""

    def __init__(self):
        self.renders = 0

    def next(self):
        self.renders += 1
        return self.renders


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600


def render(counter, key="a", cacheable=True, request=None):
    """What a view does: the piece "test", varying on `key`, its data built only on a miss."""
    request = request or RequestFactory().get("/")
    return cached_render(request, "test", [key], "test.html", lambda: {"counter": counter}, enabled=cacheable)


@pytest.fixture(autouse=True)
def _counting_template(monkeypatch):
    from congdoan.caching import pieces

    monkeypatch.setattr(pieces, "render_to_string", lambda name, context, request=None: str(context["counter"].next()))


def test_cached_until_the_content_changes():
    counter = Counter()
    assert render(counter) == "1"
    assert render(counter) == "1"
    assert render(counter, key="b") == "2"  # the values after the name are part of the key
    identity = Federation.objects.get(pk=default_federation().pk)
    identity.phone = "0209 3870 001"
    identity.save()  # any save in a content app
    assert render(counter) == "3"
    assert counter.renders == 3


def test_turns_over_at_local_midnight():
    counter = Counter()
    with time_machine.travel(datetime.datetime(2026, 11, 21, 23, 59, tzinfo=HANOI), tick=False):
        assert render(counter) == "1"
        assert render(counter) == "1"
    with time_machine.travel(datetime.datetime(2026, 11, 22, 0, 0, 1, tzinfo=HANOI), tick=False):
        assert render(counter) == "2"


def test_condition_and_setting_turn_it_off(settings):
    counter = Counter()
    assert render(counter, cacheable=False) == "1"
    assert render(counter, cacheable=False) == "2"
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert render(counter) == "3"
    assert render(counter) == "4"


def test_one_cache_read_for_the_generation_per_request(monkeypatch):
    from congdoan.caching import generations as content_cache

    calls = []
    original = content_cache._read_versions
    monkeypatch.setattr(
        content_cache, "_read_versions", lambda scope, keys=(): calls.append(1) or original(scope, keys)
    )
    request = RequestFactory().get("/")
    counter = Counter()
    scope = content_cache.open_scope()  # what the page-cache middleware does for every request
    try:
        render(counter, request=request)
        render(counter, key="b", request=request)
    finally:
        content_cache.close_scope(scope)
    assert len(calls) == 1


def test_unreachable_cache_renders_every_time(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "congdoan.caching.backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    counter = Counter()
    assert render(counter) == "1"
    assert render(counter) == "2"


def test_pieces_differ_by_origin(settings):
    """Absolute links inside a piece differ by scheme and host: each origin has its own copy."""
    settings.ALLOWED_HOSTS = ["congdoanbackan.vn", "testserver"]
    counter = Counter()
    plain = RequestFactory().get("/")
    other_host = RequestFactory().get("/", HTTP_HOST="congdoanbackan.vn")
    secure = RequestFactory().get("/", secure=True)
    assert [render(counter, request=request) for request in (plain, other_host, secure, plain)] == ["1", "2", "3", "1"]


def test_the_footer_is_rendered_once_per_generation(client):
    from news.models import Section

    section = Section.objects.create(name="Thời sự", slug="thoi-su", show_in_menu=True)
    link = '<li><a href="/chuyen-muc/thoi-su/">Thời sự</a></li>'
    assert link in client.get("/van-ban/").content.decode()
    Section.objects.filter(pk=section.pk).update(name="Tin tức")  # no save(): the generation stays
    assert link in client.get("/van-ban/").content.decode()
    section.refresh_from_db()
    section.save()  # an editor's save starts a new generation
    assert '<li><a href="/chuyen-muc/thoi-su/">Tin tức</a></li>' in client.get("/van-ban/").content.decode()
