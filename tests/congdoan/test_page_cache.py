"""Full-page cache: hits for anonymous readers, instant invalidation, schedules, midnight."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from congdoan.caching import generations as content_cache
from congdoan.models import Federation
from congdoan.tenancy import default_federation

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def scheduled_change():
    """Register a provider announcing a change at a moment the test chooses."""
    moments = []

    def provider():
        now = timezone.now()
        upcoming = [moment for moment in moments if moment > now]
        return min(upcoming) if upcoming else None

    content_cache.register_next_change(provider)
    yield moments
    del content_cache._next_change_providers[provider]


def test_second_view_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["ETag"] == first["ETag"]
    assert "Accept-Encoding" in second["Vary"]


def test_a_hit_is_one_cache_round_trip(client, monkeypatch):
    """The versions and the page are read together (one round trip on a hit). With Redis the
    network's version is read once before, by the federation middleware, to check its directory
    of hosts (without Redis both are files)."""
    from django.core.cache import cache

    client.get("/")
    reads = []
    inside_get_many = []
    original_get, original_get_many = cache.get, cache.get_many

    def get(*args, **kwargs):
        if not inside_get_many:  # LocMemCache.get_many is a loop of get()
            reads.append("get")
        return original_get(*args, **kwargs)

    def get_many(*args, **kwargs):
        reads.append("get_many")
        inside_get_many.append(1)
        try:
            return original_get_many(*args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert reads == (["get", "get_many"] if hasattr(cache, "set_strict") else ["get_many"])


def test_cached_pages_keep_security_headers(client):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in hit["Permissions-Policy"]


def test_if_none_match_gets_304(client):
    etag = client.get("/")["ETag"]
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_an_edit_invalidates_at_once(client):
    assert "TỈNH BẮC KẠN" in client.get("/").content.decode()
    identity = Federation.objects.get(pk=default_federation().pk)
    identity.name_line2 = "TỈNH CAO BẰNG"
    identity.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "TỈNH CAO BẰNG" in response.content.decode()


def test_the_parameters_a_page_reads_are_cached_separately(client):
    """The search page reads `q` and `page`: each value is its own page."""
    client.get("/tim-kiem/?q=cong+doan")
    assert client.get("/tim-kiem/?q=doan+vien")["X-Page-Cache"] == "miss"
    assert client.get("/tim-kiem/?q=cong+doan")["X-Page-Cache"] == "hit"
    # The same parameters in another order are the same page.
    client.get("/tim-kiem/?q=cong+doan&page=1")
    assert client.get("/tim-kiem/?page=1&q=cong+doan")["X-Page-Cache"] == "hit"


def test_tracking_parameters_of_shared_links_share_the_cached_page(client):
    client.get("/tim-kiem/?q=cong+doan")
    for shared in (
        "/tim-kiem/?q=cong+doan&fbclid=IwAR0abc",
        "/tim-kiem/?utm_source=zalo&q=cong+doan&zarsrc=31&utm_medium=share",
        "/tim-kiem/?q=cong+doan&gclid=x&&",
    ):
        assert client.get(shared)["X-Page-Cache"] == "hit", shared
    assert client.get("/tim-kiem/?q=doan+vien&fbclid=1")["X-Page-Cache"] == "miss"


def test_parameters_a_page_does_not_read_neither_split_the_cache_nor_reach_the_page(client, monkeypatch):
    """1,500 random `?x=` once grew Redis from 8 MB to 55 MB: one entry per variant."""
    from news import views

    seen = []
    original = views.render
    monkeypatch.setattr(
        views, "render", lambda request, *a, **k: seen.append(request.GET.dict()) or original(request, *a, **k)
    )
    assert client.get("/")["X-Page-Cache"] == "miss"
    for junk in ("/?x=1", "/?x=2&y=%00", "/?trang=2", "/?page=3", "/?" + "a=b&" * 200):
        assert client.get(junk)["X-Page-Cache"] == "hit", junk
    assert client.get("/tim-kiem/?q=cong+doan&utmost=1&xfbclid=2")["X-Page-Cache"] == "miss"
    assert seen == [{}, {"q": "cong doan"}]


def test_a_page_larger_than_the_limit_is_not_stored(client, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and len(response.content) > 1000
        assert "X-Page-Cache" not in response
    settings.PAGE_CACHE_MAX_BYTES = len(response.content)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_pages_that_are_not_public_pages_are_never_stored(client):
    """Only views marked @public_page are cached: unknown addresses (404) and the rest never."""
    for url in ("/khong-co-trang-nay/", "/healthz", "/favicon.ico"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_readers_with_a_session_bypass_the_cache(client, staff_user):
    client.get("/")
    client.force_login(staff_user)
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_post_and_admin_are_never_cached(client):
    client.post("/")
    assert "X-Page-Cache" not in client.post("/")
    client.get("/admin/login/")
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_errors_are_not_cached(client):
    client.get("/khong-co/")
    assert "X-Page-Cache" not in client.get("/khong-co/")


def test_a_scheduled_change_invalidates_when_its_time_comes(client, scheduled_change):
    start = datetime.datetime(2026, 5, 1, 7, 0, tzinfo=HANOI)
    scheduled_change.append(start + datetime.timedelta(minutes=5))
    with time_machine.travel(start, tick=False):
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(start + datetime.timedelta(minutes=4, seconds=59), tick=False):
        assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(start + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_pages_turn_over_at_local_midnight(client):
    evening = datetime.datetime(2026, 5, 1, 23, 59, tzinfo=HANOI)
    with time_machine.travel(evening, tick=False):
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "hit"
    # 00:00:30 in Hà Nội is still 1 May in UTC: the day that counts is the local one.
    with time_machine.travel(evening + datetime.timedelta(seconds=90), tick=False):
        assert client.get("/")["X-Page-Cache"] == "miss"


def test_ttl_never_outlives_the_local_day():
    from congdoan.caching import seconds_until_local_midnight

    with time_machine.travel(datetime.datetime(2026, 5, 1, 23, 50, tzinfo=HANOI), tick=False):
        assert seconds_until_local_midnight() == 600
    with time_machine.travel(datetime.datetime(2026, 5, 1, 16, 50, tzinfo=datetime.UTC), tick=False):
        assert seconds_until_local_midnight() == 600


def test_unreachable_redis_serves_from_the_database(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "congdoan.caching.backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    response = client.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_bad_host_is_refused_even_when_cached(client):
    client.get("/")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_per_process_caches_share_the_content_version_through_a_file(settings, tmp_path):
    """Two gunicorn workers without Redis = two local-memory caches; the generation both key
    on comes from one file, so a bump by either (or by any process of the machine) makes
    both read fresh."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    before = content_cache.generation()
    assert content_cache.generation() == before
    content_cache.bump_content_version()
    bumped = content_cache.generation()
    assert bumped != before
    # What another worker's bump does: it replaces the file.
    other = tmp_path / "other"
    other.write_text("0123456789ab")
    other.replace(settings.CONTENT_VERSION_FILE)
    assert content_cache.generation().split("|")[0].split(".")[0] == "0123456789ab"  # network.federation


