"""Albums in the site search (declared in AlbumsConfig, read by congdoan.portal)."""

from functools import partial

from congdoan.portal import SearchHits
from news.search import best_hits, item_hit, query_terms

from .models import Album


def search(query: str, *, limit: int) -> SearchHits:
    """Published albums whose name or description holds every word (one query)."""
    matches = Album.objects.published().search(query_terms(query)).newest_first()
    matches = matches.only("title", "slug", "description", "published_at")
    return best_hits(matches, query, limit=limit, hit=partial(item_hit, text="description", date="published_at"))
