"""The site search: articles as before, then one group per app that declares one
(congdoan.portal): documents, Q&As, organisation pages, albums, videos. Case- and
diacritic-insensitive everywhere, scoped to the federation, a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congdoan.models import Federation, FederationHost
from congdoan.tenancy import activate
from tests.about.factories import PageFactory
from tests.albums.factories import AlbumFactory
from tests.documents.factories import DocumentFactory
from tests.legal.factories import published
from tests.utils import HEADER_QUERIES_COLD, SEARCH_GROUP_QUERIES, clear_cache
from tests.videos.factories import VideoFactory

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"
NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


def groups(html: str) -> list[str]:
    return re.findall(r'<h2 class="block-title" id="nhom-[^"]+">(.*?)</h2>', html)


def hits(html: str) -> list[tuple[str, str]]:
    """(address, title as read) of every hit of the apps' groups."""
    found = re.findall(r'<h3 class="search-hit-title"><a href="([^"]+)">(.*?)</a></h3>', html)
    return [(url, re.sub(r"<[^>]+>", "", title)) for url, title in found]


def more_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<p class="block-more"><a href="([^"]+)">(.*?)</a></p>', html)


@pytest.fixture
def content():
    """Something about "Tháng Công nhân" in every kind of content, and one without it."""
    ArticleFactory(title="Sôi nổi Tháng Công nhân năm 2025")
    DocumentFactory(number="377/KH-TLĐ", title="Tổ chức Tháng Công nhân năm 2025")
    DocumentFactory(number="15/HD-LĐLĐ", title="Hướng dẫn đại hội công đoàn cơ sở")
    published(title="Tháng Công nhân có được nghỉ thêm ngày nào?")
    history = PageFactory(title="Lịch sử", slug="lich-su", summary="Từ năm 2009, mỗi tháng Năm là Tháng Công nhân.")
    PageFactory(title="Truyền thống", slug="truyen-thong", parent=history, summary="Tháng Công nhân qua các năm.")
    PageFactory(title="Trang ẩn", slug="an", is_published=False, summary="Tháng Công nhân (chưa công bố).")
    AlbumFactory(title="Tháng Công nhân ở Khu công nghiệp Yên Bình", slug="yen-binh", published_at=NOW)
    AlbumFactory(title="Album nháp Tháng Công nhân", slug="nhap", is_published=False, published_at=None)
    VideoFactory(title="Phóng sự Tháng Công nhân", slug="phong-su", published_at=NOW, description="Mười ngày.")


def test_every_group_with_its_hits_and_links(client, content):
    html = client.get("/tim-kiem/", {"q": "thang cong nhan"}).content.decode()
    assert groups(html) == ["Bài viết", "Văn bản", "Hỏi đáp", "Giới thiệu", "Thư viện ảnh", "Video"]
    assert hits(html) == [
        ("/van-ban/ke-hoach-377-kh-tld/", "Kế hoạch 377/KH-TLĐ"),
        ("/hoi-dap/thang-cong-nhan-co-duoc-nghi-them-ngay-nao/", "Tháng Công nhân có được nghỉ thêm ngày nào?"),
        ("/gioi-thieu/lich-su/", "Lịch sử"),
        ("/gioi-thieu/lich-su/truyen-thong/", "Truyền thống"),
        ("/thu-vien-anh/yen-binh/", "Tháng Công nhân ở Khu công nghiệp Yên Bình"),
        ("/video/phong-su/", "Phóng sự Tháng Công nhân"),
    ]
    assert more_links(html) == [
        ("/van-ban/?q=thang+cong+nhan", "Xem tất cả trong Văn bản"),
        ("/hoi-dap/?q=thang+cong+nhan", "Xem tất cả trong Hỏi đáp"),
    ]
    # A hit's date and snippet, the query's words marked.
    video = html.split('<a href="/video/phong-su/">')[1].split("</li>")[0]
    assert '<time datetime="2026-05-04">04/05/2026</time>' in video
    assert '<p class="search-hit-snippet">Mười ngày.</p>' in video
    document = html.split('<a href="/van-ban/ke-hoach-377-kh-tld/">')[1].split("</li>")[0]
    assert '<time datetime="2025-03-10">10/03/2025</time>' in document
    assert (
        '<p class="search-hit-snippet">Tổ chức <mark>Tháng</mark> <mark>Công</mark> <mark>nhân</mark> năm 2025</p>'
        in document
    )
    assert re.findall(r'<a href="(\?[^"]+)"( aria-current="page")?>([^<]+)</a>', html) == [
        ("?q=thang+cong+nhan", ' aria-current="page"', "Tất cả"),
        ("?q=thang+cong+nhan&amp;nhom=bai-viet", "", "Bài viết"),
        ("?q=thang+cong+nhan&amp;nhom=van-ban", "", "Văn bản"),
        ("?q=thang+cong+nhan&amp;nhom=hoi-dap", "", "Hỏi đáp"),
        ("?q=thang+cong+nhan&amp;nhom=gioi-thieu", "", "Giới thiệu"),
        ("?q=thang+cong+nhan&amp;nhom=thu-vien-anh", "", "Thư viện ảnh"),
        ("?q=thang+cong+nhan&amp;nhom=video", "", "Video"),
    ]


