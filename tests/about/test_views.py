"""/gioi-thieu/…, /lien-he/ and /en/: what a reader sees, fixed query counts, sitemap."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from about.models import Leader, Page, Profile
from congdoan.tenancy import directory
from tests.utils import HEADER_QUERIES_COLD, jpeg_bytes

from .factories import LeaderFactory, OfficerFactory, PageFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    history = PageFactory(title="Lịch sử hình thành và phát triển", slug="lich-su", order=1, summary="Từ năm 1997.")
    structure = PageFactory(title="Cơ cấu tổ chức", slug="co-cau-to-chuc", order=2, block=Page.Block.ORGANISATION)
    executive = PageFactory(title="Ban Chấp hành", slug="ban-chap-hanh", order=3, block=Page.Block.EXECUTIVE)
    standing = PageFactory(title="Ban Thường vụ", slug="ban-thuong-vu", parent=executive, block=Page.Block.STANDING)
    hidden = PageFactory(title="Trang ẩn", slug="trang-an", order=4, is_published=False)
    PageFactory(title="Con của trang ẩn", slug="con-trang-an", parent=hidden)
    return {"history": history, "structure": structure, "executive": executive, "standing": standing}


def nav_links(html: str) -> list[tuple[str, str]]:
    nav = html.split('<nav class="about-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_index_lists_the_published_tree(client, tree):
    html = client.get("/gioi-thieu/").content.decode()
    assert '<h1 class="page-title">Giới thiệu</h1>' in html
    toc = re.findall(r'<a class="about-toc-title" href="([^"]+)">([^<]+)</a>', html)
    assert toc == [
        ("/gioi-thieu/lich-su/", "Lịch sử hình thành và phát triển"),
        ("/gioi-thieu/co-cau-to-chuc/", "Cơ cấu tổ chức"),
        ("/gioi-thieu/ban-chap-hanh/", "Ban Chấp hành"),
        ("/gioi-thieu/ban-chap-hanh/ban-thuong-vu/", "Ban Thường vụ"),
    ]
    assert '<p class="about-toc-summary">Từ năm 1997.</p>' in html
    assert nav_links(html)[-2:] == [("/lien-he/", "Liên hệ"), ("/en/", "English")]


def test_page_by_its_address(client, tree):
    html = client.get("/gioi-thieu/ban-chap-hanh/ban-thuong-vu/").content.decode()
    assert '<h1 class="page-title">Ban Thường vụ</h1>' in html
    crumbs = html.split('<nav class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r"<li>(?:<a [^>]+>)?([^<]+)", crumbs) + re.findall(r'aria-current="page">([^<]+)', crumbs) == [
        "Trang chủ",
        "Giới thiệu",
        "Ban Chấp hành",
        "Ban Thường vụ",
    ]
    assert ("/gioi-thieu/ban-chap-hanh/ban-thuong-vu/", "Ban Thường vụ") in nav_links(html)
    assert '<a href="/gioi-thieu/ban-chap-hanh/ban-thuong-vu/" aria-current="page">Ban Thường vụ</a>' in html


@pytest.mark.parametrize(
    "path",
    [
        "/gioi-thieu/ban-thuong-vu/",  # a child page is only at its full address
        "/gioi-thieu/lich-su/ban-thuong-vu/",
        "/gioi-thieu/trang-an/",
        "/gioi-thieu/trang-an/con-trang-an/",
        "/gioi-thieu/khong-co/",
        "/gioi-thieu/a/b/c/d/",
        "/gioi-thieu/L%E1%BB%8Bch-s%E1%BB%AD/",
    ],
)
def test_unknown_hidden_or_misplaced_pages_are_404(client, tree, path):
    assert client.get(path).status_code == 404


def test_organisation_chart_is_a_nested_list_with_layouts(client, tree):
    executive = UnitFactory(name="Ban Chấp hành LĐLĐ tỉnh", description="27 ủy viên")
    standing = UnitFactory(name="Ban Thường vụ", parent=executive)
    UnitFactory(name="Văn phòng", parent=standing, order=1)
    unions = UnitFactory(name="Công đoàn cấp trên trực tiếp cơ sở", parent=standing, order=2)
    for number in range(7):
        UnitFactory(name=f"LĐLĐ huyện số {number}", parent=unions, order=number)
    html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    chart = html.split('<ul class="org-chart">', 1)[1].split("</section>", 1)[0]
    structure = re.findall(r'<ul class="(org-[a-z]+)">|<span class="org-name">([^<]+)</span>|(</ul>)', chart)
    tokens = [layout or name or "end" for layout, name, end in structure]
    assert tokens == [
        "Ban Chấp hành LĐLĐ tỉnh",
        "org-chain",
        "Ban Thường vụ",
        "org-row",
        "Văn phòng",
        "Công đoàn cấp trên trực tiếp cơ sở",
        "org-stack",
        *[f"LĐLĐ huyện số {number}" for number in range(7)],
        "end",
        "end",
        "end",
        "end",  # the chart's own list
    ]
    assert '<span class="org-description">27 ủy viên</span>' in chart
    assert "style=" not in html and "<script>" not in html


def test_leaders_pages(client, tree):
    LeaderFactory(name="Hoàng Văn Thành", position="Chủ tịch LĐLĐ tỉnh", board=Leader.Board.STANDING, order=1,
                  phone="0209 3870 101", email="chutich@congdoanbackan.vn",
                  photo=SimpleUploadedFile("chan-dung.jpg", jpeg_bytes(600, 800)))  # fmt: skip
    LeaderFactory(name="Hà Thị Mai", position="Chủ tịch Công đoàn ngành Giáo dục", order=10)
    LeaderFactory(name="Người khóa trước", term_start=2018, term_end=2023, order=2)
    LeaderFactory(name="Đã ẩn", is_published=False)
    standing = client.get("/gioi-thieu/ban-chap-hanh/ban-thuong-vu/").content.decode()
    assert re.findall(r'<h3 class="leader-name">([^<]+)</h3>', standing) == ["Hoàng Văn Thành"]
    assert '<h2 class="leaders-term">Nhiệm kỳ 2023–2028</h2>' in standing
    assert '<p class="leader-position">Chủ tịch LĐLĐ tỉnh</p>' in standing
    assert '<li>Điện thoại: <a href="tel:02093870101">0209 3870 101</a></li>' in standing
    assert '<li>Thư điện tử: <a href="mailto:chutich@congdoanbackan.vn">chutich@congdoanbackan.vn</a></li>' in standing
    assert 'alt="Ảnh chân dung Hoàng Văn Thành"' in standing and 'width="600" height="800"' in standing
    executive = client.get("/gioi-thieu/ban-chap-hanh/").content.decode()
    assert re.findall(r'<h2 class="leaders-term">([^<]+)</h2>', executive) == [
        "Nhiệm kỳ 2023–2028",
        "Nhiệm kỳ 2018–2023",
    ]
    assert re.findall(r'<h3 class="leader-name">([^<]+)</h3>', executive) == [
        "Hoàng Văn Thành",
        "Hà Thị Mai",
        "Người khóa trước",
    ]


def test_contact_page(client):
    OfficerFactory()
    OfficerFactory(role="bao-chi", name="Đinh Văn Tiến", position="Chánh Văn phòng", phone="", order=2)
    Profile.objects.create(
        map_image=SimpleUploadedFile("ban-do.jpg", jpeg_bytes(1200, 800)),
        map_alt="Bản đồ trụ sở cạnh đường Trường Chinh.",
        map_url="https://www.openstreetmap.org/?mlat=22.1470&mlon=105.8348",
    )
    html = client.get("/lien-he/").content.decode()
    assert '<h1 class="page-title">Liên hệ</h1>' in html
    assert (
        '<p><span class="contact-label">Địa chỉ:</span> Tổ 1, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn</p>'
        in html
    )
    assert '<p><span class="contact-label">Điện thoại:</span> <a href="tel:02093870123">0209 3870 123</a></p>' in html
    assert (
        '<p><span class="contact-label">Thư điện tử:</span> '
        '<a href="mailto:banbientap@congdoanbackan.vn">banbientap@congdoanbackan.vn</a></p>' in html
    )
    assert re.findall(r"<ul class=\"contact-hours\">(.*?)</ul>", html) == [
        "<li>Sáng: 07:30 – 11:30</li><li>Chiều: 13:30 – 17:00</li>"
        "<li>Từ thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, Tết.</li>"
    ]
    assert re.findall(r'<p class="officer-role">([^<]+)</p>', html) == [
        "Người phát ngôn",
        "Đầu mối cung cấp thông tin cho báo chí",
    ]
    assert '<p class="officer-name"><strong>Đinh Văn Tiến</strong>, Chánh Văn phòng</p>' in html
    assert '<a href="https://www.openstreetmap.org/?mlat=22.1470&amp;mlon=105.8348">Xem bản đồ lớn hơn</a>' in html
    assert "<figcaption>Bản đồ trụ sở cạnh đường Trường Chinh.</figcaption>" in html
    # No third-party script or frame: the map is a picture with a link.
    assert "<iframe" not in html and re.findall(r'<script src="([^"]+)"', html) == ["/static/js/site.js"]
    assert '<a href="/lien-he/" aria-current="page">Liên hệ</a>' in html


def test_contact_page_without_profile_uses_defaults(client):
    html = client.get("/lien-he/").content.decode()
    assert "<li>Sáng: 07:30 – 11:30</li>" in html
    assert "Bản đồ" not in html and "Người phát ngôn" not in html


def test_english_page_is_in_english(client):
    Profile.objects.create(
        name_en="Bac Kan Provincial Federation of Labour",
        address_en="Group 1, Duc Xuan Ward, Bac Kan City",
        intro_en="First paragraph.\n\nSecond   paragraph\nwraps.",
        functions_en="Represents workers.\nOrganises emulation movements.\n",
    )
    UnitFactory(name="Văn phòng", name_en="Office")
    UnitFactory(name="Ban chưa dịch")
    LeaderFactory(name="Hoàng Văn Thành", position_en="President", order=1)
    LeaderFactory(name="Chưa dịch chức vụ")
    response = client.get("/en/")
    html = response.content.decode()
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert html.count("<html") == 1 and 'lang="vi"' in html  # Vietnamese names are marked as such
    assert '<h1 class="page-title">Bac Kan Provincial Federation of Labour</h1>' in html
    assert "<p>First paragraph.</p><p>Second paragraph wraps.</p>" in html
    assert re.findall(r'<ul class="english-functions">(.*?)</ul>', html) == [
        "<li>Represents workers.</li><li>Organises emulation movements.</li>"
    ]
    assert '<ul class="english-units"><li>Office</li></ul>' in html
    assert "<h3>Leadership, term 2023–2028</h3>" in html
    assert '<li><span lang="vi">Hoàng Văn Thành</span>, President</li>' in html
    assert "Chưa dịch" not in html
    assert '<p><span class="contact-label">Address:</span> Group 1, Duc Xuan Ward, Bac Kan City</p>' in html
    assert '<p><span class="contact-label">Telephone:</span> <a href="tel:02093870123">0209 3870 123</a></p>' in html
    assert "<script" not in html and "style=" not in html


def test_only_the_english_page_is_english(client, tree):
    for url in ("/gioi-thieu/", "/gioi-thieu/lich-su/", "/lien-he/"):
        assert client.get(url).content.decode().count('<html lang="vi">') == 1


def test_page_query_counts_are_fixed(client, tree, django_assert_num_queries):
    """Every page: the published pages (menu and address) in one query, then what it shows in
    one more; plus the menu (every template's context); plus the header's ticker and slides on
    a cold cache. The federation is the request's (the directory of hosts), not a query."""
    for number in range(12):
        UnitFactory(name=f"Đơn vị {number}")
        LeaderFactory(board=Leader.Board.STANDING if number % 2 else Leader.Board.EXECUTIVE)
    for url, own in [
        ("/gioi-thieu/", 1),
        ("/gioi-thieu/lich-su/", 1),
        ("/gioi-thieu/co-cau-to-chuc/", 2),
        ("/gioi-thieu/ban-chap-hanh/", 2),
        ("/gioi-thieu/ban-chap-hanh/ban-thuong-vu/", 2),
        ("/lien-he/", 3),  # pages, contact details, officers
    ]:
        with django_assert_num_queries(own + 1 + HEADER_QUERIES_COLD):
            assert client.get(url).status_code == 200


def test_english_page_query_count(client, django_assert_num_queries):
    """Contact details, units, leaders: 3; no header, banners or footer, and so no menu (the
    template context looks it up only when a template shows it). (The directory of hosts is
    read once per process and network version, before any page: warmed here.)"""
    directory()
    with django_assert_num_queries(3):
        assert client.get("/en/").status_code == 200


def test_sitemap_lists_organisation_pages(client, tree):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>http://testserver(/(?:gioi-thieu|lien-he|en)/[^<]*)</loc>", xml)
    assert locations == [
        "/gioi-thieu/ban-chap-hanh/",
        "/gioi-thieu/ban-chap-hanh/ban-thuong-vu/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/lich-su/",
        "/gioi-thieu/",
        "/lien-he/",
        "/en/",
    ]
