import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from congdoan.tenancy import default_federation
from documents.models import Document, DocumentRelation, Issuer, LegalState, RelationKind
from documents.search import matching, parse_query
from documents.services import attach_file, recognise

from .factories import DocumentFactory, IssuerFactory, docx_bytes, pdf_bytes, scanned_pdf_bytes

pytestmark = pytest.mark.django_db
D = datetime.date


def state_on(document, today):
    """The rule in Python and in SQL must agree."""
    fresh = Document.objects.get(pk=document.pk)
    in_sql = Document.objects.with_legal_state(today).get(pk=document.pk).state_code
    in_python = fresh.legal_state(today)
    assert in_sql == in_python.value
    filtered = [state for state in LegalState if Document.objects.with_state(state, today).filter(pk=document.pk)]
    acted = Document.objects.acted_on_ids(today)
    listed = [state for state in LegalState if Document.objects.with_state(state, today, acted).filter(pk=document.pk)]
    assert filtered == listed == [in_python]
    return in_python


def test_state_follows_the_dates():
    document = DocumentFactory(issued_on=D(2025, 3, 1), effective_from=D(2025, 4, 1), effective_until=D(2025, 12, 31))
    assert [state_on(document, day) for day in (D(2025, 3, 15), D(2025, 4, 1), D(2025, 12, 31))] == [
        LegalState.NOT_YET,
        LegalState.IN_FORCE,
        LegalState.EXPIRED,
    ]


def test_state_follows_replacement_and_amendment_once_the_acting_document_is_in_force():
    old = DocumentFactory(number="03/NQ-LĐLĐ", issued_on=D(2021, 4, 12))
    new = DocumentFactory(number="08/NQ-LĐLĐ", issued_on=D(2024, 3, 18), effective_from=D(2024, 4, 1))
    DocumentRelation.objects.create(source=new, kind=RelationKind.REPLACES, target=old)
    assert [state_on(old, day) for day in (D(2024, 3, 31), D(2024, 4, 1))] == [LegalState.IN_FORCE, LegalState.EXPIRED]

    rules = DocumentFactory(number="09/QĐ-LĐLĐ", issued_on=D(2024, 1, 8))
    amendment = DocumentFactory(number="27/QĐ-LĐLĐ", issued_on=D(2025, 2, 20))
    DocumentRelation.objects.create(source=amendment, kind=RelationKind.AMENDS, target=rules)
    assert state_on(rules, D(2025, 2, 20)) == LegalState.PARTLY


def test_a_draft_replacing_a_document_does_not_end_it_and_an_override_wins():
    old = DocumentFactory(issued_on=D(2021, 4, 12))
    draft = DocumentFactory(issued_on=D(2024, 3, 18), status=Document.Status.DRAFT, published_at=None)
    DocumentRelation.objects.create(source=draft, kind=RelationKind.REPEALS, target=old)
    assert state_on(old, D(2025, 1, 1)) == LegalState.IN_FORCE
    old.state_override = LegalState.PARTLY
    old.save()
    assert state_on(old, D(2025, 1, 1)) == LegalState.PARTLY


def test_the_number_is_unique_per_issuer_however_it_is_typed():
    tld = IssuerFactory()
    DocumentFactory(number="377/KH-TLĐ", issuer=tld)
    other = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    DocumentFactory(number="377/KH-TLĐ", issuer=other)  # another issuer may have it
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(number="377 kh tld", issuer=tld)


def test_dates_are_checked_together():
    document = DocumentFactory.build(
        issuer=IssuerFactory(), issued_on=D(2025, 3, 10), effective_from=D(2025, 3, 1), effective_until=D(2025, 3, 5)
    )
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict == {
        "effective_from": ["Ngày có hiệu lực không thể trước ngày ban hành."],
        "effective_until": ["Ngày hết hiệu lực phải sau ngày ban hành."],
    }


def test_signature_line_and_slug():
    document = DocumentFactory(
        number="377/KH-TLĐ", signing_prefix="KT.", signing_for="Chủ tịch", signer_position="Phó Chủ tịch",
        signer_name="Thái Thu Hương", slug="",
    )  # fmt: skip
    assert (document.signature, document.slug) == ("KT. Chủ tịch – Phó Chủ tịch Thái Thu Hương", "ke-hoach-377-kh-tld")


def test_recognise_kind_and_issuer_from_the_number():
    tld = IssuerFactory()
    ldld = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    qh = IssuerFactory(name="Quốc hội", code="QH")
    found = {number: recognise(number) for number in ("377/KH-TLĐ", "123/LĐLĐ-TG", "45/2019/QH14", "5/XY-ZZ")}
    assert {number: (getattr(r.kind, "name", None), r.issuer) for number, r in found.items()} == {
        "377/KH-TLĐ": ("Kế hoạch", tld),
        "123/LĐLĐ-TG": ("Công văn", ldld),
        "45/2019/QH14": (None, None),  # QH14 is the 14th National Assembly: no code match
        "5/XY-ZZ": (None, None),
    }
    assert qh.pk


def test_files_are_stored_under_the_federation_and_year_with_readable_names_and_their_text_is_searched():
    document = DocumentFactory(number="15/HD-LĐLĐ", kind="huong-dan", issued_on=D(2025, 7, 15), slug="")
    pdf = attach_file(document=document, content=pdf_bytes("Đoàn phí bằng 1% tiền lương đóng bảo hiểm xã hội"),
                      name="Hướng dẫn thu đoàn phí.PDF")  # fmt: skip
    word = attach_file(document=document, content=docx_bytes("Phiên chợ nghĩa tình"), name="x.docx")
    scan = attach_file(document=document, content=scanned_pdf_bytes(), name="ban-quet.pdf")
    folder = f"upload/van-ban/{default_federation().code}/nam-2025"  # the federation's own folder
    assert [f.file.name for f in (pdf, word, scan)] == [
        f"{folder}/huong-dan-15-hd-ldld.pdf",
        f"{folder}/huong-dan-15-hd-ldld.docx",
        f"{folder}/{scan.file.name.rsplit('/', 1)[1]}",
    ]
    assert scan.file.name.startswith(f"{folder}/huong-dan-15-hd-ldld_")
    assert [f.text_state for f in (pdf, word, scan)] == ["text", "text", "scanned"]

    published = Document.objects.published()
    for query in ("bao hiem xa hoi", "PHIÊN CHỢ nghĩa tình", '"dong bao hiem"'):
        assert list(matching(published, parse_query(query))) == [document], query
    assert list(matching(published, parse_query("phien cho tinh nghia xyz"))) == []


def test_search_is_case_and_diacritic_insensitive_on_trich_yeu_and_issuer():
    document = DocumentFactory(title="Tổ chức Tháng Công nhân năm 2025")
    DocumentFactory(title="Về phát triển đoàn viên")
    published = Document.objects.published()
    assert list(matching(published, parse_query("thang cong nhan"))) == [document]
    assert list(matching(published, parse_query("TỔNG LIÊN ĐOÀN tháng"))) == [document]


def test_issuer_slug_is_unique_per_federation():
    Issuer.objects.create(name="Quốc hội", code="QH")
    second = Issuer.objects.create(name="Quốc hội", code="QH")
    assert second.slug == "quoc-hoi-2"
