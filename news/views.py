"""Public news pages.

Each page fetches what it shows in a fixed number of queries that does not grow with
the number of articles (pinned in tests/news/test_queries.py): the home page and an
article page must stay fast uncached, and the production setup caches them whole,
which is why view counting is a separate POST beacon (`count_view`) and not a write
inside these views.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congdoan.caching import cached, cached_render, cached_render_parts, public_page
from congdoan.pagination import keyset_anchor, keyset_page, page_number, paginate
from congdoan.portal import SearchGroup, SearchHits, render_home_regions, run_search, search_group, search_groups
from congdoan.security import client_ip
from congdoan.tenancy import everywhere

from . import national, view_counts
from .context_processors import menu_sections
from .models import SEARCH_LIMIT, Article, ArticlePush, Section, Tag, newest_ids
from .search import MAX_QUERY_LENGTH, query_phrases, query_terms

PAGE_SIZE = 20
# Section and tag lists: pages served from each end (5,000 articles each way); a reader goes
# further back by search, tags and the archive's sub-sections.
MAX_DEPTH = 250
MAX_PK = 2**63 - 1  # larger ids overflow the database integer: no such article
HOME_LATEST = 8
HOME_PER_SECTION = 5
MOST_READ = 5
RELATED = 5
RELATED_CANDIDATES = 60  # per tag and for the section: enough to rank 5 by shared tags
MORE = 6
# Search: each app's group shows its best few beside the articles; alone (`?nhom=`), more.
ARTICLES_GROUP = "bai-viet"
GROUP_HITS = 5
GROUP_ALONE = 20

_BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|fetch|preview|facebookexternalhit|zalo|headless|lighthouse|"
    r"curl|wget|python|httpclient|java/|go-http|okhttp|scrapy|node-fetch|axios",
    re.IGNORECASE,
)


def _evaluated(page):
    """The page with its articles fetched (inside the cached piece, so only on a miss)."""
    page.object_list = list(page.object_list)
    return page


def _section_blocks(sections, featured=None):
    """Latest articles of each menu section (sub-sections included) in one query; the featured
    story, already at the top of the page, is not repeated."""
    groups = {section.pk: section.group_ids for section in sections}
    owner = {pk: root for root, ids in groups.items() for pk in ids}
    by_section = {pk: [] for pk in groups}
    exclude = [featured.pk] if featured else []
    for article in Article.objects.published().for_cards().latest_per_section(groups, HOME_PER_SECTION, exclude):
        by_section[owner[article.section_id]].append(article)
    return [(section, by_section[section.pk]) for section in sections if by_section[section.pk]]


def _latest(featured) -> list:
    """The newest articles after the featured one, national articles pushed here included,
    in one query (each part limited on its own index, see `newest_ids`)."""
    own = Article.objects.published().exclude(pk=featured.pk).order_by("-publish_at", "-pk")
    pushed = everywhere(Article).published().pushed_here().order_by("-publish_at", "-pk")
    sql, params = newest_ids([own, pushed], HOME_LATEST)
    return list(everywhere(Article).for_cards().filter(pk__in=RawSQL(sql, params)).order_by("-publish_at", "-pk"))


def _home_blocks() -> dict:
    published = Article.objects.published().for_cards()
    featured = published.filter(featured=True).first() or published.first()
    return {
        "featured": featured,
        "latest": _latest(featured) if featured else [],
        "section_blocks": _section_blocks(menu_sections(), featured),
        "most_read": list(published.most_read()[:MOST_READ]),
    }


HOME_PARTS = {
    "top": "news/includes/home_top.html",
    "sections": "news/includes/home_sections.html",
    "aside": "news/includes/home_aside.html",
}


@public_page()
def home(request):
    """News' pieces (kept together: they share the featured story) and the apps' blocks, each
    kept per generation: a warm home runs no query."""
    news = cached_render_parts(request, "home", [], HOME_PARTS, _home_blocks)
    regions = render_home_regions(request)
    network = None
    if national.is_national_site():
        network = cached_render(
            request, "network-latest", [], "news/includes/network_latest.html",
            lambda: {"network_latest": list(national.network_latest())}, seconds=national.NETWORK_SECONDS,
        )  # fmt: skip
    return render(request, "news/home.html", {"news": news, "regions": regions, "network": network})


def _article_list_page(request, kind: str, owner, articles):
    """A section's or a tag's page: its count (the kept one, news.counts) and the list of
    this page are kept per generation, so a warm list page runs no query. Each numbered page
    is read from the nearer end of the list, and only `MAX_DEPTH` pages from each end are
    numbered: between them the reader goes on from an article (`?truoc=` / `?sau=`,
    congdoan.pagination), so no page costs more than walking that many pages of the index."""
    count = cached(f"{kind}-count", str(owner.pk), articles.count)
    articles.known_count(count)
    anchor = keyset_anchor(request)
    if anchor is None:
        page = paginate(request, articles, per_page=PAGE_SIZE, count=count, max_depth=MAX_DEPTH)
        shown = page.number

        def build():
            return {kind: owner, "page": _evaluated(page)}
    else:  # between the numbered pages at both ends: the page after or before an article
        page, shown = anchor, anchor.query

        def build():
            return {kind: owner, "page": keyset_page(anchor, articles, per_page=PAGE_SIZE, count=count)}

    article_list = cached_render(request, f"{kind}-list", [owner.pk, shown], f"news/includes/{kind}_list.html", build)
    return render(request, f"news/{kind}.html", {kind: owner, "page": page, "article_list": article_list})


def _section_by_slug(slug):
    """The section with `group_ids`, its own id and its sub-sections', in one query."""
    found = list(Section.objects.select_related("parent").filter(Q(slug=slug) | Q(parent__slug=slug)))
    section = next((item for item in found if item.slug == slug), None)
    if section is not None:
        section.group_ids = [section.pk] + [item.pk for item in found if item.parent_id == section.pk]
    return section


