"""The English strings the admin must never show, read at test time from the installed packages.

Django's, reversion's and the editor uploader's messages are what an English admin would
say; every one of them that reaches a Vietnamese page is an untranslated string.
"""

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ckeditor_uploader
import django
import reversion


@dataclass(frozen=True)
class Message:
    msgid: str
    msgid_plural: str
    msgstr: tuple[str, ...]
    context: str
    fuzzy: bool

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr) and bool(self.msgstr)


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse_po(path: Path) -> list[Message]:
    """The entries of a gettext .po file (header excluded, obsolete `#~` entries skipped)."""
    messages = []
    entry: dict = {}
    field = None

    def flush():
        if entry.get("msgid"):
            strs = entry.get("msgstr", {})
            messages.append(
                Message(
                    msgid=entry["msgid"],
                    msgid_plural=entry.get("msgid_plural", ""),
                    msgstr=tuple(strs[key] for key in sorted(strs)),
                    context=entry.get("msgctxt", ""),
                    fuzzy=entry.get("fuzzy", False),
                )
            )
        entry.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgstr" in entry:
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        if line.startswith('"'):
            value = _unquote(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and "msgstr" in entry:
            flush()
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if "[" in keyword else 0
            entry.setdefault("msgstr", {})[index] = _unquote(rest)
            field = ("msgstr", index)
        else:
            entry[keyword] = _unquote(rest)
            field = keyword
    flush()
    return messages


# --- What an English admin would show -----------------------------------------------

DJANGO = Path(django.__file__).parent
DJANGO_CATALOGUES = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    # Form and model validation messages an editor meets on every admin form.
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
]
# django-reversion ships no English (source) catalogue: its msgids are the union of its translations'.
REVERSION_CATALOGUES = sorted(Path(reversion.__file__).parent.glob("locale/*/LC_MESSAGES/django.po"))
# django-ckeditor ships no catalogue at all: its uploader's strings are read from its source.
CKEDITOR_UPLOADER = Path(ckeditor_uploader.__file__).parent

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}|\{\{\s*\w+\s*\}\}|<[^>]+>|&\w+;|…|\.\.\.")
TRANS_TAG = re.compile(r"""\{%\s*(?:trans|translate)\s+(["'])(.+?)\1""")
BLOCKTRANS_TAG = re.compile(r"\{%\s*blocktrans(?:late)?[^%]*%\}(.+?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
GETTEXT_CALL = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*\)""")
EDGE_PUNCTUATION = " \t\n.,:;!?'\"“”‘’()[]-–—/|"

# Words English and the Vietnamese admin share, or that name a thing rather than say something.
SHARED_WORDS = {
    "Email",  # "Email" is the word Vietnamese offices use
    "Django",
    "CKEditor",
    "JSON",
    "HTML",
    "Slug",  # our own field label "Slug (đường dẫn)"
}


def ckeditor_uploader_msgids() -> list[str]:
    msgids = []
    for template in CKEDITOR_UPLOADER.glob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        msgids += [match[1] for match in TRANS_TAG.findall(text)]
        msgids += BLOCKTRANS_TAG.findall(text)
    for module in CKEDITOR_UPLOADER.glob("*.py"):
        msgids += [match[1] for match in GETTEXT_CALL.findall(module.read_text(encoding="utf-8"))]
    return msgids


def catalogue_msgids() -> list[str]:
    msgids = []
    for path in DJANGO_CATALOGUES + REVERSION_CATALOGUES:
        for message in parse_po(path):
            if message.context.startswith("abbrev.") or message.msgid.isupper():
                continue  # "Sun", "Mon"…; format names such as DATETIME_FORMAT
            msgids += [message.msgid, message.msgid_plural]
    return msgids + ckeditor_uploader_msgids()


def phrases(msgid: str) -> list[str]:
    """The pieces of a msgid that appear as such on a page: placeholders and tags removed,
    kept only when distinctive enough (two words, or one word of five letters or more)."""
    kept = []
    for piece in PLACEHOLDER.split(msgid):
        piece = " ".join(piece.split()).strip(EDGE_PUNCTUATION)
        words = re.findall(r"[A-Za-z]{2,}", piece)
        if not piece.isascii() or not words or piece in SHARED_WORDS:
            continue
        if len(words) >= 2 or (len(words) == 1 and len(piece) >= 5 and piece.isalpha()):
            kept.append(piece)
    return kept


@cache
def english_pattern() -> re.Pattern:
    found = {phrase for msgid in catalogue_msgids() if msgid for phrase in phrases(msgid)}
    alternatives = sorted(found, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])")


# --- CKEditor 4's own interface strings (JavaScript) ---------------------------------

CKEDITOR_STATIC = Path(ckeditor_uploader.__file__).parent.parent / "ckeditor/static/ckeditor/ckeditor"
JS_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def ckeditor_english_phrases() -> set[str]:
    """Phrases of CKEditor's English interface (core and plugins) that its Vietnamese differs from."""
    english = set()
    for path in [CKEDITOR_STATIC / "lang/en.js", *CKEDITOR_STATIC.glob("plugins/*/lang/en.js")]:
        english |= set(JS_STRING.findall(path.read_text(encoding="utf-8-sig")))
    # Key names as printed on keyboards ("Ctrl+Shift+…" in tooltips) stay as they are.
    keys = {"Shift", "Enter", "Home", "Command", "Escape", "Delete", "Insert", "Space"}
    return {phrase for text in english for phrase in phrases(text.replace("\\", ""))} - keys