def test_case_and_marks_do_not_matter(client, content):
    plain = hits(client.get("/tim-kiem/", {"q": "thang cong nhan"}).content.decode())
    assert hits(client.get("/tim-kiem/", {"q": "THÁNG CÔNG NHÂN"}).content.decode()) == plain
    assert hits(client.get("/tim-kiem/", {"q": "Tháng  công\tnhân"}).content.decode()) == plain


def test_one_group_alone(client, content):
    html = client.get("/tim-kiem/", {"q": "thang cong nhan", "nhom": "van-ban"}).content.decode()
    assert groups(html) == ["Văn bản"]
    assert hits(html) == [("/van-ban/ke-hoach-377-kh-tld/", "Kế hoạch 377/KH-TLĐ")]
    assert '<input type="hidden" name="nhom" value="van-ban">' in html
    assert '<a href="?q=thang+cong+nhan&amp;nhom=van-ban" aria-current="page">Văn bản</a>' in html
    articles = client.get("/tim-kiem/", {"q": "thang cong nhan", "nhom": "bai-viet"}).content.decode()
    assert groups(articles) == ["Bài viết"]
    assert re.findall(r'<h3 class="news-card-title"><a href="([^"]+)">', articles) == [
        "/bai-viet/soi-noi-thang-cong-nhan-nam-2025/"
    ]


def test_unknown_group_and_pages_of_a_group_are_404(client, content):
    assert client.get("/tim-kiem/", {"q": "thang", "nhom": "khong-co"}).status_code == 404
    assert client.get("/tim-kiem/", {"q": "thang", "nhom": "van-ban", "page": "2"}).status_code == 404
    assert client.get("/tim-kiem/", {"q": "thang", "nhom": "van-ban", "page": "abc"}).status_code == 404


def test_a_document_number_however_typed_finds_that_document(client, content):
    for query in ("377/KH-TLĐ", "377 kh tld", "377-KH-TLD", "３７７/KH-TLĐ"):
        html = client.get("/tim-kiem/", {"q": query, "nhom": "van-ban"}).content.decode()
        assert hits(html) == [("/van-ban/ke-hoach-377-kh-tld/", "Kế hoạch 377/KH-TLĐ")], query


def test_a_query_only_other_apps_match_shows_their_groups(client, content):
    html = client.get("/tim-kiem/", {"q": "yen binh"}).content.decode()
    assert groups(html) == ["Thư viện ảnh"]
    assert '<p class="search-summary">Không có bài viết nào cho “yen binh”.</p>' in html
    assert "empty-state" not in html
    assert '<link rel="canonical" href="http://testserver/tim-kiem/?q=yen+binh">' in html


def test_the_title_match_comes_first_then_the_newest(client):
    older = NOW - datetime.timedelta(days=30)
    AlbumFactory(title="Hội thao", slug="hoi-thao", description="Công nhân Yên Bình thi đấu.", published_at=NOW)
    AlbumFactory(title="Yên Bình vào mùa", slug="yen-binh", published_at=older)
    AlbumFactory(title="Khu công nghiệp", slug="kcn", description="Ở Yên Bình.", published_at=older)
    html = client.get("/tim-kiem/", {"q": "yen binh"}).content.decode()
    assert [url for url, _ in hits(html)] == [
        "/thu-vien-anh/yen-binh/",  # in the title, though older
        "/thu-vien-anh/hoi-thao/",
        "/thu-vien-anh/kcn/",
    ]


def test_a_group_shows_five_and_links_to_the_rest(client):
    for number in range(7):
        VideoFactory(title=f"Phóng sự số {number}", published_at=NOW - datetime.timedelta(days=number))
    html = client.get("/tim-kiem/", {"q": "phong su"}).content.decode()
    assert [title for _, title in hits(html)] == [f"Phóng sự số {number}" for number in range(5)]
    assert more_links(html) == [("/tim-kiem/?q=phong+su&amp;nhom=video", "Xem thêm trong Video")]
    alone = client.get("/tim-kiem/", {"q": "phong su", "nhom": "video"}).content.decode()
    assert len(hits(alone)) == 7
    assert more_links(alone) == []


