"""Two federations on one installation: each host shows its own photo albums only.

A is the default federation (the test client's `testserver`), B is Sơn La on its own host;
the same address (/thu-vien-anh/dai-hoi/) is each federation's own album.
"""

import re

import pytest
from django.template import Context, Template
from django.test import Client

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import AlbumFactory, AlbumPhotoFactory
from .pages import texts

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"
CARD_TITLES = r'<h2 class="album-card-title"><a href="[^"]+">(.*?)</a></h2>'


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", domain="congdoansonla.vn"
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


@pytest.fixture
def albums(federation_b):
    """A: "Đại hội" (dai-hoi), its own album and a draft; B: its "Đại hội" at the same address."""
    for title, slug in (("Đại hội Công đoàn tỉnh Bắc Kạn", "dai-hoi"), ("Hội thao Bắc Kạn", "hoi-thao")):
        AlbumPhotoFactory(album=AlbumFactory(title=title, slug=slug), caption=f"Ảnh {title}")
    AlbumFactory(title="Album nháp Bắc Kạn", slug="album-nhap", is_published=False, published_at=None)
    with activate(federation_b):
        AlbumPhotoFactory(
            album=AlbumFactory(title="Đại hội Công đoàn tỉnh Sơn La", slug="dai-hoi"), caption="Ảnh Sơn La"
        )
    return federation_b


def test_b_host_lists_none_of_a_albums_and_a_addresses_are_404(albums, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # A's cached pieces must not reach B's pages
    a = Client()
    assert texts(a.get("/thu-vien-anh/").content.decode(), CARD_TITLES) == [
        "Hội thao Bắc Kạn",
        "Đại hội Công đoàn tỉnh Bắc Kạn",
    ]
    assert a.get("/thu-vien-anh/dai-hoi/").status_code == 200
    b = Client(HTTP_HOST=B_HOST)
    assert texts(b.get("/thu-vien-anh/").content.decode(), CARD_TITLES) == ["Đại hội Công đoàn tỉnh Sơn La"]
    for url in ("/thu-vien-anh/hoi-thao/", "/thu-vien-anh/album-nhap/", "/thu-vien-anh/?page=2"):
        assert b.get(url).status_code == 404, url
    same_address = b.get("/thu-vien-anh/dai-hoi/").content.decode()
    assert texts(same_address, r'<h1 class="album-title">(.*?)</h1>') == ["Đại hội Công đoàn tỉnh Sơn La"]
    assert texts(same_address, r"<figcaption>(.*?)<span") == ["Ảnh Sơn La"]
    sitemap = b.get("/sitemap.xml").content.decode()
    assert re.findall(r"<loc>([^<]+/thu-vien-anh/[^<]*)</loc>", sitemap) == ["http://sonla.test/thu-vien-anh/dai-hoi/"]


def test_b_staff_cannot_preview_a_draft_album(albums):
    editor = give_role(UserFactory(username="bientap-sonla"), EDITOR_GROUP, albums)
    b = Client(HTTP_HOST=B_HOST)
    b.force_login(editor)
    assert b.get("/thu-vien-anh/album-nhap/").status_code == 404


def test_the_home_block_of_b_has_b_albums_only(albums):
    with activate(albums):
        html = Template("{% load albums %}{% latest_albums %}").render(Context({}))
    assert texts(html, r'<h3 class="album-card-title"><a href="[^"]+">(.*?)</a></h3>') == [
        "Đại hội Công đoàn tỉnh Sơn La"
    ]


def test_an_article_of_b_embeds_only_b_albums(albums):
    """B's editor neither finds A's albums with the autocomplete nor attaches one by its id."""
    import json

    from albums.models import Album
    from tests.admin_forms import form_data
    from tests.news.factories import ArticleFactory

    a_album = Album.objects.get(slug="hoi-thao")
    editor = give_role(UserFactory(username="bientap-sonla"), EDITOR_GROUP, albums)
    with activate(albums):
        b_album = Album.objects.get(slug="dai-hoi")
        article = ArticleFactory(title="Đại hội bế mạc", slug="dai-hoi-be-mac", album=b_album)
    b = Client(HTTP_HOST=B_HOST)
    b.force_login(editor)
    found = b.get(
        "/admin/autocomplete/", {"app_label": "news", "model_name": "article", "field_name": "album", "term": "Hội"}
    )
    assert json.loads(found.content)["results"] == [{"id": str(b_album.pk), "text": "Đại hội Công đoàn tỉnh Sơn La"}]
    url = f"/admin/news/article/{article.pk}/change/"
    response = b.post(url, form_data(b.get(url), album=str(a_album.pk)))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["album"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    with activate(albums):
        article.refresh_from_db()
    assert article.album_id == b_album.pk
    page = Client(HTTP_HOST=B_HOST).get("/bai-viet/dai-hoi-be-mac/").content.decode()
    assert texts(page, r'<h2 class="album-embed-title"[^>]*>(.*?)</h2>') == ["Ảnh: Đại hội Công đoàn tỉnh Sơn La"]
    assert Client().get("/bai-viet/dai-hoi-be-mac/").status_code == 404
