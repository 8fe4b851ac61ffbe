"""Accent- and case-insensitive search text for Vietnamese.

SQLite's LIKE/lower() fold only ASCII and PostgreSQL has no Vietnamese text-search
configuration, so every article stores a folded copy of its text ("Công đoàn" →
"cong doan") and queries are folded the same way. Both databases then compare
plain ASCII; PostgreSQL answers `LIKE '%…%'` from a pg_trgm GIN index.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
_WORD_RE = re.compile(r"[0-9a-z]+")


def fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.lower()


def fold(text: str | None) -> str:
    """Lower-case ASCII-ish text: marks removed, đ → d, whitespace collapsed."""
    if not text:
        return ""
    folded = "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))
    return " ".join(folded.split())


def query_terms(query: str | None) -> list[str]:
    """Distinct folded words of a reader's query (capped in length and number)."""
    folded = fold((query or "")[:MAX_QUERY_LENGTH])
    terms: list[str] = []
    for word in _WORD_RE.findall(folded):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def highlight(text: str | None, terms: list[str]) -> str:
    """`text` HTML-escaped, with every occurrence of the folded `terms` wrapped in <mark>."""
    text = text or ""
    if not terms:
        return escape(text)
    # Fold character by character, remembering where each folded char came from.
    folded_chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in fold_char(char):
            folded_chars.append(folded)
            origin.append(index)
    folded_text = "".join(folded_chars)
    marked = [False] * len(text)
    for term in terms:
        for match in re.finditer(re.escape(term), folded_text):
            for position in range(match.start(), match.end()):
                marked[origin[position]] = True
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = start
        while end < len(text) and marked[end] == marked[start]:
            end += 1
        chunk = escape(text[start:end])
        parts.append(f"<mark>{chunk}</mark>" if marked[start] else chunk)
        start = end
    return mark_safe("".join(parts))
