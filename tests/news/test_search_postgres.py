"""On PostgreSQL a search for a rare word is answered from the pg_trgm GIN index.

(The 100,000-article benchmark is in the report: ≤ 31 ms for count + first page, with
common words walking the publish-time index and rare ones the trigram index.)
"""

import pytest
from django.db import connection
from django.utils import timezone

from news.models import Article
from news.search import search_document

from .factories import SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def archive():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no trigram index.")
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


def test_rare_word_search_uses_the_trigram_index(archive):
    queryset = Article.objects.published().search("Kien truc su")
    with connection.cursor() as cursor:
        # 5,000 rows fit in a few pages, where a scan is cheapest; on a real archive the
        # planner picks the index by itself (see the benchmark). Here: prove it can.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # The matching part of the search (see ArticleQuerySet.search) is what the index serves.
    matching = Article.objects.filter(search_text__contains=" kien ").filter(search_text__contains=" truc ")
    plan = matching.explain()
    assert "Bitmap Index Scan on news_article_search_trgm" in plan, plan
    assert "% kien %" in plan
    assert queryset.count() == 5
