"""Demo documents for `manage.py load_demo`: issuers, fields and a dozen documents of a
provincial federation's register, with relations (replaced, amended, guided), PDFs with a text
layer and a scanned one (documents/demo_files/, written by tools/make_demo_documents.py) and a
Word file made here. Idempotent: what exists (same issuer, same number) is left as it is.
The numbers and trích yếu are written for the demo; people's names are invented."""

import datetime
import io
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from congdoan.tenancy import activate, this_federation

from .models import Document, DocumentRelation, Issuer, RelationKind, Topic
from .numbers import number_key
from .services import attach_file

FILES = Path(__file__).resolve().parent / "demo_files"

ISSUERS = [
    # (name, code, level, order)
    ("Tổng Liên đoàn Lao động Việt Nam", "TLĐ", Issuer.Level.NATIONAL, 1),
    ("Liên đoàn Lao động tỉnh Bắc Kạn", "LĐLĐ", Issuer.Level.FEDERATION, 2),
    ("Ban Chấp hành Liên đoàn Lao động tỉnh", "", Issuer.Level.BODY, 3),
    ("Quốc hội", "QH", Issuer.Level.STATE, 10),
    ("Chính phủ", "CP", Issuer.Level.STATE, 11),
]
TOPICS = [
    ("Tổ chức công đoàn", 1),
    ("Chính sách – Pháp luật", 2),
    ("Tài chính công đoàn", 3),
    ("Tuyên giáo – Thi đua", 4),
]

