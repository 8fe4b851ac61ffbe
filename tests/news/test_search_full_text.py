"""The full-text index (FTS5 on SQLite, a `simple` tsvector on PostgreSQL): quoted phrases,
the exact phrase ranked first, the index following every write, and highlighting in one pass."""

import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article
from news.search import highlight, query_phrases, query_terms

from .factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def search(query, **kwargs):
    return list(Article.objects.published().search(query, **kwargs))


def ago(days):
    return timezone.now() - timedelta(days=days)


def test_quoted_words_are_one_phrase():
    assert query_phrases('"Công đoàn" thi đua "thi đua" "ĐẠI hội') == [
        ("cong", "doan"),
        ("thi",),
        ("dua",),
        ("thi", "dua"),
        ("dai", "hoi"),
    ]
    assert query_terms('"Công đoàn" thi đua "thi đua"') == ["cong", "doan", "thi", "dua"]


def test_a_quoted_phrase_needs_its_words_together_and_in_order():
    together = ArticleFactory(title="Công đoàn cơ sở", sapo="", body="<p>x</p>")
    apart = ArticleFactory(title="Đoàn viên công ty", sapo="", body="<p>x</p>")
    assert set(search("cong doan")) == {together, apart}
    assert search('"cong doan"') == [together]
    assert search('"doan cong"') == []


def test_exact_phrase_and_title_matches_first_then_newer():
    words_in_title = ArticleFactory(title="Đoàn viên công ty", publish_at=ago(1), sapo="", body="<p>x</p>")
    phrase_in_text = ArticleFactory(title="Tin một", publish_at=ago(2), sapo="", body="<p>Công đoàn tỉnh</p>")
    words_in_text = ArticleFactory(title="Tin hai", publish_at=ago(0), sapo="", body="<p>đoàn viên công ty</p>")
    old_phrase_in_title = ArticleFactory(title="Công đoàn ngành", publish_at=ago(30), sapo="", body="<p>x</p>")
    assert search("công đoàn") == [old_phrase_in_title, words_in_title, phrase_in_text, words_in_text]


def test_the_index_follows_edits_tags_and_deletions():
    article = ArticleFactory(title="Hội nghị tổng kết", sapo="", body="<p>x</p>")
    assert search("tong ket") == [article]
    article.title = "Hội nghị sơ kết"
    article.save()
    assert search("tong ket") == []
    assert search("so ket") == [article]
    article.tags.add(TagFactory(name="Pác Nặm"))
    assert search("pac nam") == [article]
    article.delete()
    assert search("so ket") == []


def test_words_the_index_could_mistake_for_syntax_are_plain_words():
    article = ArticleFactory(title="Cần and or not near", sapo="", body="<p>x</p>")
    assert search("AND OR NOT NEAR can") == [article]
    assert search('"and or" not') == [article]


def test_highlight_finds_decomposed_marks_and_whole_syllables_only():
    decomposed = unicodedata.normalize("NFD", "Công đoàn Toàn tỉnh")
    expected = unicodedata.normalize("NFD", "<mark>Công</mark> đoàn <mark>Toàn</mark> tỉnh")
    assert str(highlight(decomposed, ["cong", "toan"])) == expected
    assert str(highlight("Đại hội ĐẠI HỘI đại-hội", ["dai"])) == (
        "<mark>Đại</mark> hội <mark>ĐẠI</mark> HỘI <mark>đại</mark>-hội"
    )


def test_highlight_marks_every_occurrence_in_a_long_text():
    text = "Công đoàn tỉnh Bắc Kạn tổ chức hội nghị. " * 2500
    marked = str(highlight(text, ["cong", "doan", "bac"]))
    assert marked == "<mark>Công</mark> <mark>đoàn</mark> tỉnh <mark>Bắc</mark> Kạn tổ chức hội nghị. " * 2499 + (
        "<mark>Công</mark> <mark>đoàn</mark> tỉnh <mark>Bắc</mark> Kạn tổ chức hội nghị. "
    )


def test_a_phrase_and_the_same_words_unquoted_are_two_searches(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the ranked ids are kept: under two keys
    together = ArticleFactory(title="Công đoàn cơ sở", sapo="", body="<p>x</p>", publish_at=ago(2))
    apart = ArticleFactory(title="Đoàn viên công ty", sapo="", body="<p>x</p>", publish_at=ago(1))
    loose = client.get("/tim-kiem/", {"q": "cong doan"}).context["page"].object_list
    quoted = client.get("/tim-kiem/", {"q": '"cong doan"'}).context["page"].object_list
    assert (list(loose), list(quoted)) == ([together, apart], [together])


@pytest.mark.parametrize("many", [1, 5000])
def test_sqlite_walk_and_index_find_the_same(monkeypatch, many):
    # SQLite walks the newest articles when a query has SQLITE_MANY matches or more: 1 forces it.
    monkeypatch.setattr("news.search.SQLITE_MANY", many)
    together = ArticleFactory(title="Công đoàn cơ sở", sapo="", body="<p>x</p>", publish_at=ago(3))
    apart = ArticleFactory(title="Đoàn viên công ty", sapo="", body="<p>x</p>", publish_at=ago(2))
    ArticleFactory(title="Toàn đoàn", sapo="", body="<p>x</p>", publish_at=ago(1))
    assert search("cong doan") == [together, apart]
    assert search('"cong doan"') == [together]
    assert search("khongco") == []
    # The two newest of three "đoàn": ranked by title phrase "doan", then newer.
    assert [article.title for article in search("doan", limit=2)] == ["Toàn đoàn", "Đoàn viên công ty"]


@pytest.mark.parametrize("walk", [1, 2, 4000])
def test_postgres_walk_then_index_give_the_newest_matches(monkeypatch, walk):
    # PostgreSQL reads the newest SEARCH_WALK articles, then asks the index if they held
    # fewer than `limit` matches: every window size gives the same newest matches.
    monkeypatch.setattr("news.models.SEARCH_WALK", walk)
    matches = [
        ArticleFactory(title=f"Công đoàn {n}", sapo="", body="<p>x</p>", publish_at=ago(2 * n + 1)) for n in range(3)
    ]
    for n in range(3):
        ArticleFactory(title=f"Tin {n}", sapo="", body="<p>x</p>", publish_at=ago(2 * n))
    assert search("cong doan", limit=2) == matches[:2]
    assert search("cong doan") == matches
    assert search("khongco") == []
