"""Public pages of the document register.

Each page fetches what it shows in a fixed number of queries, whatever the number of
documents, files or relations (pinned in tests/documents/test_queries.py): grassroots
officers open the register on slow phones, and the 50,000-document register is read uncached
whenever a reader combines filters and a search nobody asked before.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Max, Min, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from congdoan.caching import cached, cached_render, public_page, site_today
from congdoan.links import absolute_url
from congdoan.pagination import paginate
from congdoan.text import ascii_number

from . import search
from .files import CONTENT_TYPES, FileKind
from .models import Document, DocumentFile, DocumentRelation, Issuer, LegalState, Topic
from .numbers import KIND_BY_CODE, KINDS

PAGE_SIZE = 20
LISTED_FILE_FIELDS = ("pk", "document_id", "file", "kind", "size", "order")
SEARCH_MATCHES_SHOWN = 1000  # 50 pages of a search; a reader refines the words long before
FILTER_PARAMS = ("loai", "co-quan", "linh-vuc", "nam", "tinh-trang")
MAX_ID = 2**63 - 1
# What a file's page sends besides the file: never sniffed, never run, and kept apart from the
# site (a downloaded spreadsheet cannot reach the reader's session). A PDF is shown inline for the
# detail page's preview frame; the other kinds are downloads.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


@dataclass
class Filters:
    kind: object = None
    issuer: Issuer | None = None
    topic: Topic | None = None
    year: int | None = None
    state: LegalState | None = None

    def query(self) -> dict[str, str]:
        values = {
            "loai": self.kind.code if self.kind else "",
            "co-quan": self.issuer.slug if self.issuer else "",
            "linh-vuc": self.topic.slug if self.topic else "",
            "nam": str(self.year) if self.year else "",
            "tinh-trang": self.state.value if self.state else "",
        }
        return {key: value for key, value in values.items() if value}

    @property
    def any(self) -> bool:
        return bool(self.query())


def _filter_choices() -> dict:
    """Issuers, fields and years a reader can filter by: those with published documents."""
    published = Document.objects.published()
    bounds = published.aggregate(first=Min("issued_on"), last=Max("issued_on"))
    years = list(range(bounds["last"].year, bounds["first"].year - 1, -1)) if bounds["first"] else []
    return {
        "issuers": list(Issuer.objects.filter(documents__in=published).distinct().order_by("order", "name")),
        "topics": list(Topic.objects.filter(documents__in=published).distinct().order_by("order", "name")),
        "years": years,
    }


def _read_filters(request, choices: dict) -> Filters:
    """The filters in the URL; a value that names nothing is a 404 (one address per list)."""
    found = Filters()
    get = request.GET
    if get.get("loai"):
        found.kind = KIND_BY_CODE.get(get["loai"])
        if found.kind is None:
            raise Http404("Không có loại văn bản này.")
    if get.get("co-quan"):
        found.issuer = next((item for item in choices["issuers"] if item.slug == get["co-quan"]), None)
        if found.issuer is None:
            raise Http404("Không có cơ quan ban hành này.")
    if get.get("linh-vuc"):
        found.topic = next((item for item in choices["topics"] if item.slug == get["linh-vuc"]), None)
        if found.topic is None:
            raise Http404("Không có lĩnh vực này.")
    if get.get("nam"):
        found.year = ascii_number(get["nam"], 4)
        if found.year not in choices["years"]:
            raise Http404("Không có văn bản nào trong năm này.")
    if get.get("tinh-trang"):
        if get["tinh-trang"] not in LegalState.values:
            raise Http404("Không có tình trạng này.")
        found.state = LegalState(get["tinh-trang"])
    return found


def _filtered(filters: Filters, today):
    """The ids of the register's documents the filters keep (rows are fetched one page at a time)."""
    documents = Document.objects.published()
    if filters.kind:
        documents = documents.filter(kind=filters.kind.code)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.topic:
        documents = documents.filter(topics=filters.topic)
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    if filters.state:
        acted = cached("document-acted-on", today.isoformat(), lambda: Document.objects.acted_on_ids(today))
        documents = documents.with_state(filters.state.value, today, acted)
    return documents


class PageOfIds:
    """What the paginator pages: the matching ids, newest first, and a page's rows fetched by
    id in the same query (`id IN (SELECT id … LIMIT 20 OFFSET n)`). The ids are read from the
    register's index alone, so the last of 2,500 pages costs what the first does; only the 20
    rows shown are read whole, with their state and issuer."""

    def __init__(self, ids, today):
        self.ids, self.today = ids.newest_first().values_list("pk", flat=True), today

    def count(self, limit: int | None = None) -> int:
        return (self.ids if limit is None else self.ids[: limit + 1]).count()

    def __getitem__(self, window: slice) -> list[Document]:
        rows = (
            Document.objects.filter(pk__in=self.ids[window])
            .for_list()
            .with_legal_state(self.today)
            .newest_first()
            .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.only(*LISTED_FILE_FIELDS)))
        )
        return list(rows)


