"""The public register and a document's page: exact values, fixed query counts."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentRelation, RelationKind
from documents.services import attach_file
from tests.news.factories import ArticleFactory
from tests.utils import HEADER_QUERIES_COLD, clear_cache

from .factories import DocumentFactory, IssuerFactory, TopicFactory, pdf_bytes

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2025, 8, 1, 10, 0, tzinfo=datetime.UTC)
# Every page: the menu and the header's banners (cold cache); the federation comes from the
# directory of hosts, read once per process and network version, not per page.
FRAME = 1 + HEADER_QUERIES_COLD


def rows(response) -> list[list[str]]:
    """The register's table as the reader sees it, cell by cell."""
    body = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        found.append([" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells])
    return found


def count_line(response) -> str:
    html = response.content.decode()
    return " ".join(
        re.sub(r"<[^>]+>", " ", html.split('class="document-count" role="status">')[1].split("</p>")[0]).split()
    )


@pytest.fixture
def register():
    tld = IssuerFactory()
    ldld = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    thi_dua = TopicFactory()
    tai_chinh = TopicFactory(name="Tài chính công đoàn")
    plan = DocumentFactory(number="377/KH-TLĐ", kind="ke-hoach", issuer=tld, issued_on=D(2025, 3, 10),
                           title="Tổ chức Tháng Công nhân năm 2025", topics=[thi_dua])  # fmt: skip
    attach_file(document=plan, content=pdf_bytes("Bữa cơm công đoàn tại khu công nghiệp"), name="kh.pdf")
    old = DocumentFactory(number="03/NQ-LĐLĐ", kind="nghi-quyet", issuer=ldld, issued_on=D(2021, 4, 12),
                          title="Về phát triển đoàn viên giai đoạn 2021 – 2023")  # fmt: skip
    new = DocumentFactory(number="08/NQ-LĐLĐ", kind="nghi-quyet", issuer=ldld, issued_on=D(2024, 3, 18),
                          title="Về phát triển đoàn viên giai đoạn 2024 – 2028")  # fmt: skip
    DocumentRelation.objects.create(source=new, kind=RelationKind.REPLACES, target=old)
    guide = DocumentFactory(number="15/HD-LĐLĐ", kind="huong-dan", issuer=ldld, issued_on=D(2025, 7, 15),
                            title="Thu, nộp kinh phí công đoàn năm 2025", topics=[tai_chinh])  # fmt: skip
    DocumentFactory(number="99/KH-LĐLĐ", issuer=ldld, status=Document.Status.DRAFT, published_at=None)
    return {"plan": plan, "old": old, "new": new, "guide": guide}


@time_machine.travel(TODAY, tick=False)
def test_the_register_lists_published_documents_newest_first(client, register, django_assert_num_queries):
    # 1 filter choices: issuers, 2 topics, 3 years; 4 count, 5 the page (state computed in it),
    # 6 the page's files. Whatever the number of documents.
    with django_assert_num_queries(6 + FRAME):
        response = client.get("/van-ban/")
    assert response.status_code == 200
    assert count_line(response) == "4 văn bản, mới ban hành trước."
    assert rows(response) == [
        ["15/HD-LĐLĐ", "15/07/2025", "Hướng dẫn Thu, nộp kinh phí công đoàn năm 2025",
         "Liên đoàn Lao động tỉnh Bắc Kạn", "Còn hiệu lực", "—"],
        ["377/KH-TLĐ", "10/03/2025", "Kế hoạch Tổ chức Tháng Công nhân năm 2025",
         "Tổng Liên đoàn Lao động Việt Nam", "Còn hiệu lực", f"PDF, {register['plan'].files.get().size_text}"],
        ["08/NQ-LĐLĐ", "18/03/2024", "Nghị quyết Về phát triển đoàn viên giai đoạn 2024 – 2028",
         "Liên đoàn Lao động tỉnh Bắc Kạn", "Còn hiệu lực", "—"],
        ["03/NQ-LĐLĐ", "12/04/2021", "Nghị quyết Về phát triển đoàn viên giai đoạn 2021 – 2023",
         "Liên đoàn Lao động tỉnh Bắc Kạn", "Hết hiệu lực", "—"],
    ]  # fmt: skip


@pytest.mark.parametrize("typed", ["377/kh-tld", "377 KH TLĐ", "377-KH-TLD", "377/KH-TLĐ"])
@time_machine.travel(TODAY, tick=False)
def test_a_number_typed_any_way_finds_that_document(client, register, typed, django_assert_num_queries):
    # As the plain list, plus 1: the exact-number lookup.
    with django_assert_num_queries(7 + FRAME):
        response = client.get("/van-ban/", {"q": typed})
    assert count_line(response) == f"Tìm theo số ký hiệu “{typed}”: 1 văn bản."
    assert [row[0] for row in rows(response)] == ["377/KH-TLĐ"]


@time_machine.travel(TODAY, tick=False)
def test_a_phrase_inside_a_pdf_is_found_without_diacritics(client, register):
    response = client.get("/van-ban/", {"q": "bua com cong doan"})
    assert count_line(response) == "Tìm thấy 1 văn bản có “bua com cong doan”."
    assert [row[0] for row in rows(response)] == ["377/KH-TLĐ"]


@time_machine.travel(TODAY, tick=False)
def test_filters_are_kept_in_the_url_and_combine(client, register):
    response = client.get("/van-ban/", {"co-quan": "lien-doan-lao-dong-tinh-bac-kan", "loai": "nghi-quyet"})
    assert [row[0] for row in rows(response)] == ["08/NQ-LĐLĐ", "03/NQ-LĐLĐ"]
    assert count_line(response) == "2 văn bản phù hợp bộ lọc, mới ban hành trước."
    response = client.get("/van-ban/", {"tinh-trang": "het-hieu-luc"})
    assert [row[0] for row in rows(response)] == ["03/NQ-LĐLĐ"]
    response = client.get("/van-ban/", {"nam": "2025", "linh-vuc": "tai-chinh-cong-doan"})
    assert [row[0] for row in rows(response)] == ["15/HD-LĐLĐ"]


@pytest.mark.parametrize(
    "query",
    [{"loai": "khong-co"}, {"co-quan": "x"}, {"nam": "1999"}, {"nam": "２０２５"}, {"tinh-trang": "x"}, {"page": "abc"},
     {"page": "99"}],
)  # fmt: skip
def test_junk_parameters_are_404(client, register, query):
    assert client.get("/van-ban/", query).status_code == 404


def test_pagination_keeps_the_filters(client, register):
    ldld = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    for number in range(30):
        DocumentFactory(number=f"{number + 1}/TB-LĐLĐ", kind="thong-bao", issuer=ldld)
    response = client.get("/van-ban/", {"loai": "thong-bao"})
    assert 'href="?loai=thong-bao&amp;page=2" rel="next"' in response.content.decode()
    assert len(rows(client.get("/van-ban/", {"loai": "thong-bao", "page": "2"}))) == 10


def definitions(response) -> dict[str, str]:
    html = response.content.decode().split('<dl class="document-fields">')[1].split("</dl>")[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.S)
    return {name: " ".join(re.sub(r"<[^>]+>", " ", value).split()) for name, value in pairs}


@time_machine.travel(TODAY, tick=False)
def test_a_document_page_shows_every_field_and_relations_both_ways(client, register, django_assert_num_queries):
    new = register["new"]
    new.signing_prefix, new.signing_for, new.signer_position, new.signer_name = (
        "TM.",
        "Ban Chấp hành",
        "Chủ tịch",
        "Hoàng Thị Lan",
    )
    new.save()
    article = ArticleFactory(title="Bắc Kạn đặt mục tiêu 6.000 đoàn viên mới")
    new.related_articles.add(article)
    # 1 the document with its issuer, 2 topics, 3 files, 4 what it acts on, 5 what acts on it,
    # 6 related articles. The cached piece of the page is rendered with the request's context
    # processors, whose federation costs no query.
    with django_assert_num_queries(6 + FRAME):
        response = client.get(new.get_absolute_url())
    assert response.status_code == 200
    assert definitions(response) == {
        "Số ký hiệu": "08/NQ-LĐLĐ",
        "Loại văn bản": "Nghị quyết",
        "Cơ quan ban hành": "Liên đoàn Lao động tỉnh Bắc Kạn",
        "Ngày ban hành": "18/03/2024",
        "Ngày có hiệu lực": "Từ ngày ký",
        "Ngày hết hiệu lực": "—",
        "Tình trạng": "Còn hiệu lực",
        "Người ký": "TM. Ban Chấp hành – Chủ tịch Hoàng Thị Lan",
        "Lĩnh vực": "—",
        "Trích yếu": "Về phát triển đoàn viên giai đoạn 2024 – 2028",
    }
    html = response.content.decode()
    assert (
        '<li><span class="document-relation-kind">Thay thế:</span> <a href="/van-ban/nghi-quyet-03-nq-ldld/">'
        "Nghị quyết 03/NQ-LĐLĐ</a> ngày 12/04/2021 – Về phát triển đoàn viên giai đoạn 2021 – 2023</li>"
    ) in html
    assert f'<a href="{article.get_absolute_url()}">Bắc Kạn đặt mục tiêu 6.000 đoàn viên mới</a>' in html

    old_page = client.get(register["old"].get_absolute_url()).content.decode()
    assert (
        '<li><span class="document-relation-kind">Bị thay thế bởi:</span> <a href="/van-ban/nghi-quyet-08-nq-ldld/">'
        "Nghị quyết 08/NQ-LĐLĐ</a> ngày 18/03/2024 – Về phát triển đoàn viên giai đoạn 2024 – 2028</li>"
    ) in old_page


@time_machine.travel(TODAY, tick=False)
def test_pdf_preview_and_the_file_is_served_inert(client, register):
    plan = register["plan"]
    attached = plan.files.get()
    html = client.get(plan.get_absolute_url()).content.decode()
    url = f"/van-ban/ke-hoach-377-kh-tld/tep/{attached.pk}/ke-hoach-377-kh-tld.pdf"
    assert (
        f'<iframe class="document-preview" src="{url}" title="Xem trước toàn văn (PDF)" loading="lazy"></iframe>'
        in html
    )
    response = client.get(url)
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"], response["X-Content-Type-Options"]) == (
        "application/pdf",
        'inline; filename="ke-hoach-377-kh-tld.pdf"',
        "nosniff",
    )
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
    )
    assert client.get(url.replace(".pdf", ".html")).status_code == 404


