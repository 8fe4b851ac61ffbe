"""The date a reader sees is the date the story went out.

An article shows its publish time (`Cập nhật lúc …`, the federation's wording) on its page,
in lists, the feed, the sitemap and its structured data. A later save (a typo fix) changes
none of them; only an editor's explicit "Ghi nhận cập nhật nội dung" adds a second line
`Sửa đổi, bổ sung lúc …` and moves the "modified" dates. Archive articles keep the original
date the editor typed, also when they are published in bulk.
"""

import json
import re
from datetime import datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from news.models import Article
from news.services import publish, unpublish
from tests.utils import clear_cache

from .factories import ArticleFactory, SectionFactory
from .test_admin import ADD_URL, LIST_URL, change_url, form_data, new_article_data

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ARCHIVE = datetime(2022, 3, 7, 8, 53, tzinfo=VN)  # the story's original date
TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=VN)  # when it was entered in the new site
REVISED = datetime(2026, 11, 30, 10, 15, tzinfo=VN)

PUBLISHED_LINE = (
    '<p class="article-time"><time datetime="2022-03-07T08:53:00+0700">'
    "Cập nhật lúc 08:53 - 07/03/2022 (GMT +07:00)</time></p>"
)
REVISED_LINE = (
    '<p class="article-time article-revised"><time datetime="2026-11-30T10:15:00+0700">'
    "Sửa đổi, bổ sung lúc 10:15 - 30/11/2026 (GMT +07:00)</time></p>"
)


def page(client, article):
    clear_cache()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def time_lines(html):
    return re.findall(r'<p class="article-time[^"]*">.*?</p>', html)


def jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))


def meta(html, prop):
    return re.search(rf'<meta property="{prop}" content="([^"]*)">', html).group(1)


def rss_dates(client):
    clear_cache()
    xml = client.get("/rss/").content.decode()
    ElementTree.fromstring(xml)  # well-formed: the atom: prefix is declared
    item = re.search(r"<item>.*?</item>", xml, re.S).group(0)
    return (
        re.search(r"<lastBuildDate>(.*?)</lastBuildDate>", xml).group(1),
        re.search(r"<pubDate>(.*?)</pubDate>", item).group(1),
        re.findall(r"<atom:updated>(.*?)</atom:updated>", item),
    )


def sitemap_lastmod(client):
    clear_cache()
    xml = client.get("/sitemap.xml").content.decode()
    return re.findall(r"<lastmod>(.*?)</lastmod>", xml)


def card_time(client, article):
    clear_cache()
    html = client.get(article.section.get_absolute_url()).content.decode()
    return re.search(r'<p class="news-card-meta">[^\n]*?<time datetime="([^"]*)">([^<]*)</time></p>', html).groups()


@pytest.fixture
def archive_article(db):
    with time_machine.travel(TODAY, tick=False):
        return ArticleFactory(title="Đại hội Công đoàn tỉnh năm 2022", publish_at=ARCHIVE)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_page_lists_feed_sitemap_and_jsonld_show_the_publish_time_not_the_last_save(client, archive_article):
    with time_machine.travel(REVISED, tick=False):
        archive_article.title = "Đại hội Công đoàn tỉnh năm 2022 (sửa lỗi chính tả)"
        archive_article.save()
        html = page(client, archive_article)
        assert time_lines(html) == [PUBLISHED_LINE]
        data = jsonld(html)
        assert (data["datePublished"], data["dateModified"]) == (
            "2022-03-07T01:53:00+00:00",
            "2022-03-07T01:53:00+00:00",
        )
        assert meta(html, "article:published_time") == "2022-03-07T08:53:00+07:00"
        assert meta(html, "article:modified_time") == "2022-03-07T08:53:00+07:00"
        assert card_time(client, archive_article) == ("2022-03-07T08:53:00+0700", "08:53 07/03/2022")
        assert rss_dates(client) == ("Mon, 07 Mar 2022 01:53:00 +0000", "Mon, 07 Mar 2022 01:53:00 +0000", [])
        assert sitemap_lastmod(client) == ["2022-03-07"]


def test_a_recorded_content_update_shows_beside_the_publish_time_everywhere(editor_client, archive_article):
    with time_machine.travel(REVISED, tick=False):
        response = editor_client.get(change_url(archive_article))
        data = form_data(response, sapo="Bổ sung danh sách Ban Chấp hành.", record_revision="on")
        assert editor_client.post(change_url(archive_article), data).status_code == 302
        archive_article.refresh_from_db()
        assert archive_article.publish_at == ARCHIVE and archive_article.revised_at == REVISED
        html = page(editor_client, archive_article)
        assert time_lines(html) == [PUBLISHED_LINE, REVISED_LINE]
        data = jsonld(html)
        assert (data["datePublished"], data["dateModified"]) == (
            "2022-03-07T01:53:00+00:00",
            "2026-11-30T03:15:00+00:00",
        )
        assert meta(html, "article:modified_time") == "2026-11-30T10:15:00+07:00"
        # Lists keep the publish time: the story went out then.
        assert card_time(editor_client, archive_article) == ("2022-03-07T08:53:00+0700", "08:53 07/03/2022")
        assert rss_dates(editor_client) == (
            "Mon, 30 Nov 2026 03:15:00 +0000",
            "Mon, 07 Mar 2022 01:53:00 +0000",
            ["2026-11-30T03:15:00+00:00"],
        )
        assert sitemap_lastmod(editor_client) == ["2026-11-30"]


