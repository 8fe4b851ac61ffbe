"""The legal Q&A on the site's shared pages (declared in LegalConfig, read by congdoan.portal)."""

from congdoan.portal import SearchHit, SearchHits
from news.search import best_hits, query_terms, snippet

from .models import Publication
from .templatetags.legal import _latest


def home_box() -> dict:
    """The home page's box: the newest Q&As (one query); the hotline comes from the
    federation's identity, which every template has."""
    return {"publications": _latest()}


def search(query: str, *, limit: int) -> SearchHits:
    """Published Q&As holding every word, by the archive's own search (one query)."""
    matches = (
        Publication.objects.published()
        .search(query_terms(query))
        .only("title", "slug", "published_at", "question_text")
        .order_by("-published_at", "-pk")
    )
    return best_hits(
        matches, query, limit=limit, title=lambda item: item.title,
        hit=lambda item: SearchHit(item.title, item.get_absolute_url(), item.published_at, snippet(item.question_text)),
    )  # fmt: skip