@public_page(params=("page", "truoc", "sau"))
def section(request, slug):
    section = cached("section", slug, lambda: _section_by_slug(slug), apps=("news.section",))
    if section is None:
        raise Http404("Không có chuyên mục này.")
    # Unscoped: national articles pushed into the section are listed too; the section's own
    # ids keep everything else to this federation.
    pushed = ArticlePush.objects.shown().filter(section_id__in=section.group_ids).values("article_id")
    articles = everywhere(Article).published().for_cards().newest_of_sections(section.group_ids, pushed)
    return _article_list_page(request, "section", section, articles)


@public_page(params=("page", "truoc", "sau"))
def tag(request, slug):
    tag = cached("tag", slug, lambda: Tag.objects.filter(slug=slug).first(), apps=("news.tag",))
    if tag is None:
        raise Http404("Không có thẻ này.")
    articles = Article.objects.published().for_cards().newest_with_tag(tag)
    return _article_list_page(request, "tag", tag, articles)


def _can_preview(user, article) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.has_perm("news.publish_article") or article.created_by_id == user.pk


def _article_by_slug(slug):
    # A slug is unique in a federation: no ordering (`first()` added one, a third of the cost).
    found = Article.objects.select_related("section__parent", "album").defer("search_text", "search_title")
    return next(iter(found.filter(slug=slug)[:1]), None)