D = datetime.date
# number, kind, issuer code or name, issued, effective from, until, title, signing, topics, file
DOCUMENTS = [
    ("12/2012/QH13", "luat", "QH", D(2012, 6, 20), D(2013, 1, 1), None, "Luật Công đoàn",
     ("", "", "Chủ tịch Quốc hội", "Nguyễn Sinh Hùng"), ["Chính sách – Pháp luật"], None),
    ("45/2019/QH14", "luat", "QH", D(2019, 11, 20), D(2021, 1, 1), None, "Bộ luật Lao động",
     ("", "", "Chủ tịch Quốc hội", "Nguyễn Thị Kim Ngân"), ["Chính sách – Pháp luật"], None),
    ("50/2024/QH15", "luat", "QH", D(2024, 11, 27), D(2025, 7, 1), None, "Luật Công đoàn",
     ("", "", "Chủ tịch Quốc hội", "Trần Thanh Mẫn"), ["Chính sách – Pháp luật", "Tổ chức công đoàn"], None),
    ("1580/QĐ-TLĐ", "quyet-dinh", "TLĐ", D(2019, 11, 5), None, None,
     "Ban hành Quy định về thể thức và kỹ thuật trình bày văn bản của tổ chức Công đoàn",
     ("TM.", "Đoàn Chủ tịch", "Chủ tịch", "Bùi Văn Cường"), ["Tổ chức công đoàn"], None),
    ("933/QĐ-TLĐ", "quyet-dinh", "TLĐ", D(2023, 9, 26), None, None,
     "Ban hành Quy định về thể thức và kỹ thuật trình bày văn bản, quản lý văn bản của tổ chức Công đoàn",
     ("TM.", "Đoàn Chủ tịch", "Chủ tịch", "Nguyễn Đình Khang"), ["Tổ chức công đoàn"],
     ("quyet-dinh-933-qd-tld-ban-quet.pdf", "Bản scan có chữ ký")),
    ("377/KH-TLĐ", "ke-hoach", "TLĐ", D(2025, 3, 10), None, None, "Tổ chức Tháng Công nhân năm 2025",
     ("KT.", "Chủ tịch", "Phó Chủ tịch", "Thái Thu Hương"), ["Tuyên giáo – Thi đua"],
     ("ke-hoach-377-kh-tld.pdf", "")),
    ("21/KH-LĐLĐ", "ke-hoach", "LĐLĐ", D(2025, 3, 24), None, D(2025, 6, 30),
     "Hưởng ứng Tháng Công nhân, Tháng hành động về an toàn, vệ sinh lao động năm 2025",
     ("TM.", "Ban Thường vụ", "Chủ tịch", "Hoàng Thị Lan"), ["Tuyên giáo – Thi đua"], None),
    ("123/LĐLĐ-TG", "cong-van", "LĐLĐ", D(2025, 4, 2), None, None,
     "V/v tuyên truyền Tháng Công nhân năm 2025 trên trang thông tin điện tử và mạng xã hội",
     ("TL.", "Ban Thường vụ", "Trưởng ban Tuyên giáo", "Nông Văn Thắng"), ["Tuyên giáo – Thi đua"], "docx"),
    ("03/NQ-LĐLĐ", "nghi-quyet", "LĐLĐ", D(2021, 4, 12), None, None,
     "Về phát triển đoàn viên, thành lập công đoàn cơ sở giai đoạn 2021 – 2023",
     ("TM.", "Ban Chấp hành", "Chủ tịch", "Lý Văn Đức"), ["Tổ chức công đoàn"], None),
    ("08/NQ-LĐLĐ", "nghi-quyet", "LĐLĐ", D(2024, 3, 18), None, None,
     "Về phát triển đoàn viên, thành lập công đoàn cơ sở giai đoạn 2024 – 2028",
     ("TM.", "Ban Chấp hành", "Chủ tịch", "Hoàng Thị Lan"), ["Tổ chức công đoàn"],
     ("nghi-quyet-08-nq-ldld.pdf", "")),
    ("09/QĐ-LĐLĐ", "quyet-dinh", "LĐLĐ", D(2024, 1, 8), D(2024, 1, 15), None,
     "Ban hành Quy chế chi tiêu nội bộ của cơ quan Liên đoàn Lao động tỉnh",
     ("", "", "Chủ tịch", "Hoàng Thị Lan"), ["Tài chính công đoàn"], None),
    ("27/QĐ-LĐLĐ", "quyet-dinh", "LĐLĐ", D(2025, 2, 20), D(2025, 3, 1), None,
     "Sửa đổi, bổ sung một số điều của Quy chế chi tiêu nội bộ ban hành kèm theo Quyết định số 09/QĐ-LĐLĐ",
     ("KT.", "Chủ tịch", "Phó Chủ tịch", "Triệu Văn Bình"), ["Tài chính công đoàn"], None),
    ("15/HD-LĐLĐ", "huong-dan", "LĐLĐ", D(2025, 7, 15), None, None,
     "Thu, nộp kinh phí công đoàn và đoàn phí công đoàn năm 2025",
     ("KT.", "Chủ tịch", "Phó Chủ tịch", "Triệu Văn Bình"), ["Tài chính công đoàn", "Chính sách – Pháp luật"],
     ("huong-dan-15-hd-ldld.pdf", "")),
]  # fmt: skip
RELATIONS = [
    ("50/2024/QH15", RelationKind.REPLACES, "12/2012/QH13"),
    ("933/QĐ-TLĐ", RelationKind.REPLACES, "1580/QĐ-TLĐ"),
    ("21/KH-LĐLĐ", RelationKind.IMPLEMENTS, "377/KH-TLĐ"),
    ("123/LĐLĐ-TG", RelationKind.IMPLEMENTS, "377/KH-TLĐ"),
    ("08/NQ-LĐLĐ", RelationKind.REPLACES, "03/NQ-LĐLĐ"),
    ("27/QĐ-LĐLĐ", RelationKind.AMENDS, "09/QĐ-LĐLĐ"),
    ("15/HD-LĐLĐ", RelationKind.GUIDES, "50/2024/QH15"),
]
ARTICLE_WORDS = {"377/KH-TLĐ": "thang cong nhan", "21/KH-LĐLĐ": "thang cong nhan", "15/HD-LĐLĐ": "kinh phi"}