@public_page(params=(*FILTER_PARAMS, "q", "page"))
def register(request):
    """/van-ban/: the register, newest first, with its filters and one search box."""
    today = site_today()
    choices = cached("document-filters", "", _filter_choices)
    filters = _read_filters(request, choices)
    query = search.parse_query(request.GET.get("q", ""))
    documents = _filtered(filters, today)
    exact = capped = False
    if not query.is_empty:
        exact_ids = list(documents.with_number(query.number).values_list("pk", flat=True)) if query.number else []
        exact = bool(exact_ids)
        documents = search.matching(documents, query, exact_ids=exact_ids)
    pages = PageOfIds(documents, today)
    if query.is_empty:
        count = pages.count()
    else:
        # A word in most documents ("công đoàn") matches tens of thousands: counting them all
        # reads every row (265 ms at 50,000); the newest SEARCH_MATCHES_SHOWN are enough to page.
        count = pages.count(limit=SEARCH_MATCHES_SHOWN)
        capped = count > SEARCH_MATCHES_SHOWN
        count = min(count, SEARCH_MATCHES_SHOWN)
    page = paginate(request, pages, per_page=PAGE_SIZE, count=count)
    for document in page.object_list:
        document.state = LegalState(document.state_code)
    page_query = urlencode({**filters.query(), **({"q": query.text} if query.text else {})})
    context = {
        "page": page,
        "documents": page.object_list,
        "filters": filters,
        "kinds": KINDS,
        "choices": choices,
        "states": LegalState.choices,
        "query": query,
        "exact": exact,
        "capped": capped,
        "page_query": page_query,
        "searched": not query.is_empty,
    }
    return render(request, "documents/register.html", context)


def _document_by_slug(slug):
    return (
        Document.objects.select_related("issuer")
        .prefetch_related(
            "topics",
            "files",
            Prefetch("acts_on", queryset=DocumentRelation.objects.select_related("target__issuer")),
            Prefetch("acted_on_by", queryset=DocumentRelation.objects.select_related("source__issuer")),
        )
        .defer("search_text", "search_title")
        .filter(slug=slug)
        .first()
    )


def _can_preview(user, document) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.has_perm("documents.publish_document") or document.created_by_id == user.pk


def _relations(document, today) -> dict:
    """Both sides, published documents only: what this one does, and what was done to it."""
    acts_on = [relation for relation in document.acts_on.all() if relation.target.is_published]
    acted_on_by = [relation for relation in document.acted_on_by.all() if relation.source.is_published]
    return {"acts_on": acts_on, "acted_on_by": acted_on_by, "state": document.legal_state(today, acted_on_by)}


@public_page()
def detail(request, slug):
    document = cached("document", slug, lambda: _document_by_slug(slug), public=lambda found: found.is_published)
    if document is None:
        raise Http404("Không có văn bản này.")
    preview = not document.is_published
    if preview and not _can_preview(request.user, document):
        raise Http404("Không có văn bản này.")
    today = site_today()

    def main() -> dict:
        from news.models import Article

        articles = list(
            Article.objects.published().for_cards().filter(documents=document).order_by("-publish_at", "-pk")[:10]
        )
        files = list(document.files.all())
        return {
            "document": document,
            "files": files,
            "articles": articles,
            "preview": preview,
            "page_url": absolute_url(request, document.get_absolute_url()),
            **_relations(document, today),
        }

    context = {
        "document": document,
        "preview": preview,
        "main": cached_render(
            request, "document", [document.pk, today.isoformat()], "documents/includes/detail_main.html", main,
            enabled=not preview,
        ),
    }  # fmt: skip
    response = render(request, "documents/detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


def download(request, slug, pk, filename):
    """A document's file, with the headers that keep it inert (see FILE_POLICY)."""
    if pk > MAX_ID:
        raise Http404("Không có tệp này.")
    attached = DocumentFile.objects.select_related("document").filter(pk=pk, document__slug=slug).first()
    if attached is None or attached.filename != filename or not attached.file:
        raise Http404("Không có tệp này.")
    if not attached.document.is_published and not _can_preview(request.user, attached.document):
        raise Http404("Không có tệp này.")
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("Không có tệp này.") from None
    inline = attached.kind == FileKind.PDF
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attached.filename,
        content_type=CONTENT_TYPES.get(attached.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY if inline else DOWNLOAD_POLICY
    if inline:
        response["X-Frame-Options"] = "SAMEORIGIN"
    if attached.document.is_published:
        response["Cache-Control"] = "public, max-age=3600"
    else:
        add_never_cache_headers(response)
    return response


@public_page()
def print_view(request, slug):
    """/van-ban/<slug>/in/: the fields and relations on paper, without the site's frame."""
    document = cached("document", slug, lambda: _document_by_slug(slug), public=lambda found: found.is_published)
    if document is None or not document.is_published:
        raise Http404("Không có văn bản này.")
    today = site_today()
    context = {"document": document, "files": list(document.files.all()), **_relations(document, today)}
    return render(request, "documents/print.html", context)
