"""Videos in the site search (declared in VideosConfig, read by congdoan.portal)."""

from functools import partial

from congdoan.portal import SearchHits
from news.search import best_hits, item_hit, query_terms

from .models import Video


def search(query: str, *, limit: int) -> SearchHits:
    """Published videos whose title, description or transcript holds every word (one query)."""
    found = Video.objects.published().search(query_terms(query)).only("title", "slug", "description", "published_at")
    return best_hits(
        found.newest_first(), query, limit=limit, hit=partial(item_hit, text="description", date="published_at")
    )