def test_saving_without_recording_an_update_keeps_every_date(editor_client, archive_article):
    with time_machine.travel(REVISED, tick=False):
        response = editor_client.get(change_url(archive_article))
        assert (
            editor_client.post(change_url(archive_article), form_data(response, sapo="Sửa chính tả.")).status_code
            == 302
        )
        archive_article.refresh_from_db()
        assert archive_article.publish_at == ARCHIVE and archive_article.revised_at is None
        assert time_lines(page(editor_client, archive_article)) == [PUBLISHED_LINE]


def test_editor_enters_an_archive_article_with_its_original_date(editor_client):
    section = SectionFactory(name="Tin tức")
    with time_machine.travel(TODAY, tick=False):
        data = new_article_data(
            editor_client, section, status="published", publish_at_0="07/03/2022", publish_at_1="08:53:00"
        )
        assert editor_client.post(ADD_URL, data).status_code == 302
        article = Article.objects.get()
        assert article.publish_at == ARCHIVE and article.is_published
        assert time_lines(page(editor_client, article)) == [PUBLISHED_LINE]


def test_publishing_in_the_form_with_no_time_means_now(editor_client):
    section = SectionFactory(name="Tin tức")
    with time_machine.travel(TODAY, tick=False):
        assert (
            editor_client.post(ADD_URL, new_article_data(editor_client, section, status="published")).status_code == 302
        )
        assert Article.objects.get().publish_at == TODAY


def test_bulk_publish_keeps_a_time_the_editor_set_and_uses_now_otherwise(editor_client):
    archive = ArticleFactory(status="draft", publish_at=ARCHIVE)
    fresh = ArticleFactory(status="review", publish_at=None)
    with time_machine.travel(TODAY, tick=False):
        editor_client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [archive.pk, fresh.pk]})
    archive.refresh_from_db()
    fresh.refresh_from_db()
    assert (archive.status, archive.publish_at) == ("published", ARCHIVE)
    assert (fresh.status, fresh.publish_at) == ("published", TODAY)


def test_unpublish_then_publish_again_keeps_the_original_date(editor_client, archive_article):
    with time_machine.travel(TODAY, tick=False):
        editor_client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [archive_article.pk]})
        archive_article.refresh_from_db()
        assert (archive_article.status, archive_article.publish_at) == ("draft", ARCHIVE)
        editor_client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [archive_article.pk]})
    archive_article.refresh_from_db()
    assert (archive_article.status, archive_article.publish_at) == ("published", ARCHIVE)


def test_an_update_cannot_be_recorded_on_an_article_readers_do_not_see_yet(editor_client):
    draft = ArticleFactory(status="draft", publish_at=None)
    response = editor_client.get(change_url(draft))
    response = editor_client.post(change_url(draft), form_data(response, record_revision="on"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["record_revision"] == [
        "Chỉ ghi nhận cập nhật nội dung cho bài đang hiện với bạn đọc; bài chưa đăng hay đang hẹn giờ "
        "thì chưa có gì để cập nhật."
    ]
    draft.refresh_from_db()
    assert draft.revised_at is None


def test_writers_have_no_update_control(client, writer):
    client.force_login(writer)
    response = client.get(ADD_URL)
    assert response.status_code == 200
    assert 'name="record_revision"' not in response.content.decode()


def test_publish_service_rules():
    article = ArticleFactory(status="draft", publish_at=None)
    publish(article=article, now=TODAY)
    assert (article.status, article.publish_at, article.revised_at) == ("published", TODAY, None)
    publish(article=article, now=REVISED, revised=True)
    assert (article.publish_at, article.revised_at) == (TODAY, REVISED)
    unpublish(article=article)
    article.refresh_from_db()
    assert (article.status, article.publish_at) == ("draft", TODAY)
    publish(article=article, at=ARCHIVE, now=REVISED)
    assert article.publish_at == ARCHIVE


def test_an_update_recorded_before_the_publish_time_is_refused():
    article = ArticleFactory(publish_at=TODAY)
    with pytest.raises(ValidationError) as error:
        publish(article=article, now=datetime(2026, 11, 29, tzinfo=VN), revised=True)
    assert error.value.messages == ["Thời điểm cập nhật nội dung không thể trước thời điểm đăng."]


def test_clearing_the_time_of_a_published_article_keeps_its_date(editor_client, archive_article):
    with time_machine.travel(REVISED, tick=False):
        response = editor_client.get(change_url(archive_article))
        data = form_data(response, publish_at_0="", publish_at_1="")
        assert editor_client.post(change_url(archive_article), data).status_code == 302
    archive_article.refresh_from_db()
    assert archive_article.publish_at == ARCHIVE
