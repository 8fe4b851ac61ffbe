"""Pieces of pages kept per generation: rendered fragments and looked-up objects."""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from .clock import seconds_until_local_midnight
from .generations import current_scope, declare_max_age, generation


def _key(kind: str, name: str, current: str, parts) -> str:
    raw = "|".join([name, current, *(str(part) for part in parts)])
    return f"{kind}:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def _lifetime(seconds: int | None) -> int:
    """A live figure's own lifetime, else until the content or the day changes."""
    if seconds is not None:
        return seconds
    return min(settings.FRAGMENT_CACHE_SECONDS, seconds_until_local_midnight())


def _store(cache_key: str, value, seconds: int | None) -> None:
    lifetime = _lifetime(seconds)
    # The expiry is kept with the value and checked on this clock too: a live figure's
    # lifetime then holds whatever the cache server's own clock and eviction do.
    cache.set(cache_key, (time.time() + lifetime, value), lifetime)


def _fresh(stored):
    if stored is None or time.time() >= stored[0]:
        return None
    return stored[1]


def _current_generation(seconds: int | None) -> str | None:
    """None when this piece is not to be cached (caching off, or a lifetime of 0)."""
    if seconds is not None:
        declare_max_age(seconds)
        return generation() if seconds > 0 else None
    return generation() if settings.FRAGMENT_CACHE_SECONDS > 0 else None


def cached(name: str, key, load: Callable, *, public: Callable[[object], bool] | None = None,
           seconds: int | None = None):  # fmt: skip
    """`load()` once per generation, for every reader: the object a public page is about, a
    count, a menu. None is never stored (unknown slugs never fill the cache), nor what
    `public(found)` refuses (a draft shown to its author is read fresh). Live figures pass
    `seconds`: they are then at most that old, and so is any page showing them."""
    scope = current_scope()
    memo_key = (name, str(key))
    if scope is not None and memo_key in scope.memo:
        return scope.memo[memo_key]
    current = _current_generation(seconds)
    found = None if current is None else _fresh(cache.get(cache_key := _key("object", name, current, [key])))
    if found is None:
        found = load()
        if current is not None and found is not None and (public is None or public(found)):
            _store(cache_key, found, seconds)
    if scope is not None and found is not None:
        scope.memo[memo_key] = found
    return found


def cached_html(name: str, parts, render: Callable[[], str], *, seconds: int | None = None) -> str:
    """A rendered piece of a page (or a dict of them), kept per generation (see `cached`)."""
    current = _current_generation(seconds)
    if current is None:
        return render()
    cache_key = _key("fragment", name, current, parts)
    html = _fresh(cache.get(cache_key))
    if html is None:
        html = render()
        _store(cache_key, html, seconds)
    return html


def cached_render(request, name: str, parts, template_name: str, build: Callable[[], dict], *,
                  seconds: int | None = None, enabled: bool = True) -> str:  # fmt: skip
    """A piece of a page: `template_name` rendered with `build()`'s data, kept per generation
    and origin (absolute links differ by scheme and host). `build()` — the piece's queries —
    runs only on a miss. Nothing in it may depend on who is reading; `enabled=False` renders
    without the cache (a staff preview)."""

    def render() -> str:
        return render_to_string(template_name, build(), request=request)

    if not enabled:
        return render()
    return cached_html(name, [f"{request.scheme}://{request.get_host()}", *parts], render, seconds=seconds)


def cached_render_parts(
    request, name: str, parts, templates: dict[str, str], build: Callable[[], dict]
) -> dict[str, str]:
    """Several pieces of one page from one `build()`: each of `templates` (part → template)
    rendered with the same data, kept together per generation and origin as `cached_render`
    keeps one. For a page whose pieces share their queries but are laid out apart (the home
    page's news, with the apps' blocks between them)."""

    def render() -> dict[str, str]:
        data = build()
        return {part: render_to_string(template, data, request=request) for part, template in templates.items()}

    return cached_html(name, [f"{request.scheme}://{request.get_host()}", *parts], render)
