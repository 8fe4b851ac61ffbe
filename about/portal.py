"""The organisation pages in the site search (declared in AboutConfig, read by congdoan.portal)."""

from functools import partial

from django.db.models import BooleanField, ExpressionWrapper

from congdoan.portal import SearchHits
from news.search import best_hits, item_hit, query_terms, words_filter

from .models import Page
from .services import page_tree


def search(query: str, *, limit: int) -> SearchHits:
    """Published pages holding every word (one query). A page's address is its ancestors'
    slugs, and a page under a hidden one is hidden too: so every published page is read (a
    federation has a few dozen) with whether it matches, and the tree is built in memory."""
    terms = query_terms(query)
    if not terms:
        return SearchHits()
    matched = ExpressionWrapper(words_filter(terms), output_field=BooleanField())
    pages = list(
        Page.objects.published()
        .in_tree_order()
        .only("title", "slug", "parent", "summary", "order")
        .annotate(matched=matched)
    )
    reachable = set(page_tree(pages).by_path.values())
    found = [page for page in pages if page.matched and page in reachable]
    return best_hits(found, query, limit=limit, hit=partial(item_hit, text="summary"))
