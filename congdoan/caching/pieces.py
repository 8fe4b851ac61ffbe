"""Pieces of pages kept per generation: rendered fragments and looked-up objects."""

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeData, mark_safe

from .clock import seconds_until_local_midnight
from .generations import app_generation, current_scope, declare_max_age, generation


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
           seconds: int | None = None, apps: tuple[str, ...] | None = None):  # fmt: skip
    """`load()` once per generation, for every reader: the object a public page is about, a
    count, a menu. None is never stored (unknown slugs never fill the cache), nor what
    `public(found)` refuses (a draft shown to its author is read fresh). Live figures pass
    `seconds`: they are then at most that old, and so is any page showing them. `apps`: it
    is made only of those apps' (or models') rows, and kept per `app_generation(apps)`."""
    scope = current_scope()
    memo_key = (name, str(key))
    if scope is not None and memo_key in scope.memo:
        return scope.memo[memo_key]
    current = _current_generation(seconds)
    if current is not None and apps is not None and seconds is None:
        current = app_generation(apps)
    found = None if current is None else _fresh(cache.get(cache_key := _key("object", name, current, [key])))
    if found is None:
        found = load()
        if current is not None and found is not None and (public is None or public(found)):
            _store(cache_key, found, seconds)
    if scope is not None and found is not None:
        scope.memo[memo_key] = found
    return found


def cached_html(name: str, parts, render: Callable[[], str], *, seconds: int | None = None,
                apps: tuple[str, ...] | None = None) -> str:  # fmt: skip
    """A rendered piece of a page (or a dict of them), kept per generation (see `cached`). The items rendered in
    it (`cached_item`) are read from the cache in one round trip when it is rendered.

    `apps`: the piece shows only those apps' public content (the ticker: "banners", and
    "congdoan" for the federations): it is kept per `app_generation(apps)`, so an edit of
    another app's content (a news article) does not renew it. Whatever else it shows must be
    in `parts` (an article page's own pieces: the article's version, which every save changes,
    and its section's and tags' names)."""
    current = _current_generation(seconds)
    if current is not None and apps is not None and seconds is None:
        current = app_generation(apps)
    if current is None:
        return render()
    cache_key = _key("fragment", name, current, parts)
    html = _fresh(cache.get(cache_key))
    if html is None:
        html = _render_with_items(render)
        _store(cache_key, html, seconds)
    return html


# --- Items: the repeated parts of a piece (news cards), kept by their own content ----------


@dataclass
class _Items:
    """The items met while a piece renders: a placeholder each, filled in once it is done."""

    marker: str = field(default_factory=lambda: f"\x00item-{secrets.token_hex(6)}-")
    keys: list = field(default_factory=list)
    renders: list = field(default_factory=list)


_items: ContextVar[_Items | None] = ContextVar("congdoan_cache_items", default=None)


def cached_item(name: str, parts, render: Callable[[], str]) -> str:
    """One item of a list (a news card): HTML that depends only on `parts` — every value it
    shows, not ids or stamps, so an item can never be stale and is not keyed on the generation.

    A new generation re-renders the pieces around the items; the items themselves are read
    in one `get_many` per piece and only the changed ones are rendered. Which items a page
    lists is decided by its (generation-keyed) queries: an article taken off the site is no
    longer listed, and its item is never read again. Outside a cached piece (caching off, a
    preview, a search page) the item is rendered on the spot."""
    found = _items.get()
    if found is None:
        return render()
    found.keys.append(_key("item", name, "", parts))
    found.renders.append(render)
    return f"{found.marker}{len(found.keys) - 1}\x00"


def _render_with_items(render: Callable[[], str]) -> str:
    found = _Items()
    token = _items.set(found)
    try:
        html = render()
    finally:
        _items.reset(token)
    if not found.keys:
        return html
    stored = cache.get_many(list(set(found.keys)))
    lifetime = settings.ITEM_CACHE_SECONDS
    filled, new = [], {}
    for key, render_item in zip(found.keys, found.renders, strict=True):
        item = _fresh(stored.get(key)) or new.get(key, (0, None))[1]
        if item is None:
            item = str(render_item())
            new[key] = (time.time() + lifetime, item)
        filled.append(item)
    if new:
        cache.set_many(new, lifetime)
    placeholder = re.compile(re.escape(found.marker) + r"(\d+)\x00")

    def fill(piece: str) -> str:
        result = placeholder.sub(lambda match: filled[int(match[1])], piece)
        return mark_safe(result) if isinstance(piece, SafeData) else result

    if isinstance(html, dict):  # several pieces of one page (`cached_render_parts`)
        return {part: fill(piece) for part, piece in html.items()}
    return fill(html)


def cached_render(request, name: str, parts, template_name: str, build: Callable[[], dict], *,
                  seconds: int | None = None, enabled: bool = True,
                  apps: tuple[str, ...] | None = None) -> str:  # fmt: skip
    """A piece of a page: `template_name` rendered with `build()`'s data, kept per generation
    and origin (absolute links differ by scheme and host). `build()` — the piece's queries —
    runs only on a miss. Nothing in it may depend on who is reading; `enabled=False` renders
    without the cache (a staff preview); `apps`: see `cached_html`."""

    def render() -> str:
        return render_to_string(template_name, build(), request=request)

    if not enabled:
        return render()
    return cached_html(name, [f"{request.scheme}://{request.get_host()}", *parts], render, seconds=seconds, apps=apps)


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
