"""Lists whose cost must not grow with the archive: section pages (deep pages too), the home
page's section blocks and an article's related articles read bounded slices of indexes
(PostgreSQL plans below; `make bench` prints them on a large archive)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from news.views import MORE, RELATED, RELATED_CANDIDATES

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


def related_and_more(article, tag_ids, candidates=RELATED_CANDIDATES):
    return Article.objects.published().related_and_more(
        article, tag_ids, related=RELATED, more=MORE, candidates=candidates
    )


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
    related, more = related_and_more(article, [place.pk, topic.pk])
    assert [item.title for item in related] == ["Hai thẻ", "Một thẻ", "Cùng chuyên mục"]
    assert more == []  # the section's only other article is already related


def test_more_lists_the_sections_newest_that_are_not_related_and_only_what_is_public():
    section = SectionFactory()
    place = TagFactory(name="Sơn La")
    article = ArticleFactory(title="Bài gốc", section=section, publish_at=ago(1), tags=[place])
    for hour in range(2, 12):
        ArticleFactory(title=f"Cùng chuyên mục {hour}", section=section, publish_at=ago(hour))
    ArticleFactory(title="Cùng thẻ, cũ", section=section, publish_at=ago(40), tags=[place])
    ArticleFactory(title="Bản nháp", section=section, publish_at=ago(1), tags=[place], status=Article.Status.DRAFT)
    ArticleFactory(title="Hẹn giờ", section=section, publish_at=ago(-2), tags=[place])
    ArticleFactory(title="Thẻ khác chuyên mục", publish_at=ago(3), tags=[place])
    related, more = related_and_more(article, [place.pk])
    assert [item.title for item in related] == [
        "Thẻ khác chuyên mục", "Cùng thẻ, cũ", "Cùng chuyên mục 2", "Cùng chuyên mục 3", "Cùng chuyên mục 4",
    ]  # fmt: skip
    assert [item.title for item in more] == [f"Cùng chuyên mục {hour}" for hour in range(5, 11)]


def test_shared_tags_are_counted_in_full_for_every_candidate():
    """A candidate found by one tag (or by the section) is ranked by every tag it shares,
    even one whose newest it is not among."""
    section, other = SectionFactory(), SectionFactory()
    place, topic = TagFactory(name="Sơn La"), TagFactory(name="Tiền lương")
    article = ArticleFactory(title="Bài gốc", section=section, publish_at=ago(1), tags=[place, topic])
    for hour in range(2, 5):
        ArticleFactory(title=f"Tiền lương {hour}", section=other, publish_at=ago(hour), tags=[topic])
    ArticleFactory(title="Cũ, hai thẻ", section=section, publish_at=ago(90), tags=[place, topic])
    ArticleFactory(title="Sơn La", section=other, publish_at=ago(5), tags=[place])
    related, _ = related_and_more(article, [place.pk, topic.pk], candidates=2)
    # Among the candidates (two of each list), "Cũ, hai thẻ" is in the section's and the
    # place's newest but not the topic's; it still counts both tags.
    assert [item.title for item in related] == ["Cũ, hai thẻ", "Tiền lương 2", "Tiền lương 3", "Sơn La"]


def test_an_article_without_tags_or_section_mates_has_nothing_related(django_assert_num_queries):
    article = ArticleFactory(publish_at=ago(1))
    with django_assert_num_queries(1):  # the candidates; no cards to read
        assert related_and_more(article, []) == ([], [])


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


@pytest.mark.postgres
def test_postgres_related_candidates_are_limited_reads_of_indexes(postgres_archive):
    sections, tag = postgres_archive
    article = Article.objects.filter(section=sections[0], tags=tag).order_by("-publish_at").first()
    with CaptureQueriesContext(connection) as captured:
        related, more = related_and_more(article, [tag.pk])
    assert len(related) == RELATED and len(more) == MORE
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: prove the index can serve
        cursor.execute("EXPLAIN " + captured.captured_queries[0]["sql"])
        shown = "\n".join(row[0] for row in cursor.fetchall())
    # One LIMIT for the section and one for the tag; the shared-tag count only for those
    # candidates (a SubPlan over at most 2 × RELATED_CANDIDATES rows).
    assert shown.count("->  Limit") == 2, shown
    assert "Seq Scan" not in shown, shown


@pytest.mark.postgres
def test_postgres_a_keyset_page_in_the_middle_walks_no_further_than_its_page(postgres_archive):
    sections, _ = postgres_archive
    listing = Article.objects.published().for_cards().newest_of_sections([sections[0].pk, sections[1].pk])
    anchor = Article.objects.filter(section=sections[0]).order_by("-publish_at")[900]
    with CaptureQueriesContext(connection) as captured:
        found = listing.beyond(anchor.pk, 21, older=True)
    assert len(found) == 21 and found[0].publish_at < anchor.publish_at
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN ANALYZE " + captured.captured_queries[-1]["sql"])
        shown = "\n".join(row[0] for row in cursor.fetchall())
    # Each section's part starts at the anchor's time on its index: 21 rows read, not 900.
    assert shown.count("->  Limit") >= 2 and "Seq Scan" not in shown, shown
    read = [int(rows) for rows in re.findall(r"Index (?:Only )?Scan .*? rows=(\d+) loops", shown)]
    assert read and max(read) <= 22, shown