@pytest.fixture
def asked_providers():
    """Two providers, one per app, that record each time they are asked."""
    asked = []

    def news_schedule():
        asked.append("news")

    def contests_schedule():
        asked.append("contests")

    content_cache.register_next_change(news_schedule, "news")
    content_cache.register_next_change(contests_schedule, "contests")
    yield asked
    del content_cache._next_change_providers[news_schedule]
    del content_cache._next_change_providers[contests_schedule]


def test_an_apps_edit_asks_only_its_own_next_change_again(client, asked_providers):
    from news.models import Section

    client.get("/")
    assert sorted(asked_providers) == ["contests", "news"]
    asked_providers.clear()
    client.get("/?page=2")
    assert asked_providers == []  # nothing changed: the kept answers hold
    Section.objects.create(name="Thời sự", slug="thoi-su")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert asked_providers == ["news"]


def test_a_change_no_app_claims_asks_every_next_change_again(client, asked_providers):
    client.get("/")
    asked_providers.clear()
    content_cache.bump_content_version()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert sorted(asked_providers) == ["contests", "news"]


def test_a_network_wide_change_of_an_app_asks_it_again(client, asked_providers):
    client.get("/")
    asked_providers.clear()
    content_cache.content_will_change(None, "news")  # the national union's news, say
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert asked_providers == ["news"]
