"""Two federations on one installation: each host shows its own organisation pages only.

A is the default federation (the test client's `testserver`), B is Sơn La on its own host;
the same address (/gioi-thieu/co-cau-to-chuc/) is each federation's own page.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from about.models import Profile
from congdoan.models import Federation, FederationHost
from congdoan.tenancy import activate

from .factories import LeaderFactory, OfficerFactory, PageFactory, UnitFactory

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla",
        name_line2="TỈNH SƠN LA",
        short_name="LĐLĐ tỉnh Sơn La",
        province="Sơn La",
        domain="congdoansonla.vn",
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


@pytest.fixture
def both(federation_b):
    """A: three pages, a unit, a leader, an officer, its English profile; B: one page at an
    address A also uses, and its own leader, officer and profile."""
    PageFactory(title="Lịch sử Công đoàn Bắc Kạn", slug="lich-su", order=1)
    executive = PageFactory(title="Ban Chấp hành Bắc Kạn", slug="ban-chap-hanh", order=2, block="chap-hanh")
    PageFactory(title="Ban Thường vụ Bắc Kạn", slug="ban-thuong-vu", parent=executive, block="thuong-vu")
    PageFactory(title="Cơ cấu tổ chức Bắc Kạn", slug="co-cau-to-chuc", order=3, block="co-cau")
    UnitFactory(name="Văn phòng Bắc Kạn", name_en="Bac Kan Office")
    LeaderFactory(name="Hoàng Văn Thành", position_en="President")
    OfficerFactory(name="Đinh Văn Tiến")
    Profile.objects.create(name_en="Bac Kan Provincial Federation of Labour", working_hours="Sáng: 07:30 – 11:30")
    with activate(federation_b):
        PageFactory(title="Cơ cấu tổ chức Sơn La", slug="co-cau-to-chuc", order=1, block="co-cau")
        UnitFactory(name="Văn phòng Sơn La", name_en="Son La Office")
        LeaderFactory(name="Lò Văn Páo", position_en="President")
        OfficerFactory(name="Cầm Thị Hoa")
        Profile.objects.create(name_en="Son La Provincial Federation of Labour", working_hours="Sáng: 07:00 – 11:00")
    return federation_b


def b_client() -> Client:
    return Client(HTTP_HOST=B_HOST)


def about_links(html: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/gioi-thieu/[^"]+)"', html)))


def test_b_host_shows_none_of_a_pages_and_a_addresses_are_404_there(both):
    client = b_client()
    for url in ("/gioi-thieu/lich-su/", "/gioi-thieu/ban-chap-hanh/", "/gioi-thieu/ban-chap-hanh/ban-thuong-vu/"):
        assert client.get(url).status_code == 404, url
    index = client.get("/gioi-thieu/").content.decode()
    assert re.findall(r'<a class="about-toc-title" href="([^"]+)">([^<]+)</a>', index) == [
        ("/gioi-thieu/co-cau-to-chuc/", "Cơ cấu tổ chức Sơn La")
    ]
    chart = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert re.search(r"<h1[^>]*>([^<]+)</h1>", chart).group(1) == "Cơ cấu tổ chức Sơn La"
    assert "Văn phòng Sơn La" in chart and "Văn phòng Bắc Kạn" not in chart
    assert about_links(chart) == ["/gioi-thieu/co-cau-to-chuc/"]
    # A's own host still serves A's page at the same address.
    assert "Cơ cấu tổ chức Bắc Kạn" in Client().get("/gioi-thieu/co-cau-to-chuc/").content.decode()


def test_b_contact_english_pages_and_sitemap_are_b_own(both):
    client = b_client()
    contact = client.get("/lien-he/").content.decode()
    assert re.findall(r'<p class="officer-name"><strong>([^<]+)</strong>', contact) == ["Cầm Thị Hoa"]
    assert re.findall(r'<ul class="contact-hours">(.*?)</ul>', contact) == ["<li>Sáng: 07:00 – 11:00</li>"]
    english = client.get("/en/").content.decode()
    assert '<h1 class="page-title">Son La Provincial Federation of Labour</h1>' in english
    assert '<ul class="english-leaders"><li><span lang="vi">Lò Văn Páo</span>, President</li></ul>' in english
    assert '<ul class="english-units"><li>Son La Office</li></ul>' in english
    assert "Bac Kan" not in english and "Hoàng Văn Thành" not in english
    sitemap = client.get("/sitemap.xml").content.decode()
    assert re.findall(r"<loc>http://sonla\.test(/gioi-thieu/[^<]*)</loc>", sitemap) == [
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/",
    ]


def test_the_contact_profile_is_one_per_federation(both, superuser):
    # B has one already, and so has A: neither may add a second.
    with activate(both), pytest.raises(ValidationError) as raised:
        Profile().full_clean()
    assert raised.value.messages == ["Liên đoàn này đã có thông tin liên hệ; hãy sửa bản đã có."]
    assert Profile.objects.count() == 2
    # A federation without one may add it, whatever the others have.
    third = Federation.objects.create(code="laichau", short_name="LĐLĐ tỉnh Lai Châu")
    FederationHost.objects.create(federation=third, host="laichau.test", is_primary=True)
    client = Client(HTTP_HOST="laichau.test")
    client.force_login(superuser)
    assert client.get("/admin/about/profile/add/").status_code == 200
    assert b_client().get("/admin/about/profile/add/").status_code == 302  # B's admin: log in first
    client_b = b_client()
    client_b.force_login(superuser)
    assert client_b.get("/admin/about/profile/add/").status_code == 403
