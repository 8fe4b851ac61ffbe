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


def _list_piece(values, rendered):
    """A piece listing one item per value (as a list page lists cards), each item rendered
    only when the cache does not hold it."""
    from congdoan.caching import cached_html, cached_item

    def item(value):
        return cached_item("card", [value], lambda: rendered.append(value) or f"<{value}>")

    return cached_html("list", [], lambda: "[" + ",".join(item(value) for value in values) + "]")


def test_after_an_edit_only_new_items_are_rendered_and_all_are_read_at_once(monkeypatch):
    from django.core.cache import cache

    from congdoan.caching import bump_content_version

    rendered, reads = [], []
    original = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kwargs: reads.append(len(keys)) or original(keys, **kwargs))
    assert _list_piece(["a", "b"], rendered) == "[<a>,<b>]"
    assert _list_piece(["a", "b"], rendered) == "[<a>,<b>]"  # the piece itself is kept
    assert rendered == ["a", "b"]
    reads.clear()
    bump_content_version()  # an edit: the piece is rendered again, its unchanged items are not
    assert _list_piece(["c", "a", "a"], rendered) == "[<c>,<a>,<a>]"
    assert rendered == ["a", "b", "c"]
    # After the generation's own reads (its versions; after a change, also the apps' versions
    # and their kept next scheduled changes, in one round trip): the two distinct items, at once.
    assert len(reads) == 3 and reads[2] == 2


def test_items_outside_a_cached_piece_are_rendered_on_the_spot(settings):
    from congdoan.caching import cached_item

    rendered = []
    assert cached_item("card", ["a"], lambda: rendered.append("a") or "<a>") == "<a>"
    assert cached_item("card", ["a"], lambda: rendered.append("a") or "<a>") == "<a>"
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert _list_piece(["a"], rendered) == "[<a>]"
    assert rendered == ["a", "a", "a"]


def test_a_piece_of_some_apps_is_kept_through_other_apps_edits():
    """The ticker shows banners and federations: a news edit leaves it cached (issue 18: after
    an edit every page rendered it again), its own apps' edits, a bump and a new day do not."""
    from django.db import transaction

    from banners.models import Slogan
    from congdoan.caching import bump_content_version, cached_html
    from tests.news.factories import ArticleFactory

    counter = Counter()

    def ticker():
        return cached_html("ticker-test", [], lambda: str(counter.next()), apps=("banners", "congdoan"))

    assert ticker() == "1"
    article = ArticleFactory()
    with transaction.atomic():
        article.title = "Tiêu đề mới"
        article.save()
    assert ticker() == "1"
    slogan = Slogan.objects.create(text="Chào mừng Đại hội Công đoàn tỉnh")
    assert ticker() == "2"
    slogan.delete()
    assert ticker() == "3"
    identity = Federation.objects.get(pk=default_federation().pk)
    identity.phone = "0209 3870 001"
    identity.save()
    assert ticker() == "4"
    bump_content_version()  # a change no app claims (a scheduled one coming due, a command)
    assert ticker() == "5"
    with time_machine.travel(datetime.datetime.now(HANOI) + datetime.timedelta(days=1)):
        assert ticker() == "6"
    assert counter.renders == 6


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
