"""Albums in the site search (declared in AlbumsConfig, read by congdoan.portal)."""

from congdoan.portal import SearchHit, SearchHits
from news.search import best_hits, query_terms, snippet

from .models import Album


def search(query: str, *, limit: int) -> SearchHits:
    """Published albums whose name or description holds every word (one query)."""
    matches = (
        Album.objects.published().search(query_terms(query)).only("title", "slug", "description", "published_at")
    ).newest_first()
    return best_hits(
        matches, query, limit=limit, title=lambda item: item.title,
        hit=lambda item: SearchHit(item.title, item.get_absolute_url(), item.published_at, snippet(item.description)),
    )  # fmt: skip
