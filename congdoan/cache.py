"""Content version for full-page caching.

Every cached page's key includes one content version. Any save or delete in the
content apps bumps it, so an edit shows at once on every app server sharing the
cache. Things that change without a save — an article scheduled for 08:00 — are
announced by "next change" providers (`register_next_change`): when that moment
passes, the version is bumped just as if someone had saved.

Without Redis each gunicorn worker has its own local-memory cache, and a bump made by
the worker that saved would not reach the others. There every key of the cache is
namespaced by a small file (`CONTENT_VERSION_FILE`) that a bump replaces: all workers
of the machine then read fresh, for pages and for everything else cached (menu, site
identity, ticker). See `namespaced_key`, the cache's KEY_FUNCTION in that setup.
"""

import hashlib
import os
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "content:version"
NEXT_CHANGE_KEY = "content:next-change"
CONTENT_APPS = {"congdoan", "news", "banners", "campaigns"}
# Of the contests app, only what organisers edit (and public pages show): contestants'
# answers, attempts and registrations are written on every click and must not empty the
# site-wide cache.
CONTENT_MODELS = {"contests.contest", "contests.round", "contests.unit", "contests.unitgroup"}

_next_change_providers: list[Callable[[], datetime | None]] = []


def register_next_change(provider: Callable[[], datetime | None]) -> None:
    """`provider()` returns the next moment public content changes by itself, or None."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)


def bump_content_version() -> str:
    version = uuid.uuid4().hex[:12]
    if _uses_version_file():
        _write_file_version(Path(settings.CONTENT_VERSION_FILE), version)
    cache.set(VERSION_KEY, version, None)
    cache.delete(NEXT_CHANGE_KEY)
    return version


# --- Per-process caches: one shared file version namespaces every key ---------------------

_file_version = {"stat": None, "path": None, "value": ""}


def _uses_version_file() -> bool:
    return settings.CACHES["default"].get("KEY_FUNCTION") == "congdoan.cache.namespaced_key"


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
    if _file_version["stat"] != signature or _file_version["path"] != path:
        _file_version.update(stat=signature, path=path, value=path.read_text().strip())
    return _file_version["value"]


def namespaced_key(key: str, key_prefix: str, version: int) -> str:
    """KEY_FUNCTION for a per-process cache: Django's key plus the machine-wide version."""
    return f"{key_prefix}:{version}:{file_version()}:{key}"


def _next_change_timestamp() -> float | None:
    moments = [moment for provider in _next_change_providers if (moment := provider()) is not None]
    return min(moments).timestamp() if moments else None


def content_version_with(keys: tuple[str, ...] = ()) -> tuple[str | None, dict]:
    """The current version and the values of `keys`, read in one round trip.

    The version is None when the cache cannot be reached (then nothing is cached).
    """
    values = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, *keys])
    found = {key: values[key] for key in keys if key in values}
    version = values.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY)
            if version is None:
                return None, found
    next_change = values.get(NEXT_CHANGE_KEY)
    if next_change is None or next_change[0] != version:
        cache.set(NEXT_CHANGE_KEY, (version, _next_change_timestamp()), None)
    elif next_change[1] is not None and time.time() >= next_change[1]:
        version = bump_content_version()
    return version, found


def content_version() -> str | None:
    return content_version_with()[0]


def cache_generation_with(request, keys: tuple[str, ...] = ()) -> tuple[str | None, dict]:
    """Content version and local day: what every cached page and fragment depends on, and the
    values of `keys` read along in the same round trip.

    Stored on the request, so a fragment rendered in the same request costs no second cache
    read. None when the cache cannot be reached.
    """
    version, found = content_version_with(keys)
    if version is None:
        return None, found
    generation = f"{version}|{timezone.localdate().isoformat()}"
    if request is not None:
        request.cache_generation = generation
    return generation, found


def cache_generation(request=None) -> str | None:
    generation = getattr(request, "cache_generation", None)
    if generation is None:
        generation, _ = cache_generation_with(request)
    return generation


def generation_cached(request, name: str, key: str, load: Callable, public: Callable[[object], bool] | None = None):
    """`load()` once per content generation (as {% fragment %}): for the object a public page
    is about, looked up on every view, or a count. None is never stored (unknown slugs never
    fill the cache), nor what `public(found)` refuses (drafts shown to staff are read fresh)."""
    generation = cache_generation(request) if settings.FRAGMENT_CACHE_SECONDS > 0 else None
    if generation is None:
        return load()
    cache_key = "object:" + hashlib.sha1(f"{name}|{generation}|{key}".encode(), usedforsecurity=False).hexdigest()
    found = cache.get(cache_key)
    if found is None:
        found = load()
        if found is not None and (public is None or public(found)):
            cache.set(cache_key, found, settings.FRAGMENT_CACHE_SECONDS)
    return found


def on_content_change(sender, **kwargs) -> None:
    """Signal receiver: a content model was saved, deleted or had its relations changed."""
    if kwargs.get("raw"):
        return
    model = sender if isinstance(sender, type) else type(sender)
    owner_meta = (getattr(model._meta, "auto_created", None) or model)._meta
    if owner_meta.app_label in CONTENT_APPS or owner_meta.label_lower in CONTENT_MODELS:
        bump_content_version()
