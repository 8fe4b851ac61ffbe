"""The home page composes the blocks the apps declare (congdoan.portal) in their regions.

Campaigns in the band under the top stories (as before), albums and videos in the main
column after the section blocks, the legal Q&A box with the hotline beside "Đọc nhiều".
Each block is kept per generation; an empty block renders nothing, not even its heading.
"""

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from congdoan.models import Federation, FederationHost
from congdoan.tenancy import activate, this_federation
from tests.albums.factories import AlbumFactory, AlbumPhotoFactory
from tests.campaigns.factories import CampaignFactory, PhaseFactory
from tests.legal.factories import published
from tests.utils import HEADER_QUERIES_COLD, HOME_APP_BLOCK_QUERIES, NEXT_CHANGE_QUERIES, clear_cache
from tests.videos.factories import VideoFactory

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"


def headings(html: str) -> list[str]:
    return re.findall(r"<h2 [^>]*\bid=\"([^\"]+)\"", html)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def everything():
    """News, an ongoing campaign, an album, a video, a published Q&A and the hotline."""
    section = SectionFactory(name="Tin tức", slug="tin-tuc")
    ArticleFactory(title="Đại hội Công đoàn tỉnh", section=section, featured=True)
    ArticleFactory(title="Tập huấn an toàn lao động", section=section)
    today = datetime.date.today()
    campaign = CampaignFactory(
        title="Thi đua lao động giỏi", start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=30),
    )  # fmt: skip
    PhaseFactory(campaign=campaign)
    AlbumPhotoFactory(album=AlbumFactory(title="Hội thao công nhân", slug="hoi-thao"))
    VideoFactory(title="Phóng sự Tháng Công nhân", slug="thang-cong-nhan")
    published(title="Làm thêm giờ tối đa bao nhiêu giờ một tháng?")
    federation = this_federation()
    federation.hotline = "0209 3878 999"
    federation.hotline_hours = "7:30–17:00 các ngày làm việc"
    federation.save()
    return federation


def test_each_block_is_in_its_region(client, everything):
    html = client.get("/").content.decode()
    assert headings(html) == [
        "tin-moi",  # the top stories
        "khoi-phong-trao",  # the band
        "cm-tin-tuc",  # the main column: news' section blocks, then albums and videos
        "thu-vien-anh-trang-chu",
        "video-trang-chu",
        "doc-nhieu",  # the side column: "Đọc nhiều", then the legal box and its hotline
        "hoi-dap-phap-luat",
        "duong-day-nong",
    ]
    aside = html.split('<aside class="home-aside">')[1].split("</aside>")[0]
    assert headings(aside) == ["doc-nhieu", "hoi-dap-phap-luat", "duong-day-nong"]
    hotline = aside.split('<section class="legal-hotline" aria-labelledby="duong-day-nong">')[1].split("</section>")[0]
    assert text_of(hotline) == (
        "Đường dây nóng tư vấn pháp luật 0209 3878 999 7:30–17:00 các ngày làm việc "
        "Miễn phí cho đoàn viên công đoàn và người lao động."
    )
    assert '<p class="legal-hotline-number"><a href="tel:02093878999">0209 3878 999</a></p>' in hotline
    assert re.findall(r'<li><a href="(/hoi-dap/[^"]+)">([^<]+)</a>', aside) == [
        ("/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/", "Làm thêm giờ tối đa bao nhiêu giờ một tháng?")
    ]
    # The blocks' stylesheets, once each, in the blocks' order (campaigns' is the site's).
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', html) == [
        "/static/css/site.css",
        "/static/albums/albums.css",
        "/static/videos/videos.css",
        "/static/legal/legal.css",
    ]


def test_the_campaigns_band_is_the_campaigns_partial_byte_for_byte(client, everything):
    request = RequestFactory().get("/")
    partial = Template("{% load campaigns %}{% ongoing_campaigns %}").render(Context({"request": request}))
    assert partial.strip().startswith('<section class="campaign-home-block"')
    html = client.get("/").content.decode()
    top_end = html.index('<div class="home-columns">')
    assert html[html.index("</div>\n\n", html.index('<div class="home-top">')) + 8 : top_end] == partial + "\n"


