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
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .backends import CacheUnavailable
from .clock import site_today

logger = logging.getLogger(__name__)

NETWORK = "network"
ALL_APPS = "*"  # in an app's version scope: the epoch, renewed by every change no app claims
UNSCOPED = "all"  # readers outside a request (commands), who see every federation's rows
RETRY_INTERVAL_SECONDS = 0.2

# provider -> the label of the app whose content it schedules (None: any app's)
_next_change_providers: dict[Callable[[], datetime | None], str | None] = {}


def register_next_change(provider: Callable[[], datetime | None], app: str | None = None) -> None:
    """`provider()` returns the next moment public content changes by itself, or None.

    `app`: the label of the app whose content it schedules. Its answer is then kept until
    that app's content (or everything) changes: a news edit asks only the news provider
    again, not the contests', albums' and videos' (one query each, after every edit)."""
    _next_change_providers.setdefault(provider, app)


def _provider_name(provider) -> str:
    return f"{provider.__module__}.{getattr(provider, '__qualname__', type(provider).__qualname__)}"


# --- Where the versions live --------------------------------------------------------------
# One version for the whole network (federations, hosts, and the national union's content,
# which every federation shows: its commemorations, its pushed articles) and one per
# federation. A federation's generation is both: `network.federation|id|day`.


def _version_key(scope) -> str:
    return f"content:version:{scope}"


def _next_change_key(scope, provider) -> str:
    """Where a provider's kept answer lives (`provider` None: the scope's next moment)."""
    return f"content:next-change:{scope}:{'*' if provider is None else _provider_name(provider)}"


def _shared_cache() -> bool:
    return hasattr(cache, "set_strict")


_file_state: dict[Path, tuple] = {}


def _version_file(scope) -> Path:
    return _version_path(str(settings.CONTENT_VERSION_FILE), scope)


@lru_cache(maxsize=4096)
def _version_path(base: str, scope) -> Path:
    """A page reads a dozen versions (the network's, the federation's, those of the apps its
    pieces show), and building each path anew cost more than the stat that reads it."""
    path = Path(base)
    return path if scope == NETWORK else path.with_name(f"{path.name}.{scope}")


