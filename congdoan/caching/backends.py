"""A Redis cache that an unresponsive server cannot slow down.

Django-redis with IGNORE_EXCEPTIONS turns a *down* Redis into misses, but a *hung* one
(SIGSTOP, a full network buffer, a failover) costs the socket timeout on every call, and a
page makes several: every request then took 10–14 s. Here the first failure opens a
breaker for `CACHE_RETRY_SECONDS`, during which every call answers at once as a miss; the
next call after that probes the server again. So a hung Redis costs one short timeout per
process per few seconds, and the site keeps serving from the database.

`set_strict()` is for the writes that must not be lost (the content version): it ignores
the breaker, retries, and raises `CacheUnavailable` when it cannot write.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (ConnectionInterrupted, RedisError, OSError)


class CacheUnavailable(Exception):
    """A write that had to reach the shared cache did not."""


class Breaker:
    """Open for a few seconds after a failure: calls skip the server instead of waiting on it."""

    def __init__(self):
        self._open_until = 0.0
        self._lock = threading.Lock()
        self.trips = 0  # how many calls found the server failing (each cost one timeout at most)

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
            self.trips += 1

    def close(self) -> None:
        self._open_until = 0.0


def _guarded(name: str, default=None):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if self.breaker.is_open():
            return default() if callable(default) else default
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            self.breaker.trip()
            logger.warning("Redis cache unreachable (%s): serving without the cache for %ss", error.__class__.__name__,
                           settings.CACHE_RETRY_SECONDS)  # fmt: skip
            return default() if callable(default) else default

    return call


class ResilientRedisCache(RedisCache):
    """django-redis's cache with the breaker above; see the module's docstring."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options["IGNORE_EXCEPTIONS"] = False  # failures are handled here, with the breaker
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = Breaker()

    _guarded_get = _guarded("get")
    get_many = _guarded("get_many", dict)
    set = _guarded("set", False)
    set_many = _guarded("set_many", list)
    add = _guarded("add", None)  # None: not known (False would say "already there")
    delete = _guarded("delete", False)
    delete_many = _guarded("delete_many", 0)
    delete_pattern = _guarded("delete_pattern", 0)
    has_key = _guarded("has_key", False)
    touch = _guarded("touch", False)
    incr = _guarded("incr", None)
    clear = _guarded("clear", None)

    def get(self, key, default=None, version=None, client=None):
        found = self._guarded_get(key, default, version=version, client=client)
        return default if found is None else found

    def set_strict(self, key, value, timeout=None, *, attempts: int = 3) -> None:
        """Write `key` or raise CacheUnavailable (after `attempts` tries, each bounded by the
        socket timeouts)."""
        for attempt in range(attempts):
            try:
                RedisCache.set(self, key, value, timeout)
            except FAILURES as error:
                if attempt == attempts - 1:
                    self.breaker.trip()
                    raise CacheUnavailable(str(error)) from error
                time.sleep(0.05)
            else:
                self.breaker.close()
                return
