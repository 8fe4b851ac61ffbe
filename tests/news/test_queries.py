"""Each public page runs the same number of queries with 5 or 60 articles.

The numbers matter because these pages are served uncached to every reader on a miss;
a page whose query count grows with the content (N+1) gets slower as the archive grows.
Cold cache in every test: the menu costs one query, and the header's ticker and slides
(banners, cached per day) four: settings, commemorations, slogans, slides. The federation
comes from the directory of hosts, read once per process and network version, not per page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.utils import HEADER_QUERIES_COLD, HOME_APP_BLOCK_QUERIES, SEARCH_GROUP_QUERIES, clear_cache

from .factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BANNERS = HEADER_QUERIES_COLD
EXPECTED = {
    # menu, featured, latest, section blocks, most read, ongoing campaigns (their phases are
    # fetched only when some campaign is ongoing: one more then); albums, videos, Q&As
    "/": 6 + HOME_APP_BLOCK_QUERIES + BANNERS,
    "/chuyen-muc/tin-tuc/": 4 + BANNERS,  # menu, section, count, page
    "/the/son-la/": 4 + BANNERS,  # menu, tag, count, page
    # menu, article, tags, related and more (the candidates, their cards), its campaigns, its documents
    "/bai-viet/{slug}/": 7 + BANNERS,
    # menu, ranked ids, the page's articles; documents, Q&As, pages, albums, videos
    "/tim-kiem/?q=cong+doan": 3 + SEARCH_GROUP_QUERIES + BANNERS,
    "/rss/": 1,  # items
    "/chuyen-muc/tin-tuc/rss/": 2,  # section, items
    # count + page for articles, sections and tags; campaigns; contests; documents, Q&A,
    # organisation pages, work calendar, albums, videos: one each (not the menu: the sitemap
    # shows no header or footer, and the template context looks the menu up only when asked)
    "/sitemap.xml": 14,
}


def build(count):
    news = SectionFactory(name="Tin tức", slug="tin-tuc")
    sub = SectionFactory(name="Tin cơ sở", parent=news)
    other = SectionFactory(name="Thời sự")
    place = TagFactory(name="Sơn La", kind="place")
    topic = TagFactory(name="Việc làm")
    articles = []
    for index in range(count):
        section = (news, sub, other)[index % 3]
        articles.append(
            ArticleFactory(
                title=f"Công đoàn bài {index}",
                section=section,
                tags=[place, topic] if index % 2 else [place],
                featured=index == 0,
                with_cover=index < 3,
            )
        )
    return articles


def measure(client, articles):

    counts = {}
    for url in EXPECTED:
        clear_cache()
        url = url.format(slug=articles[3].slug)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url.replace(articles[3].slug, "{slug}")] = len(queries)
    return counts


@pytest.mark.parametrize("count", [5, 60])
def test_query_counts_are_fixed(client, count):
    articles = build(count)
    assert measure(client, articles) == EXPECTED


def test_home_query_count_with_num_queries(client, django_assert_num_queries):
    build(5)
    with django_assert_num_queries(EXPECTED["/"]):
        client.get("/")


def test_with_fragments_warm_pages_run_no_query(client, settings):
    """The production setting: a page-cache miss (new query string, a reader with a session)
    still renders from cached fragments and the article looked up in this content version."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    articles = build(20)
    article_url = f"/bai-viet/{articles[3].slug}/"
    pages = (("/", 0), (article_url, 0), ("/chuyen-muc/tin-tuc/", 0), ("/chuyen-muc/tin-tuc/?page=1", 0))
    pages += (("/the/son-la/", 0), ("/tim-kiem/?q=cong+doan", 1))  # search: the page's articles
    for url, warm in pages:
        clear_cache()
        cold = client.get(url).content
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).content == cold
        assert len(queries) == warm, [query["sql"] for query in queries.captured_queries]


def test_after_an_article_edit_pages_read_only_what_news_articles_change(client, settings):
    """After an editor saves an article, every worker renders the news again, once: the
    queries of that render are pinned. Kept by what they show: the ticker and slides
    (banners), the menu, a section or a tag looked up by its slug (news sections and tags),
    the other apps' home blocks (campaigns, albums, videos, Q&As), and when anything but news
    next changes by itself (contests, albums, videos)."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    articles = build(20)
    article_url = f"/bai-viet/{articles[3].slug}/"
    after_edit = {
        "/": 5,  # next scheduled article, featured, latest, section blocks, most read
        # next scheduled article, the article, tags, related and more, their cards
        article_url: 5,
        "/chuyen-muc/tin-tuc/": 3,  # next scheduled article, count, page
        "/the/son-la/": 3,  # next scheduled article, count, page
    }
    edited = articles[-1]
    found = {}
    for url in after_edit:
        clear_cache()
        client.get(url)
        edited.save()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        found[url] = len(queries)
        # the menu, a section or a tag by its slug, the ticker and slides
        kept = ('ORDER BY "news_section"."order"', '"news_section"."slug" =', '"news_tag"."slug" =')
        kept += ('FROM "banners_', 'FROM "campaigns_', 'FROM "albums_', 'FROM "videos_', 'FROM "legal_')
        assert not [q["sql"] for q in queries.captured_queries if any(s in q["sql"] for s in kept)]
    assert found == after_edit