def _write_file_version(path: Path, version: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(version)
    os.replace(temporary, path)  # atomic: a reader sees the old or the new version, never half


def file_version(scope=NETWORK) -> str:
    """A machine-wide content version (re-read only when its file was replaced)."""
    path = _version_file(scope)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        _write_file_version(path, uuid.uuid4().hex[:12])
        stat = os.stat(path)
    signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    known = _file_state.get(path)
    if known is None or known[0] != signature:
        known = _file_state[path] = (signature, path.read_text().strip())
    return known[1]


def _app_scope(scope, app: str) -> str:
    """Where the version of one app's content in `scope` lives (`ALL_APPS`: the epoch); `app`
    may also be a model's label (`news.section`): the version of that model's rows alone."""
    return f"{scope}@{app}"


def _with_their_apps(labels) -> set[str]:
    """App and model labels, each model's app added: a write of a model renews both."""
    return {*labels, *(label.split(".")[0] for label in labels)}


def _write_versions(scopes, apps=()) -> None:
    """New versions for `scopes`, written where every reader looks; CacheUnavailable if not.

    Also renewed: the versions of `apps` in those scopes, or, when no app is named (a
    scheduled change, an explicit bump, a retry), their epoch, which every app's version
    includes (see `app_generation`)."""
    scopes = set(scopes)
    apps = _with_their_apps(apps) or {ALL_APPS}
    names = list(scopes) + [_app_scope(scope, app) for scope in scopes for app in apps]
    if _shared_cache():
        for name in names:
            cache.set_strict(_version_key(name), uuid.uuid4().hex[:12], None)
    else:
        try:
            for name in names:
                _write_file_version(_version_file(name), uuid.uuid4().hex[:12])
        except OSError as error:
            raise CacheUnavailable(str(error)) from error
    _forget_request_generation()


def _scope_of_request():
    from congdoan.tenancy import current_federation

    federation = current_federation()
    return UNSCOPED if federation is None else federation.pk


def _provider_version_names(scope, app: str | None) -> list[str]:
    """The versions a provider's answer is kept by: its app's (with the epoch), or all."""
    if app is None:
        return [NETWORK, scope]
    return [_app_scope(where, name) for name in (ALL_APPS, app) for where in (NETWORK, scope)]


def _versions_of(names: list[str], values: dict) -> list[str] | None:
    """The versions `names` from a `get_many` of the shared cache, starting missing ones."""
    found = []
    for name in names:
        version = values.get(_version_key(name))
        if version is None:
            cache.add(_version_key(name), uuid.uuid4().hex[:12], None)
            version = cache.get(_version_key(name))  # ours, or another server's that was quicker
            if version is None:  # unreachable: nothing is cached
                return None
        found.append(version)
    return found


def _next_moment(scope) -> float | None:
    """When content of `scope` next changes by itself: each provider's answer is kept with the
    versions it was asked at (its app's) and asked again only when those changed, so a news
    edit asks news alone. Read only when the scope's version changed (see `_read_versions`)."""
    providers = list(_next_change_providers.items())
    names = list(dict.fromkeys(name for _, app in providers for name in _provider_version_names(scope, app)))
    keys = [_next_change_key(scope, provider) for provider, _ in providers]
    if _shared_cache():  # the versions and the kept answers in one round trip
        known_answers = cache.get_many([*(_version_key(name) for name in names), *keys])
        read = _versions_of(names, known_answers)
    else:
        read = _read_named_versions(names)
        known_answers = cache.get_many(keys)
    if read is None:
        return None
    versions = dict(zip(names, read, strict=True))
    moments, stale = [], {}
    for (provider, app), key in zip(providers, keys, strict=True):
        asked_at = ".".join(versions[name] for name in _provider_version_names(scope, app))
        known = known_answers.get(key)
        if known is None or known[0] != asked_at:
            moment = provider()
            known = stale[key] = (asked_at, None if moment is None else moment.timestamp())
        if known[1] is not None:
            moments.append(known[1])
    if stale:
        cache.set_many(stale, None)
    return min(moments) if moments else None


def _read_versions(scope, keys: tuple[str, ...]) -> tuple[str | None, dict]:
    """`network.federation` for `scope` and the cached values of `keys` (one round trip).

    Also turns the generation over when a scheduled change has come due: the next moment is
    kept with the version it was computed at, and computed again (`_next_moment`) only when
    that version changed."""
    if _unpropagated.is_set():
        return None, {}
    summary_key = _next_change_key(scope, None)
    if _shared_cache():
        values = cache.get_many([_version_key(NETWORK), _version_key(scope), summary_key, *keys])
        versions = _versions_of([NETWORK, scope], values)
        if versions is None:
            return None, {}
    else:
        try:
            versions = [file_version(NETWORK), file_version(scope)]
        except OSError:
            return None, {}
        values = cache.get_many([summary_key, *keys])
    version = ".".join(versions)
    summary = values.get(summary_key)
    if summary is None or summary[0] != version:
        summary = (version, _next_moment(scope))
        cache.set(summary_key, summary, None)
    if summary[1] is not None and time.time() >= summary[1]:
        try:
            _write_versions([scope])
        except CacheUnavailable:
            return None, {}
        return _read_versions(scope, keys)
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
    scope = _scope_of_request()
    version, found = _read_versions(scope, keys)
    generation = None if version is None else f"{version}|{scope}|{site_today().isoformat()}"
    request_scope = _scope.get()
    if request_scope is not None:
        request_scope.generation, request_scope.generation_read = generation, True
    return generation, found


def generation() -> str | None:
    scope = _scope.get()
    if scope is not None and scope.generation_read:
        return scope.generation
    return generation_with()[0]


def _read_named_versions(names: list[str]) -> list[str] | None:
    if _shared_cache():
        return _versions_of(names, cache.get_many([_version_key(name) for name in names]))
    try:
        return [file_version(name) for name in names]
    except OSError:
        return None


def app_generation(apps: tuple[str, ...]) -> str | None:
    """Like `generation()`, for a piece that shows only the public content of `apps` (app
    labels, or model labels such as `news.section` for a piece showing only those rows): it
    changes when content of those apps is saved or deleted in this federation or
    network-wide, with every change no app claims (a scheduled change coming due, an
    explicit bump), and at local midnight, but not when another app's content is saved: a
    news edit leaves the ticker as it is. None when nothing may be cached."""
    if generation() is None:  # also turns the generation over when a scheduled change came due
        return None
    scope = _scope_of_request()
    request_scope = _scope.get()
    memo_key = ("app-generation", scope, apps)
    if request_scope is not None and memo_key in request_scope.memo:
        return request_scope.memo[memo_key]
    names = [_app_scope(where, app) for app in (ALL_APPS, *sorted(set(apps))) for where in (NETWORK, scope)]
    versions = _read_named_versions(names)
    found = None if versions is None else f"{'.'.join(versions)}|{','.join(sorted(apps))}|{scope}|{site_today()}"
    if request_scope is not None and found is not None:
        request_scope.memo[memo_key] = found
    return found


def declare_max_age(seconds: int) -> None:
    """A live piece of the page (a count, a figure) may not be older than `seconds`: the page
    around it is not cached longer either."""
    scope = _scope.get()
    if scope is not None:
        scope.max_age = seconds if scope.max_age is None else min(scope.max_age, seconds)


# --- Bumps ---------------------------------------------------------------------------------


def network_version() -> str | None:
    """The network's version alone (the federation directory is kept per network version)."""
    if _unpropagated.is_set():
        return None
    if _shared_cache():
        version = cache.get(_version_key(NETWORK))
        if version is None:
            cache.add(_version_key(NETWORK), uuid.uuid4().hex[:12], None)
            version = cache.get(_version_key(NETWORK))
        return version
    try:
        return file_version(NETWORK)
    except OSError:
        return None


def scopes_changed_by(federation_id) -> set:
    """What a change to a federation's content makes stale: that federation, the national
    site (which aggregates every federation) and readers of every federation; a change to the
    national union's own content or to a network-wide row (federation_id None): everything."""
    from congdoan.tenancy import national_federation_id

    if federation_id is None:
        return {NETWORK}
    national = national_federation_id()
    if federation_id == national:
        return {NETWORK}
    return {federation_id, national, UNSCOPED} - {None}


def bump_content_version(federation_id=None) -> None:
    """New generations now (all of them by default); raises CacheUnavailable when it cannot."""
    _write_versions(scopes_changed_by(federation_id))


# Set while a committed change has not reached the cache: this process then serves nothing
# from it (its pages could predate the change) until the retry succeeds.
_unpropagated = threading.Event()
_pending = threading.local()


def _bump_after_commit() -> None:
    scopes = getattr(_pending, "scopes", None) or {NETWORK}
    apps = getattr(_pending, "apps", None) or set()
    _pending.scopes, _pending.apps = set(), set()
    try:
        _write_versions(scopes, () if ALL_APPS in apps else apps)
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
                _write_versions([NETWORK])
            except CacheUnavailable:
                continue
            logger.warning("Content version renewed after the cache came back")
            break
        _unpropagated.clear()  # renewed, or everything cached before has expired by now

    threading.Thread(target=retry, name="content-version-retry", daemon=True).start()


def content_will_change(federation_id=None, app: str | None = None) -> None:
    """Before public content of `federation_id` (None: network-wide) is written: bump now (or
    refuse the change), and once more when the surrounding transaction commits. `app`: the
    label of the app whose content it is, or of its model (`news.section`: that model's and
    its app's versions are renewed); None: any app's."""
    scopes = scopes_changed_by(federation_id)
    _write_versions(scopes, () if app is None else (app,))
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if not hasattr(_pending, "scopes"):
            _pending.scopes = set()
        if not hasattr(_pending, "apps"):
            _pending.apps = set()
        _pending.scopes |= scopes
        _pending.apps.add(app or ALL_APPS)
        if not any(callback is _bump_after_commit for _, callback, _ in connection.run_on_commit):
            transaction.on_commit(_bump_after_commit)


def content_changed(federation_id=None, app: str | None = None) -> None:
    """After public content was written outside a transaction: it is visible now."""
    if not transaction.get_connection().in_atomic_block:
        _pending.scopes = scopes_changed_by(federation_id)
        _pending.apps = {app or ALL_APPS}
        _bump_after_commit()
