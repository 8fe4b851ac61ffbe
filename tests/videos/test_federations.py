"""Two federations on one installation: each host shows its own videos only.

A is the default federation (the test client's `testserver`), B is Sơn La on its own host;
the same address (/video/phong-su/) is each federation's own video.
"""

import re

import pytest
from django.template import Context, Template
from django.test import Client

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate
from tests.albums.pages import texts
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import VideoFactory

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"
CARD_TITLES = r'<h2 class="video-card-title"><a href="[^"]+">(.*?)</a></h2>'


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", domain="congdoansonla.vn"
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    with activate(federation):
        VideoFactory(title="Phóng sự Sơn La", slug="phong-su")
    VideoFactory(title="Phóng sự Bắc Kạn", slug="phong-su")
    VideoFactory(title="Tháng Công nhân Bắc Kạn", slug="thang-cong-nhan")
    VideoFactory(title="Video nháp Bắc Kạn", slug="video-nhap", is_published=False, published_at=None)
    return federation


def test_b_host_lists_none_of_a_videos_and_a_addresses_are_404(federation_b, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # A's cached pieces must not reach B's pages
    a = Client()
    assert texts(a.get("/video/").content.decode(), CARD_TITLES) == ["Tháng Công nhân Bắc Kạn", "Phóng sự Bắc Kạn"]
    assert texts(a.get("/video/phong-su/").content.decode(), r'<h1 class="video-title">(.*?)</h1>') == [
        "Phóng sự Bắc Kạn"
    ]
    b = Client(HTTP_HOST=B_HOST)
    assert texts(b.get("/video/").content.decode(), CARD_TITLES) == ["Phóng sự Sơn La"]
    for url in ("/video/thang-cong-nhan/", "/video/video-nhap/", "/video/?page=2"):
        assert b.get(url).status_code == 404, url
    same_address = b.get("/video/phong-su/").content.decode()
    assert texts(same_address, r'<h1 class="video-title">(.*?)</h1>') == ["Phóng sự Sơn La"]
    sitemap = b.get("/sitemap.xml").content.decode()
    assert re.findall(r"<loc>([^<]+/video/[^<]*)</loc>", sitemap) == ["http://sonla.test/video/phong-su/"]


def test_b_staff_cannot_preview_a_draft_video(federation_b):
    editor = give_role(UserFactory(username="bientap-sonla"), EDITOR_GROUP, federation_b)
    b = Client(HTTP_HOST=B_HOST)
    b.force_login(editor)
    assert b.get("/video/video-nhap/").status_code == 404


def test_the_home_block_of_b_has_b_videos_only(federation_b):
    with activate(federation_b):
        html = Template("{% load videos %}{% latest_videos %}").render(Context({}))
    assert texts(html, r'<h3 class="video-card-title"><a href="[^"]+">(.*?)</a></h3>') == ["Phóng sự Sơn La"]