def test_without_albums_or_videos_their_blocks_and_styles_are_absent(client):
    ArticleFactory(title="Đại hội Công đoàn tỉnh", featured=True)
    html = client.get("/").content.decode()
    for absent in ("thu-vien-anh-trang-chu", "video-trang-chu", "albums.css", "videos.css", "khoi-phong-trao"):
        assert absent not in html
    # The legal box always has something: the links to ask and the hotline (the federation's
    # phone when it has no hotline of its own).
    assert headings(html.split('<aside class="home-aside">')[1]) == [
        "doc-nhieu",
        "hoi-dap-phap-luat",
        "duong-day-nong",
    ]


def test_a_home_without_articles_still_shows_the_apps_blocks(client):
    AlbumPhotoFactory(album=AlbumFactory(title="Hội thao công nhân"))
    html = client.get("/").content.decode()
    assert '<p class="empty-state-title">Chưa có bài viết nào được đăng.</p>' in html
    assert headings(html) == ["thu-vien-anh-trang-chu", "hoi-dap-phap-luat", "duong-day-nong"]


def test_query_counts_are_pinned_cold_and_warm(client, everything, settings):
    """Cold, blocks uncached: menu, featured, latest, section blocks, most read; campaigns and
    their phases; albums and their covers; videos; the Q&As. With the fragment cache (the
    production setting) the generation is read once, then a warm home runs no query."""
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    # tests/utils.py's HOME_APP_BLOCK_QUERIES counts them without content: no phases, no covers
    assert len(queries) == 6 + HOME_APP_BLOCK_QUERIES + 2 + HEADER_QUERIES_COLD
    assert len(queries) == 5 + 2 + 2 + 1 + 1 + HEADER_QUERIES_COLD

    settings.FRAGMENT_CACHE_SECONDS = 600
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        cold = client.get("/").content
    assert len(queries) == 5 + 2 + 2 + 1 + 1 + HEADER_QUERIES_COLD + NEXT_CHANGE_QUERIES
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").content == cold
    assert len(queries) == 0, [query["sql"] for query in queries.captured_queries]


def test_a_new_album_shows_on_a_warm_home_at_once(client, everything, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    client.get("/")
    AlbumPhotoFactory(album=AlbumFactory(title="Giải bóng đá công nhân"))
    html = client.get("/").content.decode()
    assert re.findall(r'<h3 class="album-card-title"><a href="[^"]+">(.*?)</a></h3>', html) == [
        "Giải bóng đá công nhân",
        "Hội thao công nhân",
    ]


def test_each_federation_has_its_own_blocks(everything, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # A's cached blocks must not reach B's home
    sonla = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", domain="congdoansonla.vn",
        phone="0212 3852 555",
    )  # fmt: skip
    FederationHost.objects.create(federation=sonla, host=B_HOST, is_primary=True)
    with activate(sonla):
        AlbumPhotoFactory(album=AlbumFactory(title="Đại hội Công đoàn tỉnh Sơn La"))
    Client().get("/")
    html = Client(HTTP_HOST=B_HOST).get("/").content.decode()
    assert re.findall(r'<h3 class="album-card-title"><a href="[^"]+">(.*?)</a></h3>', html) == [
        "Đại hội Công đoàn tỉnh Sơn La"
    ]
    assert headings(html) == ["thu-vien-anh-trang-chu", "hoi-dap-phap-luat", "duong-day-nong"]
    hotline = html.split('<section class="legal-hotline" aria-labelledby="duong-day-nong">')[1].split("</section>")[0]
    assert text_of(hotline) == (
        "Đường dây nóng tư vấn pháp luật Gọi LĐLĐ tỉnh Sơn La: 0212 3852 555 "
        "Miễn phí cho đoàn viên công đoàn và người lao động."
    )