def test_a_scanned_pdf_says_so_on_its_page(client):
    from .factories import scanned_pdf_bytes

    document = DocumentFactory(number="933/QĐ-TLĐ", kind="quyet-dinh")
    attach_file(document=document, content=scanned_pdf_bytes(), name="qd.pdf", label="Bản scan có chữ ký")
    html = client.get(document.get_absolute_url()).content.decode()
    assert '<span class="document-file-note">Bản quét: không tìm được theo chữ trong tệp.</span>' in html


def test_a_draft_is_hidden_from_readers(client, register):
    draft = Document.objects.get(number="99/KH-LĐLĐ")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_rss_and_sitemap_list_published_documents(client, register):
    feed = client.get("/van-ban/rss/").content.decode()
    titles = re.findall(r"<item><title>(.*?)</title>", feed)
    assert sorted(titles) == sorted([
        "Kế hoạch 377/KH-TLĐ: Tổ chức Tháng Công nhân năm 2025",
        "Nghị quyết 03/NQ-LĐLĐ: Về phát triển đoàn viên giai đoạn 2021 – 2023",
        "Nghị quyết 08/NQ-LĐLĐ: Về phát triển đoàn viên giai đoạn 2024 – 2028",
        "Hướng dẫn 15/HD-LĐLĐ: Thu, nộp kinh phí công đoàn năm 2025",
    ])  # fmt: skip
    sitemap = client.get("/sitemap.xml").content.decode()
    assert sorted(re.findall(r"<loc>http://testserver(/van-ban/[^<]+)</loc>", sitemap)) == [
        "/van-ban/huong-dan-15-hd-ldld/",
        "/van-ban/ke-hoach-377-kh-tld/",
        "/van-ban/nghi-quyet-03-nq-ldld/",
        "/van-ban/nghi-quyet-08-nq-ldld/",
    ]