@pytest.mark.parametrize(
    "query",
    [
        "công đoàn " * 2000,  # huge: cut to 100 characters
        "\u200fتحكيم\u200f \u202econg doan\u202c",  # right-to-left marks and script
        "٣٧٧/KH-TLĐ",  # Arabic-Indic digits
        "３７７／ＫＨ－ＴＬĐ",  # full-width
        "377/" + "KH-" * 300,
        '"""',
        "% _ \\ '; DROP TABLE",
        "a\u0301" * 500,
        "\x00",
    ],
)
def test_hostile_queries_never_fail(client, content, query):
    for group in ("", "van-ban", "gioi-thieu"):
        response = client.get("/tim-kiem/", {"q": query, **({"nhom": group} if group else {})})
        assert response.status_code == 200, (query, group)


def test_query_counts_are_pinned_cold_and_warm(client, content, settings):
    """Cold: menu, ranked ids, the page's articles, one query per group. The documents' group
    looks a số ký hiệu up first (one more). Warm (the production setting): the page's articles
    only; every group's hits are kept per generation like the ranked ids."""
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        client.get("/tim-kiem/", {"q": "thang cong nhan"})
    assert len(queries) == 3 + SEARCH_GROUP_QUERIES + HEADER_QUERIES_COLD
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        client.get("/tim-kiem/", {"q": "377/KH-TLĐ"})
    # no article matches: no page of articles to fetch
    assert len(queries) == 2 + SEARCH_GROUP_QUERIES + 1 + HEADER_QUERIES_COLD
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        client.get("/tim-kiem/", {"q": "thang cong nhan", "nhom": "video"})
    assert len(queries) == 1 + 1 + HEADER_QUERIES_COLD  # menu, the videos

    settings.FRAGMENT_CACHE_SECONDS = 600
    clear_cache()
    cold = client.get("/tim-kiem/", {"q": "thang cong nhan"}).content
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tim-kiem/", {"q": "thang cong nhan"}).content == cold
    assert len(queries) == 1, [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def sonla():
    federation = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", domain="congdoansonla.vn"
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    with activate(federation):
        AlbumFactory(title="Tháng Công nhân ở Sơn La", slug="son-la", published_at=NOW)
        PageFactory(title="Lịch sử Sơn La", slug="lich-su", summary="Tháng Công nhân ở Sơn La.")
    return federation


def test_each_federation_searches_its_own(content, sonla, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # A's cached hits must not reach B
    Client().get("/tim-kiem/", {"q": "thang cong nhan"})
    html = Client(HTTP_HOST=B_HOST).get("/tim-kiem/", {"q": "thang cong nhan"}).content.decode()
    assert groups(html) == ["Giới thiệu", "Thư viện ảnh"]
    assert hits(html) == [
        ("/gioi-thieu/lich-su/", "Lịch sử Sơn La"),
        ("/thu-vien-anh/son-la/", "Tháng Công nhân ở Sơn La"),
    ]


def test_the_national_sites_groups_are_the_national_unions_own(content, sonla):
    """The national search finds every federation's articles; its groups hold the national
    union's own pages, and none when the filter names another federation (its pages are on
    its own site, found by its own search)."""
    national = Federation.objects.create(
        code="tld", kind=Federation.Kind.NATIONAL, name_line1="TỔNG LIÊN ĐOÀN", name_line2="LAO ĐỘNG VIỆT NAM",
        short_name="Tổng LĐLĐ Việt Nam",
    )  # fmt: skip
    FederationHost.objects.create(federation=national, host="congdoan.test", is_primary=True)
    with activate(national):
        AlbumFactory(title="Tháng Công nhân toàn quốc", slug="toan-quoc", published_at=NOW)
    client = Client(HTTP_HOST="congdoan.test")
    html = client.get("/tim-kiem/", {"q": "thang cong nhan"}).content.decode()
    assert groups(html) == ["Bài viết", "Thư viện ảnh"]
    assert hits(html) == [("/thu-vien-anh/toan-quoc/", "Tháng Công nhân toàn quốc")]
    own = client.get("/tim-kiem/", {"q": "thang cong nhan", "lien-doan": "tld"}).content.decode()
    assert groups(own) == ["Thư viện ảnh"]
    other = client.get("/tim-kiem/", {"q": "thang cong nhan", "lien-doan": "sonla"}).content.decode()
    assert groups(other) == []
    assert '<p class="empty-state-title">Không tìm thấy kết quả nào cho “thang cong nhan”.</p>' in other
    with activate(sonla):
        ArticleFactory(title="Tháng Công nhân ở Sơn La")
    other = client.get("/tim-kiem/", {"q": "thang cong nhan", "lien-doan": "sonla"}).content.decode()
    assert groups(other) == ["Bài viết"]
    # no link to the groups it does not search
    assert re.findall(r'<a href="(\?[^"]+)"(?: aria-current="page")?>([^<]+)</a>', other) == [
        ("?q=thang+cong+nhan&amp;lien-doan=sonla", "Tất cả"),
        ("?q=thang+cong+nhan&amp;lien-doan=sonla&amp;nhom=bai-viet", "Bài viết"),
    ]
