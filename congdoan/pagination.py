"""One pagination rule for every public list (news sections, tags, search, campaigns).

`?page=` missing or empty is page 1; a plain number from 1 to the last page is that page;
anything else is a 404: not a number (`?page=abc`, `?page=1e9`), 0 or negative, past the
last page. One address per page, so a mistyped or forged link is neither served nor cached
as a copy of page 1. An empty list still has its page 1 (the page says there is nothing).
Pages are shown by `templates/includes/pagination.html`.
"""

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

MAX_PAGE_DIGITS = 6  # a longer number is no page of ours (and int() of 5,000 digits is slow)


def page_number(request: HttpRequest, *, param: str = "page") -> int:
    """The page asked for, or Http404 when `?page=` is not a page number."""
    raw = request.GET.get(param, "")
    if raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS) or int(raw) < 1:
        raise Http404("Không có trang này.")
    return int(raw)


def reachable(number: int, num_pages: int, max_depth: int | None) -> bool:
    """Is page `number` served: within `max_depth` pages of the first or of the last page."""
    return max_depth is None or number <= max_depth or number > num_pages - max_depth


def paginate(
    request: HttpRequest, object_list, *, per_page: int, count: int | None = None, max_depth: int | None = None
) -> Page:
    """The requested page of `object_list`, with `elided_range` for the page links.

    `count`, when the caller knows it (kept per content version), saves the COUNT query.
    `max_depth`: only the first and the last `max_depth` pages are served (a 404 between,
    and no link there), so no page reads deeper than that into a long list.
    """
    number = page_number(request)
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    if number > paginator.num_pages or not reachable(number, paginator.num_pages, max_depth):
        raise Http404("Không có trang này.")
    page = paginator.page(number)
    page.elided_range = [
        item
        for item in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        if item == paginator.ELLIPSIS or reachable(item, paginator.num_pages, max_depth)
    ]
    return page