@public_page()
def article(request, slug):
    article = cached("article", slug, lambda: _article_by_slug(slug), public=lambda found: found.is_published)
    if article is None:
        raise Http404("Không có bài viết này.")
    preview = not article.is_published
    if preview and not _can_preview(request.user, article):
        raise Http404("Không có bài viết này.")

    def extras() -> dict:
        tags = list(article.tags.all())
        related, more = Article.objects.published().related_and_more(
            article, [tag.pk for tag in tags], related=RELATED, more=MORE, candidates=RELATED_CANDIDATES
        )
        # The article itself (text, photo, tags, its campaigns, share buttons) is kept by what it
        # shows: after an edit of another article only the related and "Xem thêm" lists are new.
        section, parent = article.section, article.section.parent
        own = cached_render(
            request, "article-own",
            [article.pk, article.version, section.name, section.slug, parent and (parent.name, parent.slug),
             [(tag.pk, tag.name, tag.slug, tag.kind) for tag in tags]],
            "news/includes/article_own.html", lambda: {"article": article, "preview": preview, "tags": tags},
            # Its boxes show campaigns, an album and documents: their edits renew it.
            enabled=not preview, apps=("campaigns", "congdoan", "albums", "documents"),
        )  # fmt: skip
        return {"article": article, "preview": preview, "own": own, "related": related, "more": more}

    context = {
        "article": article,
        "preview": preview,
        # The meta shows the article (its version changes with every save), its section's name
        # and the federation's: kept by those, so an edit of another article leaves it cached.
        "meta": cached_render(
            request, "article-meta", [article.pk, article.version, article.section.name],
            "news/includes/article_meta.html", lambda: {"article": article, "preview": preview},
            enabled=not preview, apps=("congdoan",),
        ),
        "main": cached_render(
            request, "article", [article.pk], "news/includes/article_main.html", extras, enabled=not preview
        ),
    }  # fmt: skip
    response = render(request, "news/article.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


def _search_scope(request):
    """(articles searched, the chosen federation, the filter's choices). The national site
    searches every federation, or the one `?lien-doan=<code>` names; a federation's site
    searches its own articles and has no filter (a code there is a 404, as an unknown one)."""
    code = request.GET.get("lien-doan", "")
    if not national.is_national_site():
        if code:
            raise Http404("Chỉ trang Tổng Liên đoàn tìm theo liên đoàn.")
        return Article.objects.all(), None, []
    choices = national.search_federations()
    chosen = None
    if code:
        chosen = next((federation for federation in choices if federation.code == code), None)
        if chosen is None:
            raise Http404("Không có liên đoàn này.")
    articles = everywhere(Article)
    return (articles if chosen is None else articles.filter(federation_id=chosen.pk)), chosen, choices


@dataclass(frozen=True)
class FoundGroup:
    """One app's group on the search page: its hits and where "Xem tất cả" leads."""

    group: SearchGroup
    found: SearchHits
    more_url: str  # the app's own search for the query, else "" (the group alone: `?nhom=`)
    alone_url: str


def _groups_searched(request, chosen) -> bool:
    """The apps' groups hold this site's own content: on the national site, not when the
    filter names another federation (its pages are on its own site)."""
    return chosen is None or chosen.pk == request.federation.pk


def _search_groups(request, query: str, chosen, group_key: str) -> list[FoundGroup]:
    """The apps' groups for the query: every group's best GROUP_HITS, or GROUP_ALONE of the
    one `?nhom=` names."""
    if group_key == ARTICLES_GROUP or not _groups_searched(request, chosen):
        return []
    groups = [search_group(group_key)] if group_key else search_groups()
    limit = GROUP_ALONE if group_key else GROUP_HITS
    shown = []
    for group in groups:
        found = run_search(group, query, limit=limit)
        if found.hits:
            more_url = f"{reverse(group.more_url)}?{urlencode({'q': query})}" if group.more_url else ""
            alone_url = f"{reverse('news:search')}?{urlencode({'q': query, 'nhom': group.key})}"
            shown.append(FoundGroup(group, found, more_url, alone_url))
    return shown


@public_page(params=("q", "page", "lien-doan", "nhom"))
def search(request):
    """Articles as ranked by `ArticleQuerySet.search`, paginated, and the apps' groups
    (congdoan.portal) on the first page; `?nhom=` shows one of them alone. Each group's hits
    are kept per generation like the articles' ranked ids."""
    raw_query = request.GET.get("q", "")
    if not isinstance(raw_query, str):
        raw_query = ""
    query = " ".join(raw_query.split())
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    group_key = request.GET.get("nhom", "")
    if group_key and group_key != ARTICLES_GROUP and search_group(group_key) is None:
        raise Http404("Không có nhóm kết quả này.")
    articles, chosen, choices = _search_scope(request)
    with_articles = group_key in ("", ARTICLES_GROUP)
    page = None
    groups = []
    if terms and with_articles:
        # The ranked ids are kept per content version: a common search ("công đoàn") scans
        # thousands of articles once, then every reader and every page of it reuses them.
        ranked_ids = cached(
            "search",
            f"{chosen.code if chosen else ''}|" + "|".join(" ".join(phrase) for phrase in query_phrases(query)),
            lambda: list(articles.published().search(query).values_list("pk", flat=True)),
        )
        page = paginate(request, ranked_ids, per_page=PAGE_SIZE)
        found = articles.for_cards().in_bulk(page.object_list)
        page.object_list = [found[pk] for pk in page.object_list if pk in found]
    elif page_number(request) != 1:
        raise Http404("Không có trang này.")  # a group alone has one page
    if terms and (page is None or page.number == 1):
        groups = _search_groups(request, query, chosen, group_key)
    base_query = {"q": query, **({"lien-doan": chosen.code} if chosen else {})}
    context = {
        "search_query": query,
        "terms": terms,
        "page": page,
        "groups": groups,
        "group_key": group_key,
        "group_choices": [
            (ARTICLES_GROUP, "Bài viết"),
            *((group.key, group.label) for group in search_groups() if _groups_searched(request, chosen)),
        ],
        "base_query": urlencode(base_query),
        "too_long": too_long,
        "page_query": urlencode({**base_query, **({"nhom": group_key} if group_key else {})}),
        "search_limit": SEARCH_LIMIT,
        "search_federations": choices,
        "search_federation": chosen,
    }
    return render(request, "news/search.html", context)


def _is_probably_bot(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(_BOT_RE.search(agent))


def _is_same_origin(request) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.META.get("HTTP_ORIGIN", "")
    return origin.split("://", 1)[-1] == request.get_host()


@csrf_exempt  # no session or state is touched; one view per reader per window (view_counts)
@require_POST
def count_view(request, pk):
    """Beacon sent by static/news/article.js after an article page loads (batched, see view_counts)."""
    if (
        pk <= MAX_PK
        and _is_same_origin(request)
        and not _is_probably_bot(request)
        and Article.objects.published().filter(pk=pk).exists()
        and view_counts.first_view_in_window(pk, client_ip(request))
    ):
        view_counts.record_view(pk)
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response
