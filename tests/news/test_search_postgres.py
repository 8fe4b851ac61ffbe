"""On PostgreSQL a search for a rare word is answered from the full-text GIN index (`make
bench` prints the plans on a large archive: a common word stops early on the publish-time
index instead)."""

import pytest
from django.db import connection
from django.utils import timezone

from news.models import Article
from news.search import FullTextMatch, query_phrases, search_document

from .factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def archive():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches its FTS5 table.")
    section = SectionFactory()
    now = timezone.now()
    words = ["lao động", "việc làm", "bảo hiểm", "an toàn", "thi đua", "Sơn La", "Đại hội", "nhà ở"]
    rows = []
    for index in range(5000):
        title = f"Tin số {index} về {words[index % len(words)]} và {words[(index * 3) % len(words)]}"
        if index % 1000 == 7:
            title += " – gặp kiến trúc sư"
        rows.append(
            Article(
                title=title,
                slug=f"tin-so-{index}",
                section=section,
                status=Article.Status.PUBLISHED,
                publish_at=now,
                search_title=search_document(title),
                search_text=search_document(title + " nội dung bài viết"),
                version=1,
            )
        )
    Article.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")


def test_rare_word_search_uses_the_full_text_index(archive):
    queryset = Article.objects.published().search("Kien truc su")
    with connection.cursor() as cursor:
        # 5,000 rows fit in a few pages, where a scan is cheapest; on a real archive the
        # planner picks the index by itself (see the benchmark). Here: prove it can.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # The matching part of the search (see ArticleQuerySet.search) is what the index serves.
    plan = Article.objects.filter(FullTextMatch(query_phrases("Kien truc su"))).explain()
    assert "Bitmap Index Scan on news_article_search_fts" in plan, plan
    assert "Index Cond: (search_vector @@ '''kien'' & ''truc'' & ''su'''::tsquery)" in plan, plan
    assert queryset.count() == 5


def test_hostile_text_beyond_the_tsvector_limit_is_saved_and_its_start_found():
    # 120,000 distinct words: a tsvector of about 2 MB if all were indexed (the limit is 1 MB).
    words = [f"w{number:07d}" for number in range(120_000)]
    article = ArticleFactory(title="Văn bản rất dài", body="<p>" + " ".join(words) + "</p>")
    assert list(Article.objects.published().search("van ban rat dai")) == [article]
