"""Campaigns ↔ news articles: related news on the campaign page, campaigns on the article page."""

import datetime
import re

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.utils import timezone

from news.models import Article
from tests.news.factories import ArticleFactory
from tests.utils import HEADER_QUERIES_COLD, clear_cache

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def news_titles(html: str) -> list[str]:
    section = html.split('id="tin-bai-lien-quan"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="news-card-title"><a href="[^"]+">([^<]+)</a>', section)


def _article(title, hours_ago, **kwargs):
    return ArticleFactory(title=title, publish_at=timezone.now() - datetime.timedelta(hours=hours_ago), **kwargs)


def test_campaign_page_lists_published_related_news_newest_first(client, frozen_day):
    campaign = CampaignFactory()
    older = _article("Phát động cuộc thi", 48)
    newer = _article("Sơ kết đợt 1 cuộc thi", 2)
    draft = _article("Bài chưa duyệt", 1, status=Article.Status.DRAFT)
    scheduled = ArticleFactory(title="Bài hẹn giờ", publish_at=timezone.now() + datetime.timedelta(days=1))
    unrelated = _article("Tin khác", 1)
    campaign.related_articles.add(older, newer, draft, scheduled)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert news_titles(html) == ["Sơ kết đợt 1 cuộc thi", "Phát động cuộc thi"]
    assert unrelated.title not in html


def test_related_news_is_paginated(client, frozen_day, django_assert_num_queries):
    campaign = CampaignFactory()
    campaign.related_articles.add(*[_article(f"Tin cuộc thi số {n}", n + 1) for n in range(8)])
    first = client.get(campaign.get_absolute_url())
    titles = news_titles(first.content.decode())
    assert titles == [f"Tin cuộc thi số {n}" for n in range(6)]
    assert 'href="?page=2#tin-bai"' in first.content.decode()
    second = client.get(campaign.get_absolute_url() + "?page=2").content.decode()
    assert news_titles(second) == ["Tin cuộc thi số 6", "Tin cuộc thi số 7"]
    assert client.get(campaign.get_absolute_url() + "?page=3").status_code == 404
    assert client.get(campaign.get_absolute_url() + "?page=abc").status_code == 404
    # Fixed: 8 queries (related count + related page and the contest box included) + the header on a cold cache,
    # whatever the number of articles.
    clear_cache()
    with django_assert_num_queries(8 + HEADER_QUERIES_COLD):
        client.get(campaign.get_absolute_url())


def test_article_page_partial_shows_published_campaigns(frozen_day, django_assert_num_queries):
    article = _article("Sôi nổi cuộc thi", 2)
    shown = CampaignFactory(title="Cuộc thi đang công khai")
    hidden = CampaignFactory(title="Cuộc thi còn nháp", is_published=False)
    shown.related_articles.add(article)
    hidden.related_articles.add(article)
    template = Template("{% load campaigns %}{% article_campaigns article %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"article": article}))
    assert f'<a href="/phong-trao/{shown.slug}/">Cuộc thi đang công khai</a>' in html
    assert "Bài viết thuộc cuộc thi:" in html
    assert "còn nháp" not in html
    assert (
        Template("{% load campaigns %}{% article_campaigns article %}")
        .render(Context({"article": _article("Không thuộc phong trào", 1)}))
        .strip()
        == ""
    )


def test_admin_links_articles_to_a_campaign(client, superuser, frozen_day):
    article = _article("Phát động cuộc thi", 2)
    campaign = CampaignFactory()
    client.force_login(superuser)
    page = client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/")
    html = page.content.decode()
    assert 'name="related_articles"' in html
    article_admin = admin.site._registry.get(Article)
    if article_admin is not None and article_admin.search_fields:
        assert "admin-autocomplete" in html  # search as you type once news registers its admin
    else:
        assert f'<option value="{article.pk}">' in html
    from .test_admin import _add_form

    data = _add_form(
        **{"reports-TOTAL_FORMS": "0", "phases-TOTAL_FORMS": "0", "related_articles": [str(article.pk)]},
        version=page.context["adminform"].form["version"].value(),  # as the form carries it (congdoan.versioning)
    )
    response = client.post(f"/admin/campaigns/campaign/{campaign.pk}/change/", data)
    assert response.status_code == 302
    assert list(campaign.related_articles.all()) == [article]