def test_an_article_can_show_its_documents(register):
    from django.template import Context, Template

    article = ArticleFactory()
    register["guide"].related_articles.add(article)
    html = Template("{% load documents %}{% related_documents article %}").render(Context({"article": article}))
    assert re.sub(r"\s+", " ", html).strip() == (
        '<aside class="related-documents" aria-labelledby="van-ban-lien-quan"> <h2 id="van-ban-lien-quan">'
        'Văn bản liên quan</h2> <ul><li><a href="/van-ban/huong-dan-15-hd-ldld/">Hướng dẫn 15/HD-LĐLĐ</a> '
        "ngày 15/07/2025 – Thu, nộp kinh phí công đoàn năm 2025</li></ul> </aside>"
    )


def test_a_search_matching_most_of_the_register_lists_the_newest_and_says_so(client, monkeypatch):
    """Counting every match of a word in most documents reads every row: a search counts and
    pages its newest SEARCH_MATCHES_SHOWN (1.000) matches, and says there are more."""
    from documents import views

    monkeypatch.setattr(views, "SEARCH_MATCHES_SHOWN", 3)
    for day in range(1, 6):
        DocumentFactory(title=f"Phát triển đoàn viên đợt {day}", issued_on=D(2025, 3, day))
    response = client.get("/van-ban/", {"q": "doan vien"})
    assert count_line(response) == (
        "Tìm thấy hơn 3 văn bản có “doan vien”; trang chỉ liệt kê 3 văn bản mới nhất, hãy thêm từ hoặc chọn bộ "
        "lọc để thu hẹp."
    )
    assert [row[2] for row in rows(response)] == [
        "Kế hoạch Phát triển đoàn viên đợt 5",
        "Kế hoạch Phát triển đoàn viên đợt 4",
        "Kế hoạch Phát triển đoàn viên đợt 3",
    ]
    exact = client.get("/van-ban/", {"q": "đợt 2"})
    assert count_line(exact) == "Tìm thấy 1 văn bản có “đợt 2”."


