"""{% fragment %}: pieces of public pages cached until the content changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from congdoan.models import SiteIdentity

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

TEMPLATE = Template('{% load congdoan %}{% fragment "test" key if=cacheable %}{{ counter.next }}{% endfragment %}')


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
    context = {"counter": counter, "key": key, "cacheable": cacheable, "request": request}
    return TEMPLATE.render(Context(context))


def test_cached_until_the_content_changes():
    counter = Counter()
    assert render(counter) == "1"
    assert render(counter) == "1"
    assert render(counter, key="b") == "2"  # the values after the name are part of the key
    identity = SiteIdentity.current()
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
    original = content_cache._read_version
    monkeypatch.setattr(content_cache, "_read_version", lambda keys=(): calls.append(1) or original(keys))
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


def test_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load congdoan %}{% fragment %}x{% endfragment %}")
