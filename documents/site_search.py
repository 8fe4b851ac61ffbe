"""The register in the site search (declared in DocumentsConfig, read by congdoan.portal).

The register's own search (`documents.search`): a query typed as a số ký hiệu finds that
document exactly, however it is typed; otherwise every word of the folded text must match.
One query, and one more to look the number up when the query reads as a number.
"""

from congdoan.portal import SearchHit, SearchHits
from news.search import best_hits, snippet

from . import search as register_search
from .models import Document


def search(query: str, *, limit: int) -> SearchHits:
    parsed = register_search.parse_query(query)
    if parsed.is_empty:
        return SearchHits()
    documents = Document.objects.published().for_list()
    exact_ids = list(documents.with_number(parsed.number).values_list("pk", flat=True)) if parsed.number else []
    matches = register_search.matching(documents, parsed, exact_ids=exact_ids).newest_first()
    return best_hits(matches, query, limit=limit, hit=_hit)


def _hit(document) -> SearchHit:
    """As the register names a document ("Kế hoạch 377/KH-TLĐ"), its trích yếu below."""
    return SearchHit(
        f"{document.kind_name} {document.number}", document.get_absolute_url(), document.issued_on,
        snippet(document.title),
    )  # fmt: skip
