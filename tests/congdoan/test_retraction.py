"""A retracted article is never served after its retraction, whatever the cache is doing.

Against a real Redis that is stopped, hung (SIGSTOP) and resumed during an unpublish through
the admin, and against the setup without Redis (local memory + the version file) when the
version file cannot be written. The unpublish either reaches the cache or is refused with a
page saying why; it never succeeds while old pages stay cached.
"""

import shutil
import time
from pathlib import Path

import pytest
from django.db.models.signals import post_save
from django.test import Client

from congdoan.caching import generations
from news.models import Article
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

UNAVAILABLE_HEADING = "<h1>Chưa lưu được thay đổi</h1>"
RETRY_SECONDS = 0.3
# Three tries of the 0.25 s socket timeout, with room for a slow machine: not 80 s.
REFUSED_WITHIN_SECONDS = 5


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.CACHE_RETRY_SECONDS = RETRY_SECONDS
    yield
    generations._unpropagated.clear()


@pytest.fixture
def on_redis(redis_cache, settings):
    settings.CACHE_RETRY_SECONDS = RETRY_SECONDS
    return redis_cache


@pytest.fixture
def on_local_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def admin_client(django_user_model):
    user = django_user_model.objects.create_superuser("quantri-go", "qt@example.org", "mat-khau-thu")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article():
    return ArticleFactory(title="Thông báo sẽ bị gỡ", slug="thong-bao-se-bi-go")


def unpublish(admin_client, article):
    return admin_client.post("/admin/news/article/", {"action": "unpublish_selected", "_selected_action": [article.pk]})


def reader_sees(url):
    """What a reader without a session gets: (status, from the page cache?, body)."""
    response = Client().get(url)
    return response.status_code, response.get("X-Page-Cache"), response.content.decode()


def assert_cached_and_linked(article):
    url = article.get_absolute_url()
    assert reader_sees(url)[:2] == (200, "miss")
    assert reader_sees(url)[:2] == (200, "hit")
    reader_sees("/")
    status, cache, home = reader_sees("/")
    assert (status, cache) == (200, "hit")
    assert f'href="{url}"' in home


def assert_retracted(article):
    url = article.get_absolute_url()
    assert reader_sees(url)[0] == 404
    status, _, home = reader_sees("/")
    assert status == 200 and f'href="{url}"' not in home


def assert_refused(response, started, article):
    assert time.monotonic() - started < REFUSED_WITHIN_SECONDS
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert UNAVAILABLE_HEADING in response.content.decode()
    assert Article.objects.get(pk=article.pk).is_published  # nothing half-done


def test_unpublish_while_redis_is_hung_is_refused_at_once_and_works_after_it_resumes(on_redis, admin_client, article):
    assert_cached_and_linked(article)
    on_redis.pause()
    started = time.monotonic()
    assert_refused(unpublish(admin_client, article), started, article)
    # Readers meanwhile get the page from the database (still published: the change was refused).
    status, cache, _ = reader_sees(article.get_absolute_url())
    assert (status, cache) == (200, None)

    on_redis.resume()
    time.sleep(RETRY_SECONDS)
    assert unpublish(admin_client, article).status_code == 302
    assert_retracted(article)


def test_unpublish_while_redis_is_down_is_refused_and_works_after_it_restarts(on_redis, admin_client, article):
    assert_cached_and_linked(article)
    on_redis.stop()
    started = time.monotonic()
    assert_refused(unpublish(admin_client, article), started, article)

    on_redis.start()
    time.sleep(RETRY_SECONDS)
    assert unpublish(admin_client, article).status_code == 302
    assert_retracted(article)


def test_redis_hanging_between_the_write_and_its_commit_is_said_and_caught_up(on_redis, admin_client, article):
    """The version was renewed before the write, then Redis hangs before the commit: pages
    rendered in between (old rows, new version) must not survive. The editor is told, this
    process serves nothing from the cache until the retry gets through, and it does."""
    assert_cached_and_linked(article)

    def hang_after_write(sender, instance, **kwargs):
        if instance.pk == article.pk:
            on_redis.pause()

    post_save.connect(hang_after_write, sender=Article)
    try:
        response = unpublish(admin_client, article)
    finally:
        post_save.disconnect(hang_after_write, sender=Article)
    assert response.status_code == 503 and UNAVAILABLE_HEADING in response.content.decode()
    assert not Article.objects.get(pk=article.pk).is_published  # committed: it is said, not hidden
    assert reader_sees(article.get_absolute_url())[0] == 404

    on_redis.resume()
    deadline = time.monotonic() + REFUSED_WITHIN_SECONDS
    while generations._unpropagated.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not generations._unpropagated.is_set()
    assert_retracted(article)


def test_a_hung_redis_costs_one_timeout_per_few_seconds_not_one_per_call(on_redis, article, settings):
    from django.core.cache import cache

    settings.CACHE_RETRY_SECONDS = 60  # longer than this test: every call after the first skips
    reader_sees("/")
    on_redis.pause()
    for _ in range(10):
        assert reader_sees("/")[:2] == (200, None)
        assert reader_sees(article.get_absolute_url())[:2] == (200, None)
    assert cache.breaker.trips == 1


def test_without_redis_an_unwritable_version_file_refuses_the_unpublish(on_local_memory, settings, admin_client,
                                                                      article):  # fmt: skip
    assert_cached_and_linked(article)
    base = Path(settings.CONTENT_VERSION_FILE)
    # The network's version and each federation's (congdoan.caching.generations).
    version_files = [base, *base.parent.glob(f"{base.name}.*")]
    assert len(version_files) >= 2
    for version_file in version_files:
        version_file.unlink()
        version_file.mkdir()  # what a full or read-only disk looks like to the writer: OSError
    try:
        started = time.monotonic()
        assert_refused(unpublish(admin_client, article), started, article)
        assert reader_sees(article.get_absolute_url())[:2] == (200, None)  # never a cached page
    finally:
        for version_file in version_files:
            shutil.rmtree(version_file)
    assert unpublish(admin_client, article).status_code == 302
    assert_retracted(article)


def test_without_redis_an_unpublish_reaches_every_worker_at_once(on_local_memory, admin_client, article):
    """Two workers = two local-memory caches; the version file they share is renewed."""
    assert_cached_and_linked(article)
    assert unpublish(admin_client, article).status_code == 302
    assert_retracted(article)