def demo_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN")
    document.add_paragraph("Số: 123/LĐLĐ-TG")
    document.add_paragraph("V/v tuyên truyền Tháng Công nhân năm 2025 trên trang thông tin điện tử và mạng xã hội")
    document.add_paragraph(
        "Kính gửi: Các công đoàn cấp trên trực tiếp cơ sở. Thực hiện Kế hoạch số 377/KH-TLĐ của Tổng Liên đoàn, "
        "Ban Thường vụ đề nghị các đơn vị đăng tin, ảnh về hoạt động chăm lo cho công nhân lao động, gắn thẻ "
        "#ThangCongNhan2025, gửi bài về Ban Tuyên giáo trước ngày 25 hằng tháng để tổng hợp."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _documents_by_number(issuers: dict[str, Issuer]) -> dict[str, Document]:
    return {document.number: document for document in Document.objects.filter(issuer__in=issuers.values())}


# The national union's own register: its documents and the laws it relays.
NATIONAL_ISSUERS = ("TLĐ", "QH", "CP")


def load(*, stdout) -> None:
    # The default federation's register: its own issuers and documents, never another's
    # rows of the same name (outside a request the managers would see every federation).
    with transaction.atomic(), activate(this_federation()):
        _load(stdout=stdout)


def load_for(federation, *, stdout) -> None:
    if federation.is_national:
        with transaction.atomic(), activate(federation):
            _load(stdout=stdout, issuer_keys=NATIONAL_ISSUERS)


def _load(*, stdout, issuer_keys: tuple[str, ...] | None = None) -> None:
    issuers = {}
    for name, code, level, order in ISSUERS:
        if issuer_keys is not None and (code or name) not in issuer_keys:
            continue
        issuer = Issuer.objects.filter(name=name).first() or Issuer.objects.create(
            name=name, code=code, level=level, order=order
        )
        issuers[code or name] = issuer
    topics = {}
    for name, order in TOPICS:
        topics[name] = Topic.objects.filter(name=name).first() or Topic.objects.create(name=name, order=order)

    existing = _documents_by_number(issuers)
    created = 0
    for number, kind, issuer_key, issued, start, until, title, signing, topic_names, attached in DOCUMENTS:
        if issuer_key not in issuers:
            continue
        issuer = issuers[issuer_key]
        same = Document.objects.filter(issuer=issuer, number_key=number_key(number), issued_year=issued.year)
        if number in existing or same.exists():
            continue
        prefix, signing_for, position, name = signing
        document = Document.objects.create(
            number=number, kind=kind, issuer=issuer, title=title, issued_on=issued, effective_from=start,
            effective_until=until, signing_prefix=prefix, signing_for=signing_for, signer_position=position,
            signer_name=name, status=Document.Status.PUBLISHED,
            published_at=timezone.make_aware(datetime.datetime.combine(max(issued, D(2024, 1, 1)), datetime.time(9))),
        )  # fmt: skip
        document.topics.set([topics[topic] for topic in topic_names])
        if attached == "docx":
            attach_file(document=document, content=demo_docx(), name="cong-van-123-ldld-tg.docx")
        elif attached:
            filename, label = attached
            attach_file(document=document, content=(FILES / filename).read_bytes(), name=filename, label=label)
        existing[number] = document
        created += 1

    for source, kind, target in RELATIONS:
        if source in existing and target in existing:
            DocumentRelation.objects.get_or_create(source=existing[source], kind=kind, target=existing[target])

    linked = 0
    from news.models import Article

    for number, words in ARTICLE_WORDS.items():
        if number not in existing:
            continue
        articles = [article for article in Article.objects.published()[:200] if words in article.search_text][:2]
        existing[number].related_articles.add(*articles)
        linked += len(articles)
    stdout.write(f"Văn bản: đã tạo {created} văn bản mẫu, gắn {linked} bài viết liên quan.")
