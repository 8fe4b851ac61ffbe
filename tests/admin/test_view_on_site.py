"""The admin's "view on site" redirect (/admin/r/<ct>/<pk>/) tells only what the user may see:
a writer must not learn the slug (so the title) of someone else's draft or scheduled article."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from banners.models import Slide
from news.models import Article
from tests.banners.factories import SlideFactory
from tests.news.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def redirect_url(article_or_ct, pk=None):
    if pk is None:
        ct = ContentType.objects.get_for_model(article_or_ct).pk
        return f"/admin/r/{ct}/{article_or_ct.pk}/"
    return f"/admin/r/{article_or_ct}/{pk}/"


@pytest.fixture
def others_articles(other_writer):
    return {
        "draft": ArticleFactory(
            slug="du-thao-bi-mat", status=Article.Status.DRAFT, publish_at=None, created_by=other_writer
        ),
        "review": ArticleFactory(
            slug="cho-duyet-bi-mat", status=Article.Status.REVIEW, publish_at=None, created_by=other_writer
        ),
        "scheduled": ArticleFactory(
            slug="hen-gio-bi-mat", publish_at=timezone.now() + timedelta(days=2), created_by=other_writer
        ),
    }


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled"])
def test_a_writer_cannot_learn_the_slug_of_someone_elses_unpublished_article(client, writer, others_articles, kind):
    client.force_login(writer)
    response = client.get(redirect_url(others_articles[kind]))
    assert response.status_code == 404
    assert "bi-mat" not in response.content.decode()
    assert "Location" not in response


def test_a_writer_is_redirected_to_their_own_draft(client, writer):
    article = ArticleFactory(slug="bai-cua-toi", status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    client.force_login(writer)
    response = client.get(redirect_url(article))
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/bai-viet/bai-cua-toi/"


def test_an_editor_is_redirected_to_any_article(client, editor, others_articles):
    client.force_login(editor)
    response = client.get(redirect_url(others_articles["scheduled"]))
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/bai-viet/hen-gio-bi-mat/"


def test_a_writer_gets_nothing_for_a_model_they_may_not_view(client, writer):
    slide = SlideFactory(link="https://example.org/bi-mat")
    client.force_login(writer)
    assert client.get(redirect_url(slide)).status_code == 404
    assert not writer.has_perm("banners.view_slide") and Slide.objects.filter(pk=slide.pk).exists()


def test_a_writer_may_follow_a_section_they_may_view(client, writer):
    section = SectionFactory(slug="thoi-su")
    client.force_login(writer)
    response = client.get(redirect_url(section))
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/chuyen-muc/thoi-su/"


@pytest.mark.parametrize("path", ["999999/1/", "{ct}/999999/", f"{{ct}}/{2**70}/", "{ct}/khong-phai-so/", "{ct}/-1/"])
def test_odd_ids_answer_404(client, editor, path):
    ct = ContentType.objects.get_for_model(Article).pk
    client.force_login(editor)
    assert client.get("/admin/r/" + path.format(ct=ct)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, others_articles):
    response = client.get(redirect_url(others_articles["draft"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/r/")
