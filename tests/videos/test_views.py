"""Video pages: the poster until a click, the player's origin and nothing else in frame-src."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.tenancy import directory
from tests.albums.pages import texts, third_party_resources
from tests.utils import HEADER_QUERIES_COLD, clear_cache
from videos.models import Video

from .factories import VideoFactory
from .media import VTT, mp4_bytes

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(response) -> dict:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def file_video(**kwargs):
    return VideoFactory(
        kind=Video.Kind.FILE,
        source_url="",
        remote_id="",
        file=ContentFile(mp4_bytes(), name="phong-su.mp4"),
        captions=ContentFile(VTT.encode(), name="phu-de.vtt"),
        **kwargs,
    )


def test_a_youtube_video_page_loads_nothing_from_youtube_before_the_click(client):
    video = VideoFactory(title="Phóng sự Tháng Công nhân")
    response = client.get(video.get_absolute_url())
    html = response.content.decode()

    assert policy(response) == {**SITE_POLICY, "frame-src": "https://www.youtube-nocookie.com"}
    assert "<iframe" not in html
    assert third_party_resources(html) == []
    assert re.findall(r'<a class="video-play" href="([^"]+)" data-player-src="([^"]+)"', html) == [
        (
            "https://www.youtube.com/watch?v=M7lc1UVf-VE",
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&amp;rel=0",
        )
    ]
    assert re.findall(r'<a class="video-play"[^>]* aria-label="([^"]+)">(.*?)</a>', html) == [
        (
            "Phát video: Phóng sự Tháng Công nhân",
            '<span class="video-play-icon"></span><span class="video-play-label">Phát video</span>',
        )
    ]
    assert texts(html, r'<p class="video-notice">(.*?)</p>') == [
        "Video đăng trên YouTube. Trình phát chỉ được tải (ở chế độ riêng tư nâng cao của YouTube) khi bạn bấm "
        "“Phát video”; khi đó YouTube có thể ghi nhận lượt xem. Xem trên YouTube."
    ]
    assert re.findall(r'<script src="([^"]+)" defer></script>', html) == [
        "/static/js/site.js",
        "/static/videos/player.js",
    ]
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=", html) == []


def test_a_facebook_video_page_allows_only_facebook_frames(client):
    video = VideoFactory(
        kind=Video.Kind.FACEBOOK,
        source_url="https://www.facebook.com/watch/?v=10153231379946729",
        remote_id="10153231379946729",
    )
    response = client.get(video.get_absolute_url())
    assert policy(response) == {**SITE_POLICY, "frame-src": "https://www.facebook.com"}
    assert third_party_resources(response.content.decode()) == []


def test_an_uploaded_video_plays_from_media_with_captions_and_no_frames_allowed(client):
    video = file_video(title="Hướng dẫn an toàn lao động", transcript="Lời bình: Đội mũ bảo hộ.\n\nHết.")
    response = client.get(video.get_absolute_url())
    html = response.content.decode()
    assert policy(response) == SITE_POLICY
    poster_stem = video.poster.name.rsplit(".", 1)[0]
    assert re.findall(r"<video ([^>]*)>", html) == [
        f'class="video-element" controls preload="none" playsinline '
        f'poster="/media/CACHE/renditions/{poster_stem}-1200w.jpg"'
    ]
    assert re.findall(r'<source src="([^"]+)" type="video/mp4">', html) == [f"/media/{video.file.name}"]
    assert re.findall(r"<track ([^>]*)>", html) == [
        f'kind="captions" src="/media/{video.captions.name}" srclang="vi" label="Tiếng Việt" default'
    ]
    assert texts(html, r'<div class="video-transcript-text">(.*?)</div>') == ["Lời bình: Đội mũ bảo hộ. Hết."]
    assert "player.js" not in html


def test_the_list_has_cards_and_no_frames(client):
    VideoFactory(title="Video cũ", published_at=datetime.datetime(2024, 5, 1, 3, tzinfo=datetime.UTC))
    file_video(title="Video mới", published_at=datetime.datetime(2024, 5, 2, 20, tzinfo=datetime.UTC))
    VideoFactory(title="Nháp", is_published=False, published_at=None)
    response = client.get("/video/")
    html = response.content.decode()
    assert policy(response) == SITE_POLICY
    assert texts(html, r'<h2 class="video-card-title">(.*?)</h2>') == ["Video mới", "Video cũ"]
    assert texts(html, r'<p class="video-card-meta">(.*?)</p>') == ["03/05/2024 · Video", "01/05/2024 · YouTube"]
    assert third_party_resources(html) == []


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=2", "?page=%EF%BC%91"])
def test_junk_pages_are_404(client, query):
    VideoFactory()
    assert client.get(f"/video/{query}").status_code == 404


def test_a_draft_is_404_and_an_unknown_slug_too(client):
    draft = VideoFactory(is_published=False, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/video/khong-co/").status_code == 404


def test_a_page_served_from_the_page_cache_keeps_its_frame_src(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    video = VideoFactory()
    first = client.get(video.get_absolute_url())
    second = client.get(video.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert policy(second) == policy(first) == {**SITE_POLICY, "frame-src": "https://www.youtube-nocookie.com"}
    assert policy(client.get("/video/")) == SITE_POLICY


def test_the_sitemap_lists_published_videos(client):
    video = VideoFactory(title="Phóng sự")
    VideoFactory(is_published=False, published_at=None)
    html = client.get("/sitemap.xml").content.decode()
    assert [url for url in re.findall(r"<loc>([^<]+)</loc>", html) if "/video/" in url] == [
        "http://testserver/video/phong-su/"
    ]
    assert video.get_absolute_url() == "/video/phong-su/"


FRAME = 1 + HEADER_QUERIES_COLD  # menu; ticker settings, commemorations, slogans, slides
EXPECTED = {
    "/video/": 2 + FRAME,  # count, the page's videos
    "video": 1 + FRAME,  # the video
}


@pytest.mark.parametrize("count", [2, 15])
def test_query_counts_are_fixed(client, count):
    """Pages served uncached on a miss must not grow with the number of videos. (The federation
    is the request's, from the directory of hosts, read once per process and network version:
    emptying the cache renews that version, so each measure warms the directory first.)"""
    videos = [VideoFactory() for _ in range(count)]
    counts = {}
    for name in EXPECTED:
        clear_cache()
        directory()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(videos[0].get_absolute_url() if name == "video" else name).status_code == 200
        counts[name] = len(queries)
    assert counts == EXPECTED


def test_the_home_block_partial_links_to_pages_not_players():
    from django.template import Context, Template

    VideoFactory(title="Một")
    html = Template("{% load videos %}{% latest_videos %}").render(Context({}))
    assert texts(html, r'<h3 class="video-card-title">(.*?)</h3>') == ["Một"]
    assert "data-player-src" not in html
