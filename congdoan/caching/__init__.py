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
2. Pieces of pages: home blocks (news' own and those the apps declare, `congdoan.portal`),
   an article's column, list pages, the header's ticker and slides, the footer
   (`pieces.cached_render`, `pieces.cached_render_parts`, `pieces.cached_html`,
   `{% cached_include %}`). Key: name, generation, origin, the values named. Stale: new
   generation, `FRAGMENT_CACHE_SECONDS` (600). Why: a page-cache miss (a new `?page=`, a reader
   with a session, a contestant) stays cheap.
   A piece that shows only some apps' content (the ticker and the slides: banners and
   federations) names them (`apps=`) and is kept per `app_generation(apps)` instead: the
   versions of those apps' content and the epoch (5), so a news edit leaves it cached.
   Items of those pieces (news cards, `pieces.cached_item`): keyed by every value they show
   (title, cover, time, section, link, the card's options, its templates), not by the
   generation, so never stale; kept `ITEM_CACHE_SECONDS` (a day). Why: an edit renews every
   piece, and a piece is mostly cards: after an edit only the skeleton around them and the
   edited article's card are rendered, the others read in one `get_many` per piece.
3. Objects: the article or published contest behind a slug, list counts, a search's ranked
   ids and its groups' hits, the menu, the site federation directory aside (`pieces.cached`;
   `apps=` as in 2). Key: name, generation, key; also kept for the rest of the request.
   Stale: as 2. Why: every render looks them up.
4. Live figures: contest counts and standings (`pieces.cached(..., seconds=N)`). Stale: after
   N seconds (`CONTEST_COUNTS_SECONDS`, 30), and so is the page showing them. Why:
   contestants' clicks must not renew the whole site's generation.
5. The content versions: one for the network (`content:version:network`) and one per
   federation (`content:version:<id>`) in Redis, or files `CONTENT_VERSION_FILE[.<id>]` without
   Redis; a generation is `network.federation|id|day`, so every key above is a federation's.
   A federation's public write renews its own version and the national site's (which
   aggregates) before it and after its commit; a write to the national union's content or to
   the federation table renews the network's. Why: one value every app server reads, and an
   edit in one province does not empty the other sixty's caches. Beside each of these, one
   version per app (`<scope>@<app label>`) and one per model (`<scope>@news.section`), renewed
   with it by a write of that app's (that model's) public rows, and an epoch (`<scope>@*`)
   renewed by every change no app claims (a scheduled change coming due,
   `bump_content_version`, a retry): what `app_generation` is made of. Pieces and objects
   made of some apps' or models' rows alone name them (`apps=`): the ticker and slides, the
   apps' home blocks, the menu, a section or tag behind its slug; an article's edit leaves
   them cached. Each app's next scheduled change is kept by its app's version too: an
   article's edit asks only news when it next changes by itself.
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
from .generations import app_generation, bump_content_version, declare_max_age, generation, register_next_change
from .pages import public_page
from .pieces import cached, cached_html, cached_item, cached_render, cached_render_parts

__all__ = [
    "SITE_ZONE",
    "CacheUnavailable",
    "app_generation",
    "bump_content_version",
    "cached",
    "cached_html",
    "cached_item",
    "cached_render",
    "cached_render_parts",
    "declare_max_age",
    "generation",
    "public_page",
    "register_next_change",
    "seconds_until_local_midnight",
    "site_now",
    "site_today",
]
