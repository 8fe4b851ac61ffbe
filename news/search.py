"""Accent- and case-insensitive search text for Vietnamese.

SQLite's LIKE/lower() fold only ASCII and PostgreSQL has no Vietnamese text-search
configuration, so every article stores a folded copy of its text ("Công đoàn" →
" cong doan ") and queries are folded the same way. Both databases then index the
same plain ASCII syllables: PostgreSQL as a `simple` tsvector, SQLite in an FTS5 table
(see ArticleQuerySet.search and migration 0010).
"""

import functools
import re
import unicodedata
from collections.abc import Callable

from django.db import NotSupportedError
from django.db.models import BooleanField, Expression, F, Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from congdoan.portal import SearchHit, SearchHits

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
_WORD_RE = re.compile(r"[0-9a-z]+")
_FEW_MARKS = 12


def _drop_marks(text: str) -> str:
    marks = [char for char in set(text) if unicodedata.combining(char)]
    if len(marks) > _FEW_MARKS:  # hostile text: one regex pass instead of one pass per mark
        return re.sub(f"[{''.join(marks)}]", "", text)
    for mark in marks:
        text = text.replace(mark, "")
    return text


def _strip_marks(text: str) -> str:
    """`text` without combining marks (also those inside precomposed letters), đ/Đ as d.

    Folding one character at a time in Python took 12 s on a 5 MB body (a worker past its
    timeout); here every step is one pass in C. Loose marks go before the decomposition
    (NFD): it sorts each run of marks, which is quadratic on a hostile run of thousands.
    """
    text = _drop_marks(text.replace("đ", "d").replace("Đ", "d"))
    return _drop_marks(unicodedata.normalize("NFD", text))


def fold_char(char: str) -> str:
    return _strip_marks(char).lower()


def fold(text: str | None) -> str:
    """Lower-case ASCII-ish text: marks removed, đ → d, whitespace collapsed."""
    if not text:
        return ""
    return " ".join(_strip_marks(text).lower().split())


def search_document(text: str | None) -> str:
    """Folded syllables of `text`, space-separated with a space at each end.

    The padding lets a query match whole syllables with `LIKE '% term %'`: "an" finds
    "an sinh" but not "toàn", and pg_trgm can index even two-letter syllables that way.
    """
    words = _WORD_RE.findall(fold(text))
    return f" {' '.join(words)} " if words else ""


def query_terms(query: str | None) -> list[str]:
    """Distinct folded words of a reader's query (capped in length and number)."""
    terms: list[str] = []
    for phrase in query_phrases(query):
        for word in phrase:
            if word not in terms:
                terms.append(word)
    return terms


def query_phrases(query: str | None) -> list[tuple[str, ...]]:
    """What every result must contain: each quoted part (`"công đoàn"`) as one phrase, every
    other word on its own; folded, duplicates dropped, at most MAX_TERMS words in all."""
    phrases: list[tuple[str, ...]] = []
    count = 0
    for index, part in enumerate((query or "")[:MAX_QUERY_LENGTH].split('"')):
        words = _WORD_RE.findall(fold(part))
        # Odd parts were between quotes (an unclosed quote runs to the end).
        groups = [tuple(words)] if index % 2 and words else [(word,) for word in words]
        for group in groups:
            group = group[: MAX_TERMS - count]
            if group and group not in phrases:
                phrases.append(group)
                count += len(group)
    return phrases


def _letter_classes() -> dict[str, str]:
    """For each folded letter or digit, a regex class of the characters that fold to it
    (both cases, every Vietnamese mark, đ/Đ), as `fold` folds them one character at a time."""
    found: dict[str, list[str]] = {}
    for code in [*range(0x30, 0x250), *range(0x1E00, 0x1F00)]:  # ASCII, Latin-1, Extended A-B, Additional
        char = chr(code)
        folded = fold_char(char)
        if len(folded) == 1 and folded in _ALNUM:
            found.setdefault(folded, []).append(re.escape(char))
    return {letter: "[" + "".join(chars) + "]" for letter, chars in found.items()}


_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"
_MARKS = "[\u0300-\u036f]*"  # loose marks after a letter (text stored decomposed)
_LETTERS = _letter_classes()
_ANY_LETTER = "".join(_LETTERS[letter][1:-1] for letter in _ALNUM)


@functools.lru_cache(maxsize=256)
def _highlight_pattern(terms: tuple[str, ...]) -> re.Pattern:
    words = sorted(set(terms), key=len, reverse=True)
    alternatives = "|".join("".join(_LETTERS[letter] + _MARKS for letter in word) for word in words)
    return re.compile(f"(?<![{_ANY_LETTER}\u0300-\u036f])(?:{alternatives})(?![{_ANY_LETTER}])")


