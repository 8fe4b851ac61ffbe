"""Batched view counts: nothing lost, nothing counted twice, one UPDATE per flush."""

import itertools
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import view_counts
from news.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

HUMAN = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile", "HTTP_SEC_FETCH_SITE": "same-origin"}
# Each beacon below comes from another reader (one view per reader per window is counted).
readers = (f"10.{n // 65536}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))


@pytest.fixture(autouse=True)
def _inside_one_window():
    """Views are counted once per reader per clock-aligned window (hh:00, hh:30): a test
    that sends one reader's beacon many times starts well inside a window, not at its edge."""
    with time_machine.travel("2026-12-01 08:10:00 +0000", tick=True):
        yield


def beacon(client, article, **headers):
    return client.post(f"/bai-viet/{article.pk}/luot-xem/", **{**HUMAN, "REMOTE_ADDR": next(readers), **headers})


def counts(*articles):
    return [Article.objects.get(pk=article.pk).view_count for article in articles]


@pytest.fixture
def slow_flush(settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    settings.VIEW_COUNT_FLUSH_AFTER = 10_000


@pytest.fixture
def local_counts(settings, slow_flush):
    """The per-process buffer, whatever cache this test run uses (CI runs one with Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert isinstance(view_counts.buffer(), view_counts.LocalBuffer)


@pytest.fixture
def redis_counts(settings, redis_server, slow_flush):
    settings.CACHES = {
        "default": {
            "BACKEND": "congdoan.caching.backends.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3},
        }
    }
    assert isinstance(view_counts.buffer(), view_counts.RedisBuffer)
    return redis_server


def test_beacons_are_buffered_then_written_in_one_update(client, local_counts):
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, first, first, second):
        with CaptureQueriesContext(connection) as queries:
            assert beacon(client, article).status_code == 204
        assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert counts(first, second) == [0, 0]
    assert view_counts.buffer().pending() == {first.pk: 3, second.pk: 1}

    with CaptureQueriesContext(connection) as queries:
        view_counts.flush()
    assert [q["sql"].split()[0] for q in queries.captured_queries if q["sql"].startswith("UPDATE")] == ["UPDATE"]
    assert counts(first, second) == [3, 1]
    assert view_counts.buffer().pending() == {}
    view_counts.flush()  # nothing pending: nothing written twice
    assert counts(first, second) == [3, 1]


def test_buffer_flushes_by_itself_after_enough_views_or_time(client, local_counts, settings):
    article = ArticleFactory()
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    settings.VIEW_COUNT_FLUSH_AFTER = 3
    beacon(client, article)
    beacon(client, article)
    assert counts(article) == [0]
    beacon(client, article)
    assert counts(article) == [3]
    settings.VIEW_COUNT_FLUSH_SECONDS = 0
    beacon(client, article)
    assert counts(article) == [4]


def test_unpublished_or_unknown_articles_are_not_buffered(client, local_counts):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    beacon(client, draft)
    client.post("/bai-viet/987654/luot-xem/", **HUMAN)
    assert view_counts.buffer().pending() == {}


def test_a_failed_write_keeps_the_counts_for_the_next_flush(client, local_counts, monkeypatch):
    article = ArticleFactory()
    beacon(client, article)
    beacon(client, article)

    def broken(counts):
        raise RuntimeError("database away")

    monkeypatch.setattr(view_counts, "write_counts", broken)
    with pytest.raises(RuntimeError):
        view_counts.flush()
    monkeypatch.undo()
    assert view_counts.buffer().pending() == {article.pk: 2}
    view_counts.flush()
    assert counts(article) == [2]


def test_redis_buffer_is_shared_and_flushes_once(client, redis_counts):
    first, second = ArticleFactory(), ArticleFactory()
    beacon(client, first)  # the first view of a flush period takes the flush lock and writes
    assert counts(first, second) == [1, 0]
    for article in (second, first, first):
        beacon(client, article)
    assert counts(first, second) == [1, 0]
    # Another app server sees the same pending counts: they live in Redis, not in a process.
    view_counts._buffer = None
    assert view_counts.buffer().pending() == {first.pk: 2, second.pk: 1}
    view_counts.flush()
    view_counts.flush()
    assert counts(first, second) == [3, 1]


def test_redis_buffer_gives_counts_back_when_the_write_fails(client, redis_counts, monkeypatch):
    article = ArticleFactory()
    beacon(client, article)  # written: it took the flush lock
    beacon(client, article)
    monkeypatch.setattr(view_counts, "write_counts", lambda counts: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        view_counts.flush()
    monkeypatch.undo()
    beacon(client, article)
    assert view_counts.buffer().pending() == {article.pk: 2}
    view_counts.flush()
    assert counts(article) == [3]


def test_redis_down_counts_each_view_directly(client, redis_counts):
    article = ArticleFactory()
    redis_counts.stop()
    assert beacon(client, article).status_code == 204
    assert beacon(client, article).status_code == 204
    assert counts(article) == [2]


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_and_flushes_lose_nothing(redis_counts, settings):
    settings.VIEW_COUNT_FLUSH_AFTER = 7  # many flushes race with many increments
    articles = [ArticleFactory() for _ in range(3)]
    per_thread = 60

    def reader(index):
        try:
            for n in range(per_thread):
                view_counts.record_view(articles[(index + n) % 3].pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    view_counts.flush()
    assert sum(counts(*articles)) == 4 * per_thread
    assert counts(*articles) == [80, 80, 80]


@pytest.fixture(params=["local_counts", "redis_counts"])
def any_counts(request):
    return request.getfixturevalue(request.param)


def test_three_hundred_forged_posts_add_one_view(client, any_counts):
    """The attack as reported: a script posting the beacon with a forged Origin."""
    article = ArticleFactory()
    forged = {
        "HTTP_USER_AGENT": HUMAN["HTTP_USER_AGENT"],
        "HTTP_ORIGIN": "http://testserver",
        "REMOTE_ADDR": "203.0.113.9",
    }
    for _ in range(300):
        assert client.post(f"/bai-viet/{article.pk}/luot-xem/", **forged).status_code == 204
    view_counts.flush()
    assert counts(article) == [1]


def test_forged_forwarded_addresses_are_one_reader(client, local_counts, settings):
    """Behind one trusted proxy only the address it appended counts, not what the client wrote."""
    settings.TRUSTED_PROXY_COUNT = 1
    article = ArticleFactory()
    for n in range(50):
        beacon(client, article, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.9")
    view_counts.flush()
    assert counts(article) == [1]


def test_an_ipv6_subscriber_is_one_reader(client, local_counts):
    article = ArticleFactory()
    for address in ("2001:db8:aa:bb::1", "2001:db8:aa:bb::2", "2001:db8:aa:bb:dead:beef:1:2"):
        beacon(client, article, REMOTE_ADDR=address)
    beacon(client, article, REMOTE_ADDR="2001:db8:aa:cc::1")
    view_counts.flush()
    assert counts(article) == [2]


def test_a_reader_counts_once_per_window_and_again_in_the_next(client, local_counts, settings):
    settings.VIEW_COUNT_WINDOW_SECONDS = 1800
    with time_machine.travel("2026-12-01 08:00:05 +0000", tick=False) as clock:
        first, second = ArticleFactory(), ArticleFactory()
        # A reader opens the article (the page is the same cached HTML for everyone), then
        # article.js posts the beacon; reloading, or reading another article, as readers do.
        page = client.get(f"/bai-viet/{first.slug}/").content.decode()
        assert f'<article class="article" data-view-url="/bai-viet/{first.pk}/luot-xem/">' in page
        for article in (first, first, second, first):
            assert beacon(client, article, REMOTE_ADDR="192.0.2.7").status_code == 204
        beacon(client, first, REMOTE_ADDR="192.0.2.8")  # a colleague at another address
        view_counts.flush()
        assert counts(first, second) == [2, 1]

        clock.shift(timedelta(minutes=29))
        beacon(client, first, REMOTE_ADDR="192.0.2.7")
        view_counts.flush()
        assert counts(first, second) == [2, 1]

        clock.shift(timedelta(minutes=1))  # 08:30:05: the next window
        beacon(client, first, REMOTE_ADDR="192.0.2.7")
        view_counts.flush()
        assert counts(first, second) == [3, 1]
