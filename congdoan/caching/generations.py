"""The generation: what every cached thing of the site is keyed on.

generation = content version + local day. The content version changes when public content
is saved or deleted (the models each app declares, see `registry`) and when a scheduled
change comes due (the next-change providers apps declare). The local day changes at
midnight in Asia/Ho_Chi_Minh.

Where the version lives: in the shared cache (Redis) when there is one, so every app server
sees a bump at once; otherwise in a small file on this machine (`CONTENT_VERSION_FILE`),
which every gunicorn worker reads (a stat per request), since their local-memory caches are
their own.

A bump must not be lost: a retracted article served after its retraction is the worst
failure this site can have. So a change bumps the version *before* it is written (if that
fails, `CacheUnavailable` is raised and the change is not made: the editor sees why), and
again after its transaction commits (pages rendered in between read the old rows). If that
second bump fails the editor is told too, and it is retried in the background; in the worst
case nothing cached outlives `PAGE_CACHE_SECONDS`/`FRAGMENT_CACHE_SECONDS`.
"""

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .backends import CacheUnavailable
from .clock import site_today

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"
RETRY_INTERVAL_SECONDS = 0.2
NEXT_CHANGE_KEY = "content:next-change"

_next_change_providers: list[Callable[[], datetime | None]] = []


def register_next_change(provider: Callable[[], datetime | None]) -> None:
    """`provider()` returns the next moment public content changes by itself, or None."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)


def _next_change_timestamp() -> float | None:
    moments = [moment for provider in _next_change_providers if (moment := provider()) is not None]
    return min(moments).timestamp() if moments else None


# --- Where the version lives ---------------------------------------------------------------


def _shared_cache() -> bool:
    return hasattr(cache, "set_strict")


_file_state = {"signature": None, "path": None, "value": ""}


def _write_file_version(path: Path, version: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(version)
    os.replace(temporary, path)  # atomic: a reader sees the old or the new version, never half


def file_version() -> str:
    """The machine-wide content version (re-read only when the file was replaced)."""
    path = Path(settings.CONTENT_VERSION_FILE)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        _write_file_version(path, uuid.uuid4().hex[:12])
        stat = os.stat(path)
    signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if _file_state["signature"] != signature or _file_state["path"] != path:
        _file_state.update(signature=signature, path=path, value=path.read_text().strip())
    return _file_state["value"]


def _write_version() -> str:
    """A new version, written where every reader looks; CacheUnavailable if it cannot be."""
    version = uuid.uuid4().hex[:12]
    if _shared_cache():
        cache.set_strict(VERSION_KEY, version, None)
    else:
        try:
            _write_file_version(Path(settings.CONTENT_VERSION_FILE), version)
        except OSError as error:
            raise CacheUnavailable(str(error)) from error
    cache.delete(NEXT_CHANGE_KEY)
    _forget_request_generation()
    return version


def _read_version(keys: tuple[str, ...]) -> tuple[str | None, dict]:
    if _unpropagated.is_set():
        return None, {}
    if _shared_cache():
        values = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, *keys])
        version = values.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex[:12], None)
            version = cache.get(VERSION_KEY)  # ours, or another server's that was quicker
            if version is None:  # unreachable: nothing is cached
                return None, {}
    else:
        try:
            version = file_version()
        except OSError:
            return None, {}
        values = cache.get_many([NEXT_CHANGE_KEY, *keys])
    next_change = values.get(NEXT_CHANGE_KEY)
    if next_change is None or next_change[0] != version:
        cache.set(NEXT_CHANGE_KEY, (version, _next_change_timestamp()), None)
    elif next_change[1] is not None and time.time() >= next_change[1]:
        try:
            version = _write_version()
        except CacheUnavailable:
            return None, {}
    return version, {key: values[key] for key in keys if key in values}


# --- The generation, read once per request -------------------------------------------------


@dataclass
class RequestScope:
    """What the caching layer remembers during one request."""

    generation: str | None = None
    generation_read: bool = False
    # The shortest lifetime declared by a live piece of this page (seconds), or None.
    max_age: int | None = None
    # Objects already looked up in this request (the menu is asked for by the header, the
    # footer and the home page's blocks): one lookup each, cached or not.
    memo: dict = field(default_factory=dict)


_scope: ContextVar[RequestScope | None] = ContextVar("congdoan_cache_scope", default=None)


def open_scope() -> object:
    return _scope.set(RequestScope())


def close_scope(token) -> None:
    _scope.reset(token)


def current_scope() -> RequestScope | None:
    return _scope.get()


def _forget_request_generation() -> None:
    scope = _scope.get()
    if scope is not None:
        scope.generation, scope.generation_read = None, False
        scope.memo.clear()


def generation_with(keys: tuple[str, ...] = ()) -> tuple[str | None, dict]:
    """The generation and the cached values of `keys`, in one round trip to the cache.

    None when the cache cannot be reached (then nothing is cached or served from it)."""
    version, found = _read_version(keys)
    generation = None if version is None else f"{version}|{site_today().isoformat()}"
    scope = _scope.get()
    if scope is not None:
        scope.generation, scope.generation_read = generation, True
    return generation, found


def generation() -> str | None:
    scope = _scope.get()
    if scope is not None and scope.generation_read:
        return scope.generation
    return generation_with()[0]


def declare_max_age(seconds: int) -> None:
    """A live piece of the page (a count, a figure) may not be older than `seconds`: the page
    around it is not cached longer either."""
    scope = _scope.get()
    if scope is not None:
        scope.max_age = seconds if scope.max_age is None else min(scope.max_age, seconds)


# --- Bumps ---------------------------------------------------------------------------------


def bump_content_version() -> str:
    """A new generation now; raises CacheUnavailable when it cannot be written."""
    return _write_version()


# Set while a committed change has not reached the cache: this process then serves nothing
# from it (its pages could predate the change) until the retry succeeds.
_unpropagated = threading.Event()


def _bump_after_commit() -> None:
    try:
        _write_version()
    except CacheUnavailable:
        logger.error("Content version not renewed after a commit; retrying in the background")
        _unpropagated.set()
        _retry_in_background()
        raise


def _retry_in_background() -> None:
    def retry():
        deadline = time.monotonic() + max(settings.PAGE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS)
        while time.monotonic() < deadline:
            time.sleep(RETRY_INTERVAL_SECONDS)
            try:
                _write_version()
            except CacheUnavailable:
                continue
            logger.warning("Content version renewed after the cache came back")
            break
        _unpropagated.clear()  # renewed, or everything cached before has expired by now

    threading.Thread(target=retry, name="content-version-retry", daemon=True).start()


def content_will_change() -> None:
    """Before public content is written: bump now (or refuse the change), and once more when
    the surrounding transaction commits."""
    bump_content_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _bump_after_commit for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit)


def content_changed() -> None:
    """After public content was written outside a transaction: it is visible now."""
    if not transaction.get_connection().in_atomic_block:
        _bump_after_commit()
