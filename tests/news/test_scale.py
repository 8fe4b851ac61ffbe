"""Lists whose cost must not grow with the archive: section pages (deep pages too), the home
page's section blocks and an article's related articles read bounded slices of indexes
(PostgreSQL plans below; `make bench` prints them on a large archive)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from news.models import Article
from news.views import related_articles

from .factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def titles(response):
    return [article.title for article in response.context["page"].object_list]


def test_deep_section_pages_merge_the_subsections_newest_first(client):
    parent = SectionFactory(name="Hoạt động", slug="hoat-dong")
    children = [SectionFactory(name=f"Con {n}", parent=parent) for n in range(2)]
    sections = [parent, *children]
    # Hour n goes to section n % 3: the merged list is hour 0, 1, 2, … across all three.
    for hour in range(65):
        ArticleFactory(title=f"Bài {hour}", section=sections[hour % 3], publish_at=ago(hour + 1))
    ArticleFactory(title="Bản nháp", section=parent, status=Article.Status.DRAFT)
    ArticleFactory(title="Hẹn giờ", section=children[0], publish_at=timezone.now() + timedelta(hours=1))
    assert titles(client.get("/chuyen-muc/hoat-dong/")) == [f"Bài {hour}" for hour in range(20)]
    assert titles(client.get("/chuyen-muc/hoat-dong/?page=3")) == [f"Bài {hour}" for hour in range(40, 60)]
    last = client.get("/chuyen-muc/hoat-dong/?page=4")
    assert titles(last) == [f"Bài {hour}" for hour in range(60, 65)]
    assert last.context["page"].paginator.count == 65
    assert client.get("/chuyen-muc/hoat-dong/?page=5").status_code == 404
    child_page = client.get(f"/chuyen-muc/{children[1].slug}/?page=2")
    assert titles(child_page) == ["Bài 62"]  # its 21st newest: hours 2, 5, …, 62


def test_a_sub_section_lists_only_its_own_articles(client):
    parent = SectionFactory(name="Hoạt động", slug="hoat-dong")
    child = SectionFactory(name="Tin cơ sở", slug="tin-co-so", parent=parent)
    ArticleFactory(title="Của cha", section=parent, publish_at=ago(1))
    ArticleFactory(title="Của con", section=child, publish_at=ago(2))
    assert titles(client.get("/chuyen-muc/tin-co-so/")) == ["Của con"]
    assert titles(client.get("/chuyen-muc/hoat-dong/")) == ["Của cha", "Của con"]


def test_related_articles_rank_shared_tags_then_newer_among_each_tags_newest():
    section, other = SectionFactory(), SectionFactory()
    place, topic = TagFactory(name="Sơn La"), TagFactory(name="Tiền lương")
    article = ArticleFactory(title="Bài gốc", section=section, publish_at=ago(1))
    article.tags.add(place, topic)
    both = ArticleFactory(title="Hai thẻ", section=other, publish_at=ago(50))
    both.tags.add(place, topic)
    one = ArticleFactory(title="Một thẻ", section=other, publish_at=ago(3))
    one.tags.add(topic)
    ArticleFactory(title="Cùng chuyên mục", section=section, publish_at=ago(2))
    ArticleFactory(title="Không liên quan", section=other, publish_at=ago(1))
    related = related_articles(article, [place.pk, topic.pk])
    assert [item.title for item in related] == ["Hai thẻ", "Một thẻ", "Cùng chuyên mục"]


@pytest.fixture
def postgres_archive():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL plans.")
    sections = [SectionFactory() for _ in range(3)]
    tag = TagFactory()
    rows = [
        Article(
            title=f"Tin {n}",
            slug=f"tin-{n}",
            section=sections[n % 3],
            status=Article.Status.PUBLISHED,
            publish_at=ago(n),
            version=1,
        )
        for n in range(3000)
    ]
    Article.objects.bulk_create(rows)
    Article.tags.through.objects.bulk_create(
        [Article.tags.through(article_id=row.pk, tag_id=tag.pk) for row in rows[::7]]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return sections, tag


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: prove the index can serve
    return queryset.explain()


@pytest.mark.postgres
def test_postgres_home_blocks_limit_each_section_on_its_index(postgres_archive):
    sections, _ = postgres_archive
    groups = {sections[0].pk: [sections[0].pk, sections[1].pk], sections[2].pk: [sections[2].pk]}
    shown = plan(Article.objects.published().for_cards().latest_per_section(groups, 5))
    # A LIMIT per section (and one per group), each section read from an index: which one
    # depends on the sections' sizes (on this small table, the network's publish-time index
    # filtered by section is as cheap as the section's own).
    assert shown.count("->  Limit") >= 4 and shown.count("(section_id = ") == 3, shown
    assert "Seq Scan" not in shown, shown
    assert "SubPlan" not in shown, shown  # no check of every article against each list


@pytest.mark.postgres
def test_postgres_deep_section_page_walks_the_index_only(postgres_archive):
    sections, _ = postgres_archive
    listing = Article.objects.published().for_cards().newest_of_sections([sections[0].pk, sections[1].pk])
    shown = plan(listing[900:920])
    assert "Limit" in shown and "Merge Append" in shown, shown
    assert "SubPlan" not in shown, shown
