"""Text helpers for Vietnamese: slugs, Unicode normalisation, numbers typed in addresses."""

import unicodedata

from django.db import models
from django.utils.text import slugify

FALLBACK_SLUG = "bai-viet"


def nfc(value):
    """Return `value` in Unicode NFC form (composed), leaving non-strings alone.

    Text pasted from Word or typed with some keyboards arrives decomposed
    ("o" + combining marks); composed and decomposed forms look the same but
    compare differently, which breaks search and uniqueness.
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def ascii_number(raw, max_digits: int) -> int | None:
    """The whole number `raw` writes in ASCII digits (at most `max_digits` of them), else None.

    `str.isdigit()` is true of superscripts ("²⁰²⁴"), which int() refuses, and `int()` reads
    other scripts' digits ("١٢٣", "１２３") as numbers: a value from an address or a form is a
    number only when it is written as one here."""
    raw = str(raw)
    if raw.isascii() and raw.isdigit() and len(raw) <= max_digits:
        return int(raw)
    return None


def vietnamese_slugify(value, max_length: int | None = None) -> str:
    """ASCII slug for Vietnamese text: marks removed and đ/Đ turned into d.

    Django's `slugify` drops "đ" entirely ("Đại hội" → "ai-hoi"), because
    "đ" has no decomposition into "d" + mark.
    """
    text = nfc(str(value)).replace("đ", "d").replace("Đ", "D")
    slug = slugify(text)
    if max_length and len(slug) > max_length:
        cut = slug[:max_length]
        # Prefer to cut at a word boundary, as long as that keeps something readable.
        if "-" in cut and slug[max_length] != "-":
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug


def unique_slug(
    instance: models.Model,
    value: str,
    *,
    field_name: str = "slug",
    queryset: models.QuerySet | None = None,
    fallback: str = FALLBACK_SLUG,
) -> str:
    """A slug from `value` that no other row of the model uses yet.

    Adds "-2", "-3", … when taken; stays within the field's max_length. One query.
    """
    field = instance._meta.get_field(field_name)
    max_length = field.max_length or 50
    if queryset is None:
        queryset = type(instance)._base_manager.all()
        if hasattr(instance, "federation_id"):  # slugs are unique within a federation
            queryset = queryset.filter(federation_id=instance.federation_id)
    if instance.pk is not None:
        queryset = queryset.exclude(pk=instance.pk)

    base = vietnamese_slugify(value, max_length=max_length) or fallback
    prefix = base[: max_length - 5].rstrip("-")
    taken = set(queryset.filter(**{f"{field_name}__startswith": prefix}).values_list(field_name, flat=True))
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        number += 1
