"""The legal Q&A on the site's shared pages (declared in LegalConfig, read by congdoan.portal)."""

from functools import partial

from congdoan.portal import SearchHits
from news.search import best_hits, item_hit, query_terms

from .models import Publication

HOME_BOX_SIZE = 5


def home_box() -> dict:
    """The home page's box: the newest Q&As (one query); the hotline comes from the
    federation's identity, which every template has."""
    latest = (
        Publication.objects.published()
        .for_cards()
        .only("title", "slug", "published_at", "topic__name", "topic__slug", "adviser__name", "adviser__title")
    )
    return {"publications": list(latest[:HOME_BOX_SIZE])}


def search(query: str, *, limit: int) -> SearchHits:
    """Published Q&As holding every word, by the archive's own search (one query)."""
    matches = (
        Publication.objects.published()
        .search(query_terms(query))
        .only("title", "slug", "published_at", "question_text")
        .order_by("-published_at", "-pk")
    )
    return best_hits(matches, query, limit=limit, hit=partial(item_hit, text="question_text", date="published_at"))
