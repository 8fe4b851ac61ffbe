"""Public album pages: what a reader sees, exactly, and the lightbox's hooks."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from congdoan.roles import EDITOR_GROUP
from tests.news.factories import ArticleFactory, UserFactory
from tests.utils import clear_cache, give_role

from .factories import AlbumFactory, AlbumPhotoFactory
from .pages import texts, third_party_resources

pytestmark = pytest.mark.django_db

# 23/11/2023 at 10:00 in Hà Nội.
NOW = datetime.datetime(2023, 11, 23, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_list_shows_published_albums_newest_first_with_date_and_count(client, frozen):
    older = AlbumFactory(title="Hội thao công nhân 2023", published_at=NOW - datetime.timedelta(days=30))
    newer = AlbumFactory(title="Đại hội Công đoàn tỉnh lần thứ XI", published_at=NOW - datetime.timedelta(hours=20))
    for _ in range(3):
        AlbumPhotoFactory(album=newer)
    AlbumPhotoFactory(album=older)
    AlbumFactory(title="Bản nháp", is_published=False, published_at=None)
    AlbumFactory(title="Hẹn giờ", published_at=NOW + datetime.timedelta(hours=1))

    html = client.get("/thu-vien-anh/").content.decode()

    assert texts(html, r'<h2 class="album-card-title">(.*?)</h2>') == [
        "Đại hội Công đoàn tỉnh lần thứ XI",
        "Hội thao công nhân 2023",
    ]
    assert texts(html, r'<p class="album-card-meta">(.*?)</p>') == ["22/11/2023 · 3 ảnh", "24/10/2023 · 1 ảnh"]
    assert re.findall(r'<a href="(/thu-vien-anh/[^"]+)">', html) == [
        "/thu-vien-anh/dai-hoi-cong-doan-tinh-lan-thu-xi/",
        "/thu-vien-anh/hoi-thao-cong-nhan-2023/",
    ]
    assert texts(html, r"<title>(.*?)</title>") == ["Thư viện ảnh – LĐLĐ tỉnh Bắc Kạn"]


def test_the_cover_of_an_album_is_its_first_photo_in_order(client):
    album = AlbumFactory()
    AlbumPhotoFactory(album=album, order=20)
    first = AlbumPhotoFactory(album=album, order=10)
    html = client.get("/thu-vien-anh/").content.decode()
    stem = first.image.name.rsplit(".", 1)[0]
    assert re.findall(r'class="album-card-cover".*?<img src="([^"]+)"', html, re.S) == [
        f"/media/CACHE/renditions/{stem}-720w.jpg"
    ]


def test_an_empty_library_says_so(client):
    html = client.get("/thu-vien-anh/").content.decode()
    assert texts(html, r'<p class="empty-state-title">(.*?)</p>') == ["Chưa có album ảnh nào."]


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=2", "?page=%D9%A1", "?page=1e3"])
def test_junk_pages_are_404(client, query):
    AlbumFactory()
    assert client.get(f"/thu-vien-anh/{query}").status_code == 404


def test_thirteen_albums_make_two_pages(client):
    for number in range(13):
        AlbumFactory(published_at=NOW - datetime.timedelta(days=number), title=f"Album {number:02d}")
    first = client.get("/thu-vien-anh/").content.decode()
    second = client.get("/thu-vien-anh/?page=2").content.decode()
    assert len(re.findall(r'<article class="album-card">', first)) == 12
    assert texts(second, r'<h2 class="album-card-title">(.*?)</h2>') == ["Album 12"]
    assert re.findall(r'<a href="(\?page=1)" rel="prev">', second) == ["?page=1"]


def test_an_album_page_shows_its_photos_in_order_with_captions_and_credits(client, frozen):
    album = AlbumFactory(
        title="Tết Sum vầy 2024",
        description="Trao quà cho đoàn viên khó khăn.",
        published_at=datetime.datetime(2023, 11, 22, 13, 5, tzinfo=datetime.UTC),
    )
    AlbumPhotoFactory(album=album, order=20, caption="Trao quà tại Chợ Mới.", credit="Ảnh: Hoàng Minh", alt="")
    AlbumPhotoFactory(album=album, order=10, caption="Chuyến xe Công đoàn.", credit="", alt="Xe khách đón công nhân")
    AlbumPhotoFactory(album=album, order=30, caption="", credit="", alt="")

    html = client.get(album.get_absolute_url()).content.decode()

    assert texts(html, r'<h1 class="album-title">(.*?)</h1>') == ["Tết Sum vầy 2024"]
    assert re.findall(r'<p class="album-date"><time datetime="([^"]+)">([^<]+)</time>', html) == [
        ("2023-11-22T20:05:00+0700", "22/11/2023")
    ]
    assert texts(html, r'<p class="album-description">(.*?)</p>') == ["Trao quà cho đoàn viên khó khăn."]
    assert texts(html, r"<figcaption>(.*?)</figcaption>") == [
        "Chuyến xe Công đoàn.",
        "Trao quà tại Chợ Mới. Ảnh: Hoàng Minh",
    ]
    # Alt text: the description, else the caption, else the album's name.
    assert re.findall(r'data-alt="([^"]*)"', html) == [
        "Xe khách đón công nhân",
        "Trao quà tại Chợ Mới.",
        "Ảnh trong album Tết Sum vầy 2024",
    ]
    assert re.findall(r'data-caption="([^"]*)" data-credit="([^"]*)"', html) == [
        ("Chuyến xe Công đoàn.", ""),
        ("Trao quà tại Chợ Mới.", "Ảnh: Hoàng Minh"),
        ("", ""),
    ]
    assert texts(html, r'<span class="visually-hidden"> (\(ảnh .*?\))</span>') == [
        "(ảnh 1/3, mở ảnh lớn)",
        "(ảnh 2/3, mở ảnh lớn)",
        "(ảnh 3/3, mở ảnh lớn)",
    ]


def test_each_photo_links_to_its_large_rendition_and_carries_the_lightbox_data(client):
    album = AlbumFactory()
    photo = AlbumPhotoFactory(album=album)
    stem = photo.image.name.rsplit(".", 1)[0]
    html = client.get(album.get_absolute_url()).content.decode()
    prefix = f"/media/CACHE/renditions/{stem}"
    link = re.search(r'<a class="photo-grid-link"([^>]*)>', html).group(1)
    assert dict(re.findall(r' ([a-z-]+)="([^"]*)"', link)) == {
        "href": f"{prefix}-1200w.jpg",  # an 800×600 photo: its 1200 rendition is 800 wide
        "data-webp": f"{prefix}-360w.webp 360w, {prefix}-720w.webp 720w, {prefix}-1200w.webp 800w",
        "data-jpg": f"{prefix}-360w.jpg 360w, {prefix}-720w.jpg 720w, {prefix}-1200w.jpg 800w",
        "data-width": "800",
        "data-height": "600",
        "data-caption": photo.caption,
        "data-credit": "Ảnh: Thu Thủy/LĐLĐ tỉnh",
        "data-alt": photo.caption,
    }
    assert re.findall(r'<dialog class="lightbox" id="lightbox" aria-label="([^"]+)">', html) == ["Xem ảnh lớn"]
    assert re.findall(r'<script src="([^"]+)" defer></script>', html) == [
        "/static/js/site.js",
        "/static/albums/lightbox.js",
    ]


def test_album_pages_carry_no_inline_script_or_style(client):
    album = AlbumFactory()
    AlbumPhotoFactory(album=album)
    for url in ("/thu-vien-anh/", album.get_absolute_url()):
        html = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert re.findall(r"<style|\sstyle=", html) == []
        assert third_party_resources(html) == []


def test_a_draft_album_is_404_for_readers_and_a_never_cached_preview_for_staff(client):
    album = AlbumFactory(is_published=False, published_at=None, title="Album chưa đăng")
    assert client.get(album.get_absolute_url()).status_code == 404
    editor = UserFactory(username="bientap-album")
    give_role(editor, EDITOR_GROUP)
    client.force_login(editor)
    response = client.get(album.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert texts(response.content.decode(), r'<p class="preview-banner" role="status">(.*?)</p>') == [
        "Bản xem trước: album này chưa hiện với bạn đọc."
    ]


def test_an_unknown_album_is_404(client):
    assert client.get("/thu-vien-anh/khong-co-album-nay/").status_code == 404


def test_the_sitemap_lists_published_albums(client):
    album = AlbumFactory(title="Hội nghị tổng kết")
    AlbumFactory(is_published=False, published_at=None)
    html = client.get("/sitemap.xml").content.decode()
    locations = [url for url in re.findall(r"<loc>([^<]+)</loc>", html) if "/thu-vien-anh/" in url]
    assert locations == [f"http://testserver{album.get_absolute_url()}"]
    assert album.get_absolute_url() == "/thu-vien-anh/hoi-nghi-tong-ket/"


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    return Template(source).render(Context({"request": request, **context}))


def test_the_home_block_partial_shows_the_four_newest_albums(frozen):
    for number in range(5):
        AlbumFactory(title=f"Album {number}", published_at=NOW - datetime.timedelta(days=number))
    html = _render("{% load albums %}{% latest_albums %}")
    assert texts(html, r'<h3 class="album-card-title">(.*?)</h3>') == ["Album 0", "Album 1", "Album 2", "Album 3"]
    assert re.findall(r'<h2 class="block-title" id="thu-vien-anh-trang-chu"><a href="([^"]+)">', html) == [
        "/thu-vien-anh/"
    ]


def test_the_article_embed_partial_shows_a_published_album_or_nothing():
    album = AlbumFactory(title="Đại hội Công đoàn")
    for _ in range(3):
        AlbumPhotoFactory(album=album)
    draft = AlbumFactory(is_published=False, published_at=None)
    AlbumPhotoFactory(album=draft)

    html = _render('{% load albums %}{% album_embed "dai-hoi-cong-doan" limit=2 %}')
    assert texts(html, r'<h2 class="album-embed-title"[^>]*>(.*?)</h2>') == ["Ảnh: Đại hội Công đoàn"]
    assert len(re.findall(r"data-lightbox-item", html)) == 2
    assert texts(html, r'<p class="album-embed-more">(.*?)</p>') == ["Xem cả album “Đại hội Công đoàn”"]
    assert _render("{% load albums %}{% album_embed slug %}", slug=draft.slug).strip() == ""
    assert _render("{% load albums %}{% album_embed album %}", album=draft).strip() == ""
    assert _render('{% load albums %}{% album_embed "khong-co" %}').strip() == ""


def test_the_home_block_is_kept_across_a_news_edit_and_renewed_by_an_album_edit(client, settings):
    """Kept per the albums' and federations' versions: a news edit leaves it cached, an
    album's retraction takes it off the home page at once."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0
    clear_cache()
    album = AlbumFactory(title="Hội thao công nhân", published_at=NOW - datetime.timedelta(days=1))
    article = ArticleFactory(title="Tin mới")

    def home_albums():
        return texts(client.get("/").content.decode(), r'<h3 class="album-card-title">(.*?)</h3>')

    with time_machine.travel(NOW, tick=False):
        assert home_albums() == ["Hội thao công nhân"]
        article.title = "Tin mới, đã sửa"
        article.save()
        with CaptureQueriesContext(connection) as queries:
            assert home_albums() == ["Hội thao công nhân"]
        assert not [query["sql"] for query in queries.captured_queries if 'FROM "albums_' in query["sql"]]
        album.is_published = False
        album.save()
        assert home_albums() == []
