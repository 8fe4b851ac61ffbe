"""Batched view counts for "Đọc nhiều".

Every article view is a beacon POST (pages stay cacheable); writing one UPDATE per view
would make the busiest article's row the hottest lock in the database. Views are added up
in a buffer and written in one statement per flush, at most every
`VIEW_COUNT_FLUSH_SECONDS` (by the first beacon after that time) or sooner when
`VIEW_COUNT_FLUSH_AFTER` views are waiting.

- With Redis (REDIS_URL): one hash shared by every app server, HINCRBY per view; a flush
  atomically renames the hash away, so a view is never written twice nor lost between
  reading and clearing. Should the write fail, the counts go back into the hash.
- Without Redis (one machine): a per-process counter, flushed on the same schedule and when
  the worker exits.
- Redis unreachable: the view is written at once, as before batching.

One view per reader per article per window (`first_view_in_window`). The page is cached
whole for anonymous readers, so anything in its HTML (a token, a nonce) is the same for
every reader and proves nothing about who posts it; a cookie set by the beacon is simply
not sent by a script. What a script cannot choose is its address, so the reader is the
client address (trusted proxies' X-Forwarded-For, see congdoan.security; an IPv6 /64,
which one subscriber gets whole) and `cache.add` on (article, reader, window) keeps the
first view: 300 forged posts from one address count once. Readers behind one NAT (a union
office) count once per window between them: "Đọc nhiều" ranks articles against each other,
so it undercounts them evenly rather than letting one client decide it. With Redis the
key is shared by every app server; in a per-process cache each worker keeps its own.
"""

import atexit
import ipaddress
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils.crypto import salted_hmac

PENDING_KEY = "news:views:pending"
FLUSH_LOCK_KEY = "news:views:flush-lock"
SEEN_KEY = "news:views:seen:{pk}:{window}:{reader}"


def reader_of(address: str) -> str:
    """The reader an address stands for: itself, or its /64 for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def first_view_in_window(pk: int, address: str) -> bool:
    """True for the first view of article `pk` from this reader in the current window."""
    window = settings.VIEW_COUNT_WINDOW_SECONDS
    # Keyed by a keyed hash: the cache holds no reader addresses.
    reader = salted_hmac("news.view_counts.reader", reader_of(address)).hexdigest()[:24]
    key = SEEN_KEY.format(pk=pk, window=int(time.time() // window), reader=reader)
    # None: the cache did not answer (Redis down); count rather than lose every view.
    return cache.add(key, 1, timeout=window) is not False


def write_counts(counts: dict[int, int]) -> None:
    """Add `counts` ({article id: views}) to the articles, in one UPDATE."""
    from .models import Article

    counts = {pk: n for pk, n in counts.items() if n > 0}
    if not counts:
        return
    increment = Case(*(When(pk=pk, then=Value(n)) for pk, n in counts.items()), default=Value(0))
    with transaction.atomic():
        Article.objects.filter(pk__in=list(counts)).update(view_count=F("view_count") + increment)


class LocalBuffer:
    """Counts kept in this process (no shared cache): fine for one machine."""

    def __init__(self):
        self._counts = Counter()
        self._lock = threading.Lock()
        self._last_flush = time.monotonic()

    def record(self, pk: int) -> None:
        with self._lock:
            self._counts[pk] += 1
            due = (
                time.monotonic() - self._last_flush >= settings.VIEW_COUNT_FLUSH_SECONDS
                or self._counts.total() >= settings.VIEW_COUNT_FLUSH_AFTER
            )
        if due:
            self.flush()

    def pending(self) -> dict[int, int]:
        with self._lock:
            return dict(self._counts)

    def flush(self) -> None:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._last_flush = time.monotonic()
        try:
            write_counts(counts)
        except Exception:
            with self._lock:
                self._counts.update(counts)
            raise


class RedisBuffer:
    """Counts in one Redis hash shared by every app server."""

    def __init__(self, client_factory):
        self._client_factory = client_factory

    def _key(self, name: str) -> str:
        return cache.make_and_validate_key(name)

    def record(self, pk: int) -> None:
        client = self._client_factory()
        try:
            pipe = client.pipeline()
            pipe.hincrby(self._key(PENDING_KEY), pk, 1)
            pipe.hlen(self._key(PENDING_KEY))
            pipe.set(self._key(FLUSH_LOCK_KEY), 1, nx=True, ex=max(1, settings.VIEW_COUNT_FLUSH_SECONDS))
            _, waiting, lock_taken = pipe.execute()
        except Exception:  # Redis down: count this view directly
            write_counts({pk: 1})
            return
        if lock_taken or waiting >= settings.VIEW_COUNT_FLUSH_AFTER:
            self.flush()

    def pending(self) -> dict[int, int]:
        raw = self._client_factory().hgetall(self._key(PENDING_KEY))
        return {int(pk): int(n) for pk, n in raw.items()}

    def flush(self) -> None:
        client = self._client_factory()
        taken = f"{self._key(PENDING_KEY)}:{uuid.uuid4().hex}"
        try:
            client.rename(self._key(PENDING_KEY), taken)
        except Exception:  # nothing pending (or Redis down): nothing to write
            return
        counts = {int(pk): int(n) for pk, n in client.hgetall(taken).items()}
        try:
            write_counts(counts)
        except Exception:
            pipe = client.pipeline()
            for pk, n in counts.items():
                pipe.hincrby(self._key(PENDING_KEY), pk, n)
            pipe.execute()
            raise
        finally:
            client.delete(taken)


_buffer = None
_buffer_lock = threading.Lock()


def buffer():
    """The buffer for the configured cache (created once per process)."""
    global _buffer
    with _buffer_lock:
        if _buffer is None:
            from django.core.cache import caches
            from django_redis.cache import RedisCache

            if isinstance(caches["default"], RedisCache):
                from django_redis import get_redis_connection

                _buffer = RedisBuffer(lambda: get_redis_connection("default"))
            else:
                _buffer = LocalBuffer()
        return _buffer


def record_view(pk: int) -> None:
    buffer().record(pk)


def flush() -> None:
    buffer().flush()


@atexit.register
def _flush_on_exit() -> None:
    """A worker that stops (deploy, restart) writes what it holds; Redis keeps its own."""
    if isinstance(_buffer, LocalBuffer) and _buffer.pending():
        _buffer.flush()
