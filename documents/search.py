"""Finding documents: by số ký hiệu however it is typed, else by the words of the text.

One search box. A query that reads as a number (`377/kh-tld`, `377 KH TLĐ`, `377-KH-TLD`)
is first matched exactly on the normalised number (`numbers.number_key`, an index lookup);
when no document has that number, or the query is not a number, every word (a quoted part as
a phrase) must be in the document's folded text: number, trích yếu, issuer, signer, full text
and the text extracted from its PDF and DOCX files. The folded text is indexed the way the
news search is (news/search.py): PostgreSQL a stored `simple` tsvector with a GIN index,
SQLite an FTS5 table kept by triggers (migration 0002), so both find the same documents.
"""

from dataclasses import dataclass

from news.search import MAX_QUERY_LENGTH, FullTextMatch, query_phrases, query_terms

from .numbers import looks_like_number, number_key


class DocumentTextMatch(FullTextMatch):
    """`news.search.FullTextMatch` on the documents' own index."""

    def as_sqlite(self, compiler, connection):
        column, params = compiler.compile(self.column)
        query = " AND ".join('"' + " ".join(phrase) + '"' for phrase in self.phrases)
        sql = f"{column} IN (SELECT rowid FROM documents_document_fts WHERE documents_document_fts MATCH %s)"
        return sql, [*params, query]


@dataclass
class SearchQuery:
    text: str  # what the reader typed, whitespace collapsed and cut to MAX_QUERY_LENGTH
    too_long: bool
    number: str  # the normalised number when the query reads as one, else ""
    terms: list[str]

    @property
    def is_empty(self) -> bool:
        return not self.number and not self.terms


def parse_query(raw) -> SearchQuery:
    raw = raw if isinstance(raw, str) else ""
    text = " ".join(raw.split())
    too_long = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    number = number_key(text) if looks_like_number(text) else ""
    return SearchQuery(text=text, too_long=too_long, number=number, terms=query_terms(text))


def matching(queryset, query: SearchQuery, *, exact_ids: list[int] | None = None):
    """`queryset` narrowed to the query: the documents with that number when `exact_ids` found
    some (the caller looked them up), else those containing every word."""
    if exact_ids:
        return queryset.filter(pk__in=exact_ids)
    phrases = query_phrases(query.text)
    if not phrases:
        return queryset.none()
    return queryset.filter(DocumentTextMatch(phrases))
