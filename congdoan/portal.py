"""What the apps put on the site's shared pages: home blocks and site search groups.

The core names no app: each app declares its pieces in its `AppConfig`, and the page that
hosts them (news' home and search) asks this module for them, in order.

- `home_blocks = (HomeBlock(region, order, template, build, stylesheet=""), ...)`: a block of
  the home page. `region` is where it goes: "band" (the full-width band under the top stories,
  where the campaigns are), "main" (the main column, after the section blocks) or "aside" (the
  side column, after "Đọc nhiều"); `order` sorts the blocks of a region. `template` is
  rendered with what `build()` returns (a dotted path to a function of no arguments: the
  block's queries, run only on a cache miss), kept per `app_generation` of its own app and
  the federations' ("congdoan": the identity, a hotline), so that a news edit leaves the
  albums' block cached; `shows`: the labels of other apps whose public content it shows too.
  A block is rendered for anonymous readers alike: nothing in it may depend on who reads. A
  block that renders only whitespace is left out, and so is its stylesheet.
- `search_groups = (SearchGroup(key, label, order, search, more_url=""), ...)`: a group of the
  site search (`/tim-kiem/?q=…`, `&nhom=<key>` for that group alone). `search(query, *, limit)`
  (a dotted path) returns the best `limit` hits of the reader's query and whether there are
  more, in a fixed number of queries, scoped to the request's federation. `more_url` names the
  app's own search (a URL name taking `?q=`), linked as "Xem tất cả".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .caching import cached, cached_render

HOME_REGIONS = ("band", "main", "aside")


@dataclass(frozen=True)
class HomeBlock:
    region: str
    order: int
    template: str
    build: str  # dotted path to a function of no arguments returning the template's context
    stylesheet: str = ""  # a static path the home page links when the block shows
    shows: tuple[str, ...] = ()  # other apps whose public content it shows
    app_label: str = ""  # filled from the declaring app

    @property
    def name(self) -> str:
        return f"home-block:{self.app_label}:{self.template}"

    @property
    def kept_by(self) -> tuple[str, ...]:
        """The apps whose content it shows: its cached HTML is renewed by their changes."""
        return (self.app_label, "congdoan", *self.shows)


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    date: datetime.date | datetime.datetime | None = None
    snippet: str = ""  # plain text; the search page highlights the query's words in it


@dataclass(frozen=True)
class SearchHits:
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # more matches than the hits given


@dataclass(frozen=True)
class SearchGroup:
    key: str  # the `?nhom=` value, ASCII
    label: str
    order: int
    search: str  # dotted path to `search(query: str, *, limit: int) -> SearchHits`
    more_url: str = ""  # URL name of the app's own search, which takes `?q=`
    app_label: str = ""


def _declared(attribute: str, kind) -> list:
    found = []
    for config in apps.get_app_configs():
        for item in getattr(config, attribute, ()):
            if not isinstance(item, kind):
                raise ImproperlyConfigured(f"{config.label}.{attribute}: {item!r} is not a {kind.__name__}.")
            found.append(replace(item, app_label=config.label))
    return sorted(found, key=lambda item: (item.order, item.app_label))


@cache
def home_blocks() -> tuple[HomeBlock, ...]:
    """Every declared home block, by region order then block order."""
    blocks = _declared("home_blocks", HomeBlock)
    for block in blocks:
        if block.region not in HOME_REGIONS:
            raise ImproperlyConfigured(f"{block.app_label}: unknown home region {block.region!r} ({HOME_REGIONS}).")
    return tuple(sorted(blocks, key=lambda block: HOME_REGIONS.index(block.region)))


@cache
def search_groups() -> tuple[SearchGroup, ...]:
    groups = _declared("search_groups", SearchGroup)
    keys = [group.key for group in groups]
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"Two search groups share a key: {keys}.")
    return tuple(groups)


@dataclass
class HomeRegions:
    """The rendered blocks of each region (empty ones left out) and the stylesheets they need."""

    band: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)
    aside: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)


def render_home_regions(request) -> HomeRegions:
    """Each declared block rendered and kept per its apps' generation, in its region's order."""
    regions = HomeRegions()
    for block in home_blocks():
        html = cached_render(request, block.name, [], block.template, import_string(block.build), apps=block.kept_by)
        if not html.strip():
            continue
        getattr(regions, block.region).append(html)
        if block.stylesheet and block.stylesheet not in regions.stylesheets:
            regions.stylesheets.append(block.stylesheet)
    return regions


def search_group(key: str) -> SearchGroup | None:
    return next((group for group in search_groups() if group.key == key), None)


def run_search(group: SearchGroup, query: str, *, limit: int) -> SearchHits:
    """The group's hits for the query (whitespace already collapsed), kept per generation
    like the articles' ranked ids: a common search runs once, then every reader reuses it."""
    return cached(
        f"search-group:{group.key}",
        f"{limit}|{query.casefold()}",
        lambda: import_string(group.search)(query, limit=limit),
    )
