from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article
from news.search import fold, highlight, query_terms

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    response = client.get("/tim-kiem/", {"q": query, **params})
    assert response.status_code == 200
    page = response.context["page"]
    return response, [] if page is None else list(page.object_list)


def test_fold():
    assert fold("CÔNG ĐOÀN  Đại hội") == "cong doan dai hoi"
    assert query_terms("  Công   đoàn công ") == ["cong", "doan"]


@pytest.mark.parametrize("query", ["cong doan", "CÔNG ĐOÀN", "Công đoàn", "công ĐOÀN", "cOnG dOaN"])
def test_search_ignores_case_and_diacritics(client, query):
    article = ArticleFactory(title="Công đoàn tỉnh trao quà", body="<p>x</p>", sapo="")
    ArticleFactory(title="Tin khác hẳn", body="<p>y</p>", sapo="")
    assert results(client, query)[1] == [article]


def test_dai_hoi_finds_dai_hoi_with_d_bar(client):
    article = ArticleFactory(title="Chuẩn bị ĐẠI HỘI nhiệm kỳ mới")
    assert results(client, "dai hoi")[1] == [article]


def test_search_matches_sapo_and_body_text_not_markup(client):
    in_sapo = ArticleFactory(title="Một", sapo="Người lao động ở Sơn La")
    in_body = ArticleFactory(title="Hai", sapo="", body="<p>Khu công nghiệp <strong>Sơn La</strong></p>")
    found = results(client, "son la")[1]
    assert set(found) == {in_sapo, in_body}
    assert results(client, "strong")[1] == []


def test_title_matches_first_then_newer(client):
    now = timezone.now()
    body_old = ArticleFactory(title="Một", body="<p>an toàn lao động</p>", publish_at=now - timedelta(days=5))
    body_new = ArticleFactory(title="Hai", body="<p>an toàn lao động</p>", publish_at=now - timedelta(days=1))
    title_old = ArticleFactory(title="An toàn lao động", publish_at=now - timedelta(days=9))
    title_new = ArticleFactory(title="Tháng an toàn lao động", publish_at=now - timedelta(days=2))
    assert results(client, "an toan")[1] == [title_new, title_old, body_new, body_old]


def test_stop_words_of_english_config_still_found(client):
    # "an", "to", "the", "can" are Vietnamese syllables, not stop words here.
    article = ArticleFactory(title="Cần quan tâm an sinh", body="<p>x</p>", sapo="")
    assert results(client, "can")[1] == [article]
    assert results(client, "an")[1] == [article]


def test_results_highlight_terms_and_escape(client):
    ArticleFactory(title="<Công đoàn> & Đại hội", sapo="")
    response, _ = results(client, "cong doan")
    body = response.content.decode()
    assert "&lt;<mark>Công</mark> <mark>đoàn</mark>&gt; &amp; Đại hội" in body


def test_whole_syllables_only():
    article = ArticleFactory(title="An sinh xã hội", body="<p>x</p>", sapo="")
    ArticleFactory(title="Bảo đảm an toàn", body="<p>y</p>", sapo="")
    ArticleFactory(title="Toàn tỉnh", body="<p>z</p>", sapo="")
    from news.models import Article as Model

    assert list(Model.objects.search("sinh")) == [article]
    assert len(Model.objects.search("an")) == 2  # "an sinh", "an toàn"; not "toàn"


def test_highlight_helper():
    assert str(highlight("Công Đoàn tỉnh", ["doan"])) == "Công <mark>Đoàn</mark> tỉnh"
    assert str(highlight("Toàn tỉnh an toàn", ["an"])) == "Toàn tỉnh <mark>an</mark> toàn"
    assert str(highlight("<b>", ["b"])) == "&lt;<mark>b</mark>&gt;"


def test_search_excludes_unpublished(client):
    ArticleFactory(title="Công đoàn nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Công đoàn tương lai", publish_at=timezone.now() + timedelta(days=1))
    assert results(client, "cong doan")[1] == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", "%", "_", "%%__", "\\", "'; DROP TABLE news_article; --", "<script>", "\x00", "🎉🎉", "a" * 5000],
)
def test_odd_queries_get_a_friendly_page(client, query):
    ArticleFactory(title="Công đoàn")
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_long_query_is_capped(client):
    response = client.get("/tim-kiem/", {"q": "cong " * 500})
    assert response.status_code == 200
    assert response.context["too_long"] is True
    assert len(response.context["search_query"]) <= 100


def test_search_paginates_and_keeps_query(client):
    for index in range(25):
        ArticleFactory(title=f"Công đoàn {index}")
    response, found = results(client, "cong doan")
    assert len(found) == 20
    assert 'href="?q=cong+doan&amp;page=2"' in response.content.decode()
    assert len(results(client, "cong doan", page=2)[1]) == 5
    assert client.get("/tim-kiem/", {"q": "cong doan", "page": 9}).status_code == 404


def test_repeated_and_list_params(client):
    ArticleFactory(title="Công đoàn")
    response = client.get("/tim-kiem/?q=cong&q=doan&page=x&page=1")
    assert response.status_code == 200  # the last value counts, like every Django view
    assert response.context["search_query"] == "doan"
    assert client.get("/tim-kiem/?q=cong&q=doan&page=1&page=x").status_code == 404


def test_only_the_newest_matches_are_ranked():
    now = timezone.now()
    old_title_match = ArticleFactory(title="Công đoàn cũ", publish_at=now - timedelta(days=30))
    newer = [
        ArticleFactory(title=f"Tin {i}", body="<p>công đoàn</p>", publish_at=now - timedelta(days=i)) for i in range(3)
    ]
    ranked = list(Article.objects.published().search("cong doan", limit=3))
    assert ranked == newer  # the 30-day-old title match is beyond the newest 3
    assert Article.objects.published().search("cong doan", limit=10).first() == old_title_match
