"""Caching: one notion of staleness for the whole network.

**A cached page or piece of a page is served only while its federation's generation is current;
the generation changes when that federation's public content (or the national union's, which
every federation shows) is saved or deleted, when a scheduled change comes due, and at midnight
in Asia/Ho_Chi_Minh. Live figures declare a shorter lifetime, and a page
showing them is cached no longer than that.**

What is cached, keyed on what, stale when, and why:

1. Whole public pages, for readers without a session (`pages.PageCacheMiddleware`, views marked
   `@public_page`). Key: scheme, host, path and the query parameters the view declares. Stale:
   new generation, `PAGE_CACHE_SECONDS` (600), or the shortest lifetime a live piece declared.
   Why: a hit is one cache round trip and no query.
2. Pieces of pages: home blocks, an article's column, list pages, the header's ticker and
   slides, the footer (`pieces.cached_render`, `pieces.cached_html`, `{% cached_include %}`).
   Key: name, generation, origin (for pieces with absolute links), the values named. Stale:
   new generation, `FRAGMENT_CACHE_SECONDS` (600). Why: a page-cache miss (a new `?page=`, a
   reader with a session, a contestant) stays cheap.
3. Objects: the article or published contest behind a slug, list counts, a search's ranked
   ids, the menu, the site federation directory aside (`pieces.cached`). Key: name,
   generation, key; also kept for the rest of the request. Stale: as 2. Why: every render
   looks them up.
4. Live figures: contest counts and standings (`pieces.cached(..., seconds=N)`). Stale: after
   N seconds (`CONTEST_COUNTS_SECONDS`, 30), and so is the page showing them. Why:
   contestants' clicks must not renew the whole site's generation.
5. The content versions: one for the network (`content:version:network`) and one per
   federation (`content:version:<id>`) in Redis, or files `CONTENT_VERSION_FILE[.<id>]` without
   Redis; a generation is `network.federation|id|day`, so every key above is a federation's.
   A federation's public write renews its own version and the national site's (which
   aggregates) before it and after its commit; a write to the national union's content or to
   the federation table renews the network's. Why: one value every app server reads, and an
   edit in one province does not empty the other sixty's caches.
6. The federation directory (hosts → federations, `congdoan.tenancy.directory`): kept per
   network version in the cache and in each process. Why: the host is resolved on every
   request, before anything else.

Not caching but kept in the same cache server: counters shared by app servers (contest login
and registration limits, buffered article views). They have their own lifetimes and are never
keyed on the generation: an edit must not reset a lockout.

What changes a generation is declared by the apps, in their `AppConfig`: `public_models` and
`next_public_change()` (see `registry`). A write whose bump cannot reach the cache is refused
(`CacheUnavailable`, a 503 page telling the editor why): a retracted article must never stay
in a cache after its retraction. An unresponsive Redis costs one short timeout per process
every `CACHE_RETRY_SECONDS` (see `backends`); pages are then rendered from the database.
"""

from .backends import CacheUnavailable
from .clock import SITE_ZONE, seconds_until_local_midnight, site_now, site_today
from .generations import bump_content_version, declare_max_age, generation, register_next_change
from .pages import public_page
from .pieces import cached, cached_html, cached_render

__all__ = [
    "SITE_ZONE",
    "CacheUnavailable",
    "bump_content_version",
    "cached",
    "cached_html",
    "cached_render",
    "declare_max_age",
    "generation",
    "public_page",
    "register_next_change",
    "seconds_until_local_midnight",
    "site_now",
    "site_today",
]