def test_the_last_page_of_a_long_register(client):
    for day in range(1, 23):
        DocumentFactory(title=f"Văn bản ngày {day}", issued_on=D(2025, 1, day))
    response = client.get("/van-ban/", {"page": "2"})
    assert [row[2] for row in rows(response)] == ["Kế hoạch Văn bản ngày 2", "Kế hoạch Văn bản ngày 1"]
    assert client.get("/van-ban/", {"page": "3"}).status_code == 404


# Cold pieces: the filter choices (years, issuers, fields: 3), then the page's count, its rows
# (fetched by id with issuer and state) and their files (3). A number typed as one looks the
# number up first (+1); the tình trạng filter reads the documents other documents end or amend
# (+1, kept per generation like the choices).
REGISTER_QUERIES = {
    "": 6,
    "?loai=ke-hoach": 6,
    "?tinh-trang=het-hieu-luc": 7,
    "?q=doan+vien": 6,
    "?q=377%2Fkh-tld": 7,
    "?q=doan+vien&loai=nghi-quyet&tinh-trang=con-hieu-luc": 7,
    "?page=2": 6,
}


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("many", [False, True])
def test_register_query_counts_are_fixed(client, register, many):
    if many:
        for day in range(1, 40):
            document = DocumentFactory(title=f"Phát triển đoàn viên đợt {day}", issued_on=D(2024, 1, day % 28 + 1))
            attach_file(document=document, content=pdf_bytes("Đoàn viên"), name="dv.pdf")
    counts = {}
    for query in REGISTER_QUERIES:
        if query == "?page=2" and not many:
            continue
        clear_cache()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/van-ban/{query}").status_code == 200, query
        counts[query] = len(queries) - FRAME
    expected = {query: count for query, count in REGISTER_QUERIES.items() if many or query != "?page=2"}
    assert counts == expected