def highlight(text: str | None, terms: list[str]) -> str:
    """`text` HTML-escaped, with every whole-syllable occurrence of the folded `terms` in <mark>.

    One regex pass over the original text: each folded letter becomes the class of the
    characters that fold to it, so nothing is folded or walked a character at a time.
    """
    text = text or ""
    terms = [term for term in terms if term and set(term) <= set(_ALNUM)]
    if not terms:
        return escape(text)
    parts: list[str] = []
    start = 0
    for match in _highlight_pattern(tuple(terms)).finditer(text):
        parts.append(escape(text[start : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        start = match.end()
    parts.append(escape(text[start:]))
    return mark_safe("".join(parts))


# PostgreSQL: a tsvector can hold about 1 MB; the first 200,000 folded characters (some
# 30,000 words, far beyond an article) stay under it even with hostile text.
INDEXED_CHARS = 200_000
# SQLite: this many matches or more, and the newest are sooner found by walking the newest
# articles: at most archive ÷ SQLITE_MANY × SEARCH_LIMIT of them (10,000 at 100,000 articles).
SQLITE_MANY = 5_000


class FullTextMatch(Expression):
    """Filter: the article's folded text contains every phrase (a tuple of folded words).

    PostgreSQL: the stored `search_vector` column (`to_tsvector('simple', search_text)`, GIN
    index) against `cong <-> doan & thi`. SQLite: the FTS5 table `news_article_fts` (kept in
    sync by triggers) against `"cong doan" AND "thi"`. Both index the same folded syllables,
    so a query finds the same articles on both (migration 0010 creates them).
    """

    output_field = BooleanField()

    def __init__(self, phrases: list[tuple[str, ...]], column=None, strategy: str | None = None):
        super().__init__()
        self.strategy = strategy  # SQLite: None (the index), "index" or "walk" (see as_sqlite)
        self.phrases = [tuple(word for word in phrase if _WORD_RE.fullmatch(word)) for phrase in phrases]
        self.phrases = [phrase for phrase in self.phrases if phrase]
        self.column = column if column is not None else F("pk")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        raise NotSupportedError("Full-text search needs PostgreSQL or SQLite.")

    def tsquery(self) -> str:
        return " & ".join("(" + " <-> ".join(phrase) + ")" for phrase in self.phrases)

    def as_postgresql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.column.alias)
        return f"{table}.\"search_vector\" @@ to_tsquery('simple'::regconfig, %s)", [self.tsquery()]

    def as_sqlite(self, compiler, connection):
        column, params = compiler.compile(self.column)
        query = " AND ".join('"' + " ".join(phrase) + '"' for phrase in self.phrases)
        sql = f"{column} IN (SELECT rowid FROM news_article_fts WHERE news_article_fts MATCH %s)"
        if self.strategy is None:
            return sql, [*params, query]
        # FTS5 reads every match of a word before the newest can be picked (0.5 s for "công
        # đoàn" at 100,000 articles). With many matches (SQLITE_MANY or more, counted by FTS5 up
        # to that number) the newest are found sooner by walking the newest articles and
        # matching their folded text (LIKE on whole syllables: the same matches). The count
        # is a constant: SQLite evaluates it once and skips the branch it rules out.
        many = (
            "(SELECT COUNT(*) FROM (SELECT 1 FROM news_article_fts WHERE news_article_fts MATCH %s "
            f"LIMIT {SQLITE_MANY})) >= {SQLITE_MANY}"
        )
        if self.strategy == "index":  # the count inside: SQLite would read the matches first
            sql = f"{column} IN (SELECT rowid FROM news_article_fts WHERE NOT {many} AND news_article_fts MATCH %s)"
            return sql, [*params, query, query]
        table = compiler.quote_name_unless_alias(self.column.alias)
        likes = [f"% {' '.join(phrase)} %" for phrase in self.phrases]
        return f"{many} AND " + " AND ".join(f'{table}."search_text" LIKE %s' for _ in likes), [query, *likes]


# --- Other apps' search groups (congdoan.portal) -------------------------------------------
# Each app's group reads at most this many of its newest matches and ranks them: enough to
# bring a title match to the top of the few shown, small enough to stay one cheap query.
GROUP_CANDIDATES = 50
SNIPPET_CHARS = 200


def words_filter(terms: list[str], field: str = "search_text") -> Q:
    """Every folded word a whole syllable of a stored folded column (`search_document`):
    `LIKE '% bao %'`. For apps holding hundreds of rows per federation, not a million."""
    return Q(*[Q(**{f"{field}__contains": f" {term} "}) for term in terms])


def snippet(text: str | None, limit: int = SNIPPET_CHARS) -> str:
    """Plain text for a search hit: tags dropped, whitespace collapsed, cut at a word."""
    return Truncator(" ".join(strip_tags(text or "").split())).chars(limit)


def item_hit(item, *, text: str, date: str | None = None) -> SearchHit:
    """A hit of a row with a `title` and an address: the snippet from its field `text`, the
    date from its field `date`."""
    return SearchHit(
        item.title, item.get_absolute_url(), getattr(item, date) if date else None, snippet(getattr(item, text))
    )


def best_hits(matches, query: str, *, limit: int, hit: Callable[[object], SearchHit]) -> SearchHits:
    """A group's hits: the first `limit` of `matches` (newest first; at most GROUP_CANDIDATES
    read, in one query), those whose title holds every word of the query first, newest first
    within each; and whether more matched."""
    candidates = [hit(item) for item in matches[:GROUP_CANDIDATES]]
    terms = query_terms(query)

    def title_misses(found: SearchHit) -> bool:
        words = set(search_document(found.title).split())
        return not all(term in words for term in terms)

    ranked = sorted(candidates, key=title_misses)  # stable: newest first within each rank
    return SearchHits(hits=ranked[:limit], more=len(candidates) > limit)


def search_text_filler(app_label: str, model_name: str, fields: tuple[str, ...]) -> Callable:
    """A migration's RunPython: the folded `search_text` of rows saved before the column
    existed, as `stamp_search_text` stamps it on save."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for row in model._base_manager.only("pk", *fields).iterator():
            text = " ".join(strip_tags(getattr(row, name) or "") for name in fields)
            model._base_manager.filter(pk=row.pk).update(search_text=search_document(text))

    return fill


def stamp_search_text(instance, save_kwargs: dict, *texts: str | None) -> None:
    """Before a save: `instance.search_text` becomes the folded `texts` (tags dropped), saved
    also when the save names its `update_fields`. For models searched with `words_filter`."""
    instance.search_text = search_document(" ".join(strip_tags(text or "") for text in texts))
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "search_text"}
