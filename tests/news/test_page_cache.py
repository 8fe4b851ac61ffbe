"""Full-page caching with real articles: edits show at once, schedules at their time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from news.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime.datetime(2026, 4, 10, 7, 0, tzinfo=HANOI)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_scheduled_article_appears_on_cached_pages_at_its_time(client):
    with time_machine.travel(START, tick=False):
        ArticleFactory(title="Tin đã đăng sáng nay")
        scheduled = ArticleFactory(title="Tin hẹn giờ lúc 07:05", publish_at=START + datetime.timedelta(minutes=5))
        section_url = scheduled.section.get_absolute_url()
        for url in ("/", section_url, "/rss/"):
            assert "Tin hẹn giờ" not in client.get(url).content.decode()
            assert client.get(url)["X-Page-Cache"] == "hit"
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    with time_machine.travel(START + datetime.timedelta(minutes=5, seconds=1), tick=False):
        for url in ("/", section_url, "/rss/"):
            response = client.get(url)
            assert response["X-Page-Cache"] == "miss", url
            assert "Tin hẹn giờ lúc 07:05" in response.content.decode(), url
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_editing_an_article_shows_at_once(client):
    article = ArticleFactory(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    article.title = "Tiêu đề đã sửa"
    article.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề đã sửa" in response.content.decode()


def test_unpublishing_removes_it_from_cached_lists_at_once(client):
    article = ArticleFactory(title="Tin sẽ bị gỡ")
    assert "Tin sẽ bị gỡ" in client.get("/").content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert "Tin sẽ bị gỡ" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_previews_are_never_cached(client, django_user_model):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    editor = django_user_model.objects.create_superuser("bt", "bt@example.org", "x")
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "no-store" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")
