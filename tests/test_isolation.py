"""The test harness's own isolation between parallel workers (tests/conftest.py)."""

from congdoan.caching.backends import ResilientRedisCache


def test_clearing_the_cache_leaves_other_workers_keys(redis_server):
    """Parallel workers share one Redis under their own key prefixes: one worker clearing its
    cache must not empty another's (FLUSHDB did: a page one test had just stored was gone
    before its second request)."""

    def worker_cache(prefix):
        return ResilientRedisCache(redis_server.url, {"KEY_PREFIX": prefix, "OPTIONS": {}})

    mine, theirs = worker_cache("congdoan-gw0"), worker_cache("congdoan-gw1")
    mine.set("page", "mine")
    theirs.set("page", "theirs")
    mine.clear()
    assert (mine.get("page"), theirs.get("page")) == (None, "theirs")
