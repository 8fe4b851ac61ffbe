"""An article can carry an album (`Article.album`): its first photos under the body, with the
album page's lightbox, only while the album is visible to readers; chosen in the admin with
an autocomplete over this federation's albums."""

import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.roles import EDITOR_GROUP
from tests.admin_forms import form_data
from tests.news.factories import ArticleFactory, UserFactory
from tests.utils import HEADER_QUERIES_COLD, clear_cache, give_role

from .factories import AlbumFactory, AlbumPhotoFactory
from .pages import texts

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2023, 11, 23, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Hà Nội
URL = "/bai-viet/dai-hoi-cong-doan-tinh-be-mac/"
EMBED = r'<section class="album-embed" aria-labelledby="album-\d+">(.*?)</section>'
CSS = '<link rel="stylesheet" href="/static/albums/albums.css">'
SCRIPT = '<script src="/static/albums/lightbox.js" defer></script>'


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def congress_album(**kwargs):
    album = AlbumFactory(title="Đại hội Công đoàn tỉnh", slug="dai-hoi-cong-doan-tinh", **kwargs)
    for number in range(1, 4):
        AlbumPhotoFactory(album=album, order=number, caption=f"Đại biểu dự đại hội, ảnh {number}.", credit="")
    return album


def article_with(album):
    return ArticleFactory(title="Đại hội Công đoàn tỉnh bế mạc", slug="dai-hoi-cong-doan-tinh-be-mac", album=album)


def test_the_album_shows_under_the_body_with_the_lightbox(client, frozen):
    article_with(congress_album(published_at=NOW - datetime.timedelta(days=1)))
    html = client.get(URL).content.decode()
    after_body = html.split(
        '<div class="article-body"><p>Nội dung bài viết về hoạt động của tổ chức Công đoàn.</p></div>'
    )
    assert after_body[1].lstrip().startswith('<section class="album-embed"')
    assert texts(html, r'<h2 class="album-embed-title"[^>]*>(.*?)</h2>') == ["Ảnh: Đại hội Công đoàn tỉnh"]
    embed = re.search(EMBED, html, re.S).group(1)
    assert re.findall(r'data-caption="([^"]*)"', embed) == [
        "Đại biểu dự đại hội, ảnh 1.",
        "Đại biểu dự đại hội, ảnh 2.",
        "Đại biểu dự đại hội, ảnh 3.",
    ]
    assert re.findall(r'<a href="([^"]+)">', embed) == ["/thu-vien-anh/dai-hoi-cong-doan-tinh/"] * 2
    assert texts(embed, r'<p class="album-embed-more">(.*?)</p>') == ["Mở trang album “Đại hội Công đoàn tỉnh”"]
    assert html.count('<dialog class="lightbox" id="lightbox"') == 1
    assert html.count(CSS) == 1
    assert html.count(SCRIPT) == 1


def test_an_article_without_album_has_no_strip_and_no_album_files(client, frozen):
    article_with(None)
    html = client.get(URL).content.decode()
    assert re.findall(EMBED, html, re.S) == []
    assert (CSS in html, SCRIPT in html) == (False, False)


def test_an_unpublished_album_does_not_show(client, frozen):
    article_with(congress_album(is_published=False, published_at=None))
    html = client.get(URL).content.decode()
    assert re.findall(EMBED, html, re.S) == []
    assert (CSS in html, SCRIPT in html, "lightbox" in html) == (False, False, False)


def test_a_scheduled_album_shows_from_its_time_and_a_retracted_one_goes(client, frozen):
    album = congress_album(published_at=NOW + datetime.timedelta(hours=2))
    article_with(album)
    assert re.findall(EMBED, client.get(URL).content.decode(), re.S) == []
    frozen.shift(datetime.timedelta(hours=2))  # the page cache turns over at the album's time
    assert len(re.findall(EMBED, client.get(URL).content.decode(), re.S)) == 1
    album.is_published = False
    album.save()
    assert re.findall(EMBED, client.get(URL).content.decode(), re.S) == []


@pytest.mark.parametrize("photos", [3, 30])
def test_the_album_costs_the_article_page_one_query(client, frozen, photos):
    """The album comes with the article (a join); its photos are one query, whatever their
    number (the strip shows 12). Without an album the page runs what tests/news/test_queries.py
    pins: 7 + the header's, one less here, where nothing is related (no cards to read)."""
    album = AlbumFactory(title="Đại hội Công đoàn tỉnh", published_at=NOW - datetime.timedelta(days=1))
    for number in range(photos):
        AlbumPhotoFactory(album=album, order=number)
    article_with(album)
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    # menu, article (with section and album), tags, related and more (the candidates: none),
    # its campaigns, its documents, the album's photos
    assert len(queries) == 7 + HEADER_QUERIES_COLD
    assert len(re.findall(r"data-lightbox-item", response.content.decode())) == 12 if photos > 12 else photos


@pytest.fixture
def editor_client(client):
    client.force_login(give_role(UserFactory(username="bientap-album"), EDITOR_GROUP))
    return client


def test_an_editor_picks_the_album_with_the_autocomplete(editor_client):
    album = congress_album()
    AlbumFactory(title="Hội thao công nhân")
    found = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "article", "field_name": "album", "term": "Đại hội"},
    )
    assert json.loads(found.content)["results"] == [{"id": str(album.pk), "text": "Đại hội Công đoàn tỉnh"}]
    article = article_with(None)
    url = f"/admin/news/article/{article.pk}/change/"
    response = editor_client.post(url, form_data(editor_client.get(url), album=str(album.pk)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.album_id == album.pk
