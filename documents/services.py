"""Work on documents that spans models: recognising a number, publishing, attaching files."""

from dataclasses import dataclass

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from news.search import fold

from .files import check_file
from .models import Document, DocumentFile, Issuer
from .numbers import Kind, recognise_kind, symbol_parts


@dataclass(frozen=True)
class Recognised:
    kind: Kind | None
    issuer: Issuer | None


def recognise(number: str, issuers: list[Issuer] | None = None) -> Recognised:
    """The kind and issuer a số ký hiệu names, where they can be told: `377/KH-TLĐ` → Kế hoạch,
    the issuer whose code is TLĐ; `123/LĐLĐ-TG` (no kind abbreviation) → Công văn, LĐLĐ."""
    from .numbers import KIND_BY_CODE

    parts = symbol_parts(number)
    if not parts:
        return Recognised(None, None)
    issuers = list(Issuer.objects.exclude(code="")) if issuers is None else issuers
    by_code: dict[str, Issuer] = {}
    for issuer in sorted(issuers, key=lambda item: (item.order, item.pk or 0)):
        by_code.setdefault("/".join(fold(issuer.code).replace("-", " ").split()), issuer)
    kind = recognise_kind(number)
    rest = parts[1:] if kind else parts
    issuer = None
    # The longest run of parts that is an issuer's code ("BCH/LĐLĐ" before "LĐLĐ").
    for size in range(len(rest), 0, -1):
        for start in range(len(rest) - size + 1):
            issuer = by_code.get("/".join(rest[start : start + size]))
            if issuer:
                break
        if issuer:
            break
    if kind is None and issuer is not None and rest and by_code.get(rest[0]) is issuer:
        kind = KIND_BY_CODE["cong-van"]  # "123/LĐLĐ-TG": the issuer first, no kind abbreviation
    return Recognised(kind, issuer)


def publish(*, document: Document, by=None, now=None) -> Document:
    """Put `document` on the public register (saving its other pending changes). The time it
    first went up is kept: the RSS feed of new documents dates it by that."""
    with transaction.atomic():
        document.status = Document.Status.PUBLISHED
        document.published_at = document.published_at or now or timezone.now()
        if by is not None:
            document.updated_by = by
        document.save()
    return document


def unpublish(*, document: Document, by=None) -> Document:
    with transaction.atomic():
        document.status = Document.Status.DRAFT
        if by is not None:
            document.updated_by = by
        document.save()
    return document


def attach_file(
    *, document: Document, content: bytes | File, name: str, label: str = "", order: int = 0
) -> DocumentFile:
    """Check `content` (ValidationError in Vietnamese when refused), store it and refresh the
    document's search text with the file's text, in one transaction."""
    from django.core.files.base import ContentFile

    upload = ContentFile(content, name=name) if isinstance(content, bytes) else content
    checked = check_file(upload)
    with transaction.atomic():
        attached = DocumentFile(document=document, label=label, order=order)
        attached.apply_check(checked)
        attached.file.save(name, upload, save=False)
        attached.save()
        document.refresh_search_columns()
    return attached
