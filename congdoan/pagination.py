"""One pagination rule for every public list (news sections, tags, search, campaigns).

`?page=` missing or empty is page 1; a plain number from 1 to the last page is that page;
anything else is a 404: not a number (`?page=abc`, `?page=1e9`), 0 or negative, past the
last page. One address per page, so a mistyped or forged link is neither served nor cached
as a copy of page 1. An empty list still has its page 1 (the page says there is nothing).
Pages are shown by `templates/includes/pagination.html`.

A very long list (`max_depth`) serves its first and last `max_depth` pages by number; between
them the reader goes on from an article rather than a page number (a keyset): `?truoc=<id>`
lists the page of articles right after (older than) article `id`, `?sau=<id>` the page right
before it. Such a page costs what page 1 does wherever it is in the list: an index read from
that article, no OFFSET. The list provides `beyond(id, limit, older=...)`.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

from .text import ascii_number

MAX_PAGE_DIGITS = 6  # a longer number is no page of ours (and int() of 5,000 digits is slow)
MAX_ID_DIGITS = 18  # a bigint
OLDER, NEWER = "truoc", "sau"  # ?truoc=<id>: the articles after <id>; ?sau=<id>: those before it


def page_number(request: HttpRequest, *, param: str = "page") -> int:
    """The page asked for, or Http404 when `?page=` is not a page number."""
    raw = request.GET.get(param, "")
    if raw == "":
        return 1
    number = ascii_number(raw, MAX_PAGE_DIGITS)
    if number is None or number < 1:
        raise Http404("Không có trang này.")
    return number


def reachable(number: int, num_pages: int, max_depth: int | None) -> bool:
    """Is page `number` served: within `max_depth` pages of the first or of the last page."""
    return max_depth is None or number <= max_depth or number > num_pages - max_depth


class ListPage(Page):
    """A numbered page. Its links (`previous_query`, `next_query`: the query string of the page
    before and after it, "" for none) go on by keyset where the next number is not served."""

    max_depth: int | None = None

    @property
    def query(self) -> str:
        """This page's own query string ("" for page 1): its canonical address."""
        return "" if self.number == 1 else f"page={self.number}"

    @property
    def label(self) -> str:
        return "" if self.number == 1 else f"Trang {self.number}"

    @property
    def previous_query(self) -> str:
        if not self.has_previous():
            return ""
        if reachable(self.number - 1, self.paginator.num_pages, self.max_depth):
            return f"page={self.number - 1}"
        return f"{NEWER}={self.object_list[0].pk}"

    @property
    def next_query(self) -> str:
        if not self.has_next():
            return ""
        if reachable(self.number + 1, self.paginator.num_pages, self.max_depth):
            return f"page={self.number + 1}"
        return f"{OLDER}={self.object_list[-1].pk}"


class ListPaginator(Paginator):
    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)


@dataclass(frozen=True)
class Anchor:
    """Where a keyset page starts: after (`?truoc=<id>`, `older`) or before (`?sau=<id>`) an
    article of the list. Known from the address alone, so a cached page needs no query."""

    older: bool
    pk: int
    number = 0  # no page number (templates comparing `page.number > 1` read it as not page 1)

    @property
    def query(self) -> str:
        """The page's own query string: its canonical address."""
        return f"{OLDER if self.older else NEWER}={self.pk}"

    @property
    def label(self) -> str:
        return "Tin cũ hơn" if self.older else "Tin mới hơn"


def keyset_anchor(request: HttpRequest) -> Anchor | None:
    """The `?truoc=` or `?sau=` of the request, None without; Http404 when it is not an id,
    when both are given or with `?page=` (one address per page)."""
    older, newer = request.GET.get(OLDER), request.GET.get(NEWER)
    if older is None and newer is None:
        return None
    raw = older if newer is None else newer
    if (older is not None and newer is not None) or "page" in request.GET:
        raise Http404("Không có trang này.")
    pk = ascii_number(raw, MAX_ID_DIGITS)
    if pk is None or pk < 1:
        raise Http404("Không có trang này.")
    return Anchor(older=newer is None, pk=pk)


@dataclass
class KeysetPage:
    """A page of a long list reached from an article, not by number (see the module)."""

    anchor: Anchor
    object_list: list
    paginator: Paginator
    more: bool  # the list goes on beyond this page, away from the anchor
    elided_range: list = field(default_factory=list)
    number = 0

    @property
    def query(self) -> str:
        return self.anchor.query

    @property
    def label(self) -> str:
        return self.anchor.label

    @property
    def previous_query(self) -> str:
        """Newer articles: there are some when the anchor is older than this page, or more."""
        return f"{NEWER}={self.object_list[0].pk}" if self.anchor.older or self.more else ""

    @property
    def next_query(self) -> str:
        return f"{OLDER}={self.object_list[-1].pk}" if not self.anchor.older or self.more else ""


def keyset_page(anchor: Anchor, object_list, *, per_page: int, count: int) -> KeysetPage:
    """The `per_page` articles of `object_list` after or before `anchor` (`object_list.beyond`
    gives them newest first, or None when the anchor is not in the list). Http404 when the
    anchor is not in the list or nothing lies beyond it."""
    found = object_list.beyond(anchor.pk, per_page + 1, older=anchor.older)
    if not found:
        raise Http404("Không có trang này.")
    more = len(found) > per_page
    items = found[:per_page] if anchor.older else found[-per_page:]  # the nearest to the anchor
    paginator = ListPaginator([], per_page)
    paginator.count = count
    return KeysetPage(anchor, items, paginator, more, elided_range=[1, paginator.ELLIPSIS, paginator.num_pages])


def paginate(
    request: HttpRequest, object_list, *, per_page: int, count: int | None = None, max_depth: int | None = None
) -> Page:
    """The requested page of `object_list`, with `elided_range` for the page links.

    `count`, when the caller knows it (kept per content version), saves the COUNT query.
    `max_depth`: only the first and the last `max_depth` pages are served by number (a 404
    between, and no number link there), so no numbered page reads deeper than that into a long
    list; the links at the edge go on by keyset (`?truoc=` / `?sau=`, `keyset_page`).
    """
    number = page_number(request)
    paginator = ListPaginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    if number > paginator.num_pages or not reachable(number, paginator.num_pages, max_depth):
        raise Http404("Không có trang này.")
    page = paginator.page(number)
    page.max_depth = max_depth
    page.elided_range = [
        item
        for item in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        if item == paginator.ELLIPSIS or reachable(item, paginator.num_pages, max_depth)
    ]
    return page
