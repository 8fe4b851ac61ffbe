"""Số ký hiệu: the number and symbol of a document, as typed and as matched.

A document's number is written as Decree 30/2020/NĐ-CP sets out: a running number, the
kind's abbreviation and the issuer's, joined by "/" and "-" (`377/KH-TLĐ`, `15/HD-LĐLĐ`),
with the year for legal documents (`45/2019/QH14`, `145/2020/NĐ-CP`); a công văn has no kind
abbreviation (`123/LĐLĐ-TG`). Readers type it every way: `377/kh-tld`, `377 KH TLĐ`,
`377-KH-TLD`. `number_key` folds all of those to one key (`377/kh/tld`): Unicode compatibility
forms, case, marks and Đ/đ folded, every run of spaces, dashes, slashes and dots one "/".
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from news.search import fold

MAX_NUMBER_LENGTH = 60
# What may appear in a number besides letters and 0–9: separators and the "&" of "CSPL&QHLĐ".
_SEPARATORS = " /-.–—_&()"
_KEY_PARTS = re.compile(r"[0-9a-z&]+")


@dataclass(frozen=True)
class Kind:
    code: str  # the value stored and used in ?loai= (ASCII)
    name: str
    abbreviation: str  # "" when the number carries none (công văn, laws)


# Decree 30/2020/NĐ-CP, Appendix III, and the union's own set (Quyết định 933/QĐ-TLĐ), plus
# the state's legal documents the union relays.
KINDS: tuple[Kind, ...] = (
    Kind("nghi-quyet", "Nghị quyết", "NQ"),
    Kind("quyet-dinh", "Quyết định", "QĐ"),
    Kind("chi-thi", "Chỉ thị", "CT"),
    Kind("quy-che", "Quy chế", "QC"),
    Kind("quy-dinh", "Quy định", "QyĐ"),
    Kind("ket-luan", "Kết luận", "KL"),
    Kind("thong-cao", "Thông cáo", "TC"),
    Kind("thong-bao", "Thông báo", "TB"),
    Kind("huong-dan", "Hướng dẫn", "HD"),
    Kind("chuong-trinh", "Chương trình", "CTr"),
    Kind("ke-hoach", "Kế hoạch", "KH"),
    Kind("phuong-an", "Phương án", "PA"),
    Kind("de-an", "Đề án", "ĐA"),
    Kind("bao-cao", "Báo cáo", "BC"),
    Kind("bien-ban", "Biên bản", "BB"),
    Kind("to-trinh", "Tờ trình", "TTr"),
    Kind("cong-dien", "Công điện", "CĐ"),
    Kind("giay-moi", "Giấy mời", "GM"),
    Kind("cong-van", "Công văn", ""),
    Kind("luat", "Luật", ""),
    Kind("nghi-dinh", "Nghị định", "NĐ"),
    Kind("thong-tu", "Thông tư", "TT"),
    Kind("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT"),
    Kind("khac", "Văn bản khác", ""),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}
KIND_CHOICES = [(kind.code, kind.name) for kind in KINDS]
_KIND_BY_ABBREVIATION = {fold(kind.abbreviation): kind for kind in KINDS if kind.abbreviation}


def check_number(value: str) -> str:
    """The number as it will be stored (NFC, spaces collapsed), or a ValidationError in Vietnamese.

    Only letters (with Vietnamese marks), the digits 0–9 and the separators `/ - . & ( )` are
    taken: a digit of another script, a superscript or an invisible direction mark would make
    a number that looks the same and matches nothing.
    """
    value = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not value:
        raise ValidationError("Hãy nhập số ký hiệu, ví dụ 377/KH-TLĐ.", code="required")
    if len(value) > MAX_NUMBER_LENGTH:
        raise ValidationError("Số ký hiệu dài quá %(max)s ký tự.", code="too_long", params={"max": MAX_NUMBER_LENGTH})
    for char in value:
        if char.isascii() and (char.isalnum() or char in _SEPARATORS):
            continue
        if char in _SEPARATORS or (char.isalpha() and fold(char).isascii() and fold(char).isalpha()):
            continue
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        raise ValidationError(
            "Số ký hiệu có ký tự “%(char)s” không dùng được: chỉ gõ chữ cái, chữ số 0–9 và các dấu / - . & ( ).",
            code="bad_character",
            params={"char": shown},
        )
    if not any(char.isdigit() for char in value) and not any(char.isalpha() for char in value):
        raise ValidationError("Số ký hiệu phải có chữ hoặc số.", code="empty")
    return value


def number_key(value: str | None) -> str:
    """The key a number is matched by: `377/KH-TLĐ`, `377 kh tld`, `３７７-KH-TLD` → `377/kh/tld`."""
    text = unicodedata.normalize("NFKC", value or "")[: MAX_NUMBER_LENGTH * 2]
    return "/".join(_KEY_PARTS.findall(fold(text)))


def looks_like_number(query: str) -> bool:
    """A search typed as a số ký hiệu: a digit and a letter, at most a few parts (`377 KH TLĐ`)."""
    key = number_key(query)
    parts = key.split("/")
    return bool(key) and any(c.isdigit() for c in key) and any(c.isalpha() for c in key) and len(parts) <= 6


def symbol_parts(value: str) -> list[str]:
    """The folded letter parts of a number after its running number and year: `377/KH-TLĐ` → [kh, tld]."""
    return [part for part in number_key(value).split("/") if not part.isdigit()]


def recognise_kind(value: str) -> Kind | None:
    """The kind a number's first symbol names (`KH` → Kế hoạch), or None (công văn, laws)."""
    parts = symbol_parts(value)
    return _KIND_BY_ABBREVIATION.get(parts[0]) if parts else None
