import itertools
import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from news import view_counts
from news.models import Article
from news.services import unpublish
from tests.utils import NEXT_CHANGE_QUERIES

from .factories import ArticleFactory, SectionFactory, TagFactory
from .test_share import share_links

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_home_shows_featured_latest_sections_and_most_read(client):
    news = SectionFactory(name="Tin tức")
    sub = SectionFactory(name="Tin cơ sở", parent=news)
    featured = ArticleFactory(title="Đại hội Công đoàn tỉnh", featured=True, section=news, with_cover=True)
    from_sub = ArticleFactory(title="Tin từ cơ sở", section=sub)
    popular = ArticleFactory(title="Bài đọc nhiều", section=news)
    Article.objects.filter(pk=popular.pk).update(view_count=900)
    ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT, section=news)
    ArticleFactory(title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(days=1), section=news)
    response = client.get("/")
    body = html(response)
    assert featured.title in body and from_sub.title in body
    assert response.context["featured"] == featured
    in_blocks = [article for _, articles in response.context["section_blocks"] for article in articles]
    assert featured not in in_blocks and from_sub in in_blocks  # the featured story is not repeated
    assert response.context["most_read"][0] == popular
    most_read_html = body[body.index('id="doc-nhieu"') :]
    assert "Bài đọc nhiều" in most_read_html
    assert 'id="cm-tin-tuc"' in body
    assert "Bản nháp bí mật" not in body and "Bài hẹn giờ" not in body
    # The menu is built from top-level menu sections.
    assert 'href="/chuyen-muc/tin-tuc/"' in body
    assert "<picture" in body and 'fetchpriority="high"' in body


def test_home_section_blocks_hold_the_five_newest_of_each_section_and_its_subsections(client):
    news = SectionFactory(name="Tin tức")
    sub = SectionFactory(name="Tin cơ sở", parent=news)
    other = SectionFactory(name="Thời sự")
    SectionFactory(name="Trống")  # no articles: no block
    now = timezone.now()
    news_titles = []
    for index in range(8):
        section = sub if index % 2 else news
        ArticleFactory(title=f"Tin {index}", section=section, publish_at=now - timedelta(hours=index))
        news_titles.append(f"Tin {index}")
    ArticleFactory(title="Thời sự 1", section=other, publish_at=now - timedelta(days=3))
    ArticleFactory(title="Tin hẹn giờ", section=sub, publish_at=now + timedelta(hours=1))
    blocks = client.get("/").context["section_blocks"]
    shown = {section.name: [article.title for article in articles] for section, articles in blocks}
    # "Tin 0", the newest, is the featured story at the top: the block does not repeat it.
    assert shown == {"Tin tức": news_titles[1:6], "Thời sự": ["Thời sự 1"]}


def test_most_read_counts_the_last_thirty_days_only(client):
    now = timezone.now()
    old = ArticleFactory(title="Bài cũ rất nhiều lượt xem", publish_at=now - timedelta(days=31))
    recent = ArticleFactory(title="Bài mới", publish_at=now - timedelta(days=2))
    newer = ArticleFactory(title="Bài mới hơn", publish_at=now - timedelta(days=1))
    Article.objects.filter(pk=old.pk).update(view_count=10_000)
    Article.objects.filter(pk=recent.pk).update(view_count=50)
    Article.objects.filter(pk=newer.pk).update(view_count=5)
    assert client.get("/").context["most_read"] == [recent, newer]


def test_section_page_includes_subsections_and_paginates_by_20(client):
    root = SectionFactory(name="Hoạt động")
    child = SectionFactory(name="Công đoàn cơ sở", parent=root)
    for index in range(15):
        ArticleFactory(section=root, title=f"Gốc {index}")
    for index in range(10):
        ArticleFactory(section=child, title=f"Con {index}")
    first = client.get("/chuyen-muc/hoat-dong/")
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 20
    assert 'aria-current="page">1<' in html(first)
    assert 'href="?page=2"' in html(first)
    second = client.get("/chuyen-muc/hoat-dong/?page=2")
    assert len(second.context["page"].object_list) == 5
    assert client.get("/chuyen-muc/hoat-dong/?page=3").status_code == 404
    assert client.get("/chuyen-muc/hoat-dong/?page=0").status_code == 404
    # One rule for every list (congdoan.pagination): not a page number is no page.
    assert client.get("/chuyen-muc/hoat-dong/?page=abc").status_code == 404
    assert client.get("/chuyen-muc/hoat-dong/?page=" + "9" * 5000).status_code == 404
    assert client.get("/chuyen-muc/khong-co/").status_code == 404
    child_page = client.get("/chuyen-muc/cong-doan-co-so/")
    assert child_page.context["page"].paginator.count == 10


def test_article_page_has_everything(client):
    place = TagFactory(name="Sơn La", kind="place")
    article = ArticleFactory(
        title="Đoàn viên <b>vui</b> Tết",
        sapo="Sapo in đậm.",
        body=(
            '<p>Đoạn một.</p><figure class="image-captioned"><img src="/media/x.jpg" alt="a">'
            "<figcaption>Ảnh. Chú thích</figcaption></figure>"
        ),
        byline_name="Bùi Thanh Thủy",
        byline_position="Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh",
        source="TTXVN",
        tags=[place],
        with_cover=True,
    )
    related = ArticleFactory(title="Bài liên quan cùng thẻ", tags=[place])
    same_section = ArticleFactory(title="Cùng chuyên mục", section=article.section)
    response = client.get(f"/bai-viet/{article.slug}/")
    assert response.status_code == 200
    body = html(response)
    assert "Đoàn viên &lt;b&gt;vui&lt;/b&gt; Tết" in body
    assert re.search(r"Cập nhật lúc \d\d:\d\d - \d\d/\d\d/\d{4} \(GMT \+07:00\)", body)
    assert 'class="article-sapo">Sapo in đậm.' in body
    assert "Bùi Thanh Thủy, Trưởng ban CSPL&amp;QHLĐ, LĐLĐ tỉnh" in body
    assert "Nguồn: TTXVN" in body and "Ảnh: Quang Quyết" in body
    assert 'href="/the/son-la/"' in body
    assert related.title in body and same_section.title in body
    assert response.context["related"][0] == related  # shares a tag: ranked first
    assert "Tin liên quan" in body
    assert f'<link rel="canonical" href="http://testserver/bai-viet/{article.slug}/">' in body
    assert 'property="og:image" content="http://testserver/media/CACHE/renditions/' in body
    assert 'name="twitter:card" content="summary_large_image"' in body
    url = f"http://testserver/bai-viet/{article.slug}/"
    quoted = url.replace(":", "%3A").replace("/", "%2F")
    assert share_links(body) == {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quoted}",
        "zalo": f"https://sp.zalo.me/share_inline?url={quoted}",
        "email": f"mailto:?subject={quote(article.title, safe='')}&amp;body={quoted}",
        "copy": url,
    }
    assert 'src="/static/news/article.js" defer' in body
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', body).group(1)
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["author"]["name"] == "Bùi Thanh Thủy"
    assert "<b>" not in ld


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"publish_at": timezone.now() + timedelta(days=3)},
    ],
)
def test_unpublished_is_404_for_public_and_previewable_by_editor(client, editor, other_writer, kwargs):
    article = ArticleFactory(**kwargs)
    assert client.get(f"/bai-viet/{article.slug}/").status_code == 404
    client.force_login(other_writer)
    assert client.get(f"/bai-viet/{article.slug}/").status_code == 404
    client.force_login(editor)
    response = client.get(f"/bai-viet/{article.slug}/")
    assert response.status_code == 200
    assert "Bản xem trước" in html(response)
    assert "no-cache" in response["Cache-Control"]
    assert 'data-view-url=""' in html(response)


def test_unpublished_absent_from_lists_feeds_sitemap_search(client):
    section = SectionFactory(name="Thời sự")
    tag = TagFactory(name="Lao động")
    ArticleFactory(title="Công đoàn bản nháp", status=Article.Status.DRAFT, section=section, tags=[tag])
    ArticleFactory(title="Công đoàn hẹn giờ", publish_at=timezone.now() + timedelta(hours=5), section=section)
    visible = ArticleFactory(title="Công đoàn đã đăng", section=section, tags=[tag])
    for url in ["/", "/chuyen-muc/thoi-su/", "/the/lao-dong/", "/tim-kiem/?q=cong+doan", "/rss/",
                "/chuyen-muc/thoi-su/rss/", "/sitemap.xml", f"/bai-viet/{visible.slug}/"]:  # fmt: skip
        body = html(client.get(url))
        assert "bản nháp" not in body and "hẹn giờ" not in body and "ban-nhap" not in body, url
        assert "Công đoàn đã đăng" in body or "cong-doan-da-dang" in body or url.endswith(f"{visible.slug}/"), url


def test_tag_page(client):
    tag = TagFactory(name="Sơn La", kind="place")
    ArticleFactory(title="Tin Sơn La", tags=[tag])
    response = client.get("/the/son-la/")
    assert response.status_code == 200 and "Tin Sơn La" in html(response)
    assert client.get("/the/khong-co/").status_code == 404


def test_rss_feeds_are_valid_rss2(client):
    section = SectionFactory(name="Tin tức")
    ArticleFactory(title="Đại hội & <Tết>", section=section, sapo="Mô tả")
    from xml.etree import ElementTree

    for url in ["/rss/", "/chuyen-muc/tin-tuc/rss/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        root = ElementTree.fromstring(response.content)
        assert root.tag == "rss" and root.get("version") == "2.0"
        item = root.find("channel/item")
        assert item.find("title").text == "Đại hội & <Tết>"
        assert item.find("pubDate") is not None and item.find("link").text.startswith("http://testserver/bai-viet/")
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404


def test_sitemap_lists_articles_with_lastmod_and_sections(client):
    section = SectionFactory(name="Tin tức")
    article = ArticleFactory(section=section)
    body = html(client.get("/sitemap.xml"))
    assert f"http://testserver/bai-viet/{article.slug}/" in body
    assert "<lastmod>" in body
    assert "http://testserver/chuyen-muc/tin-tuc/" in body


_readers = (f"10.0.{n // 256}.{n % 256}" for n in itertools.count(1))


def _beacon(client, article, **headers):
    defaults = {
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile",
        "HTTP_SEC_FETCH_SITE": "same-origin",
        "REMOTE_ADDR": next(_readers),  # another reader each time (one view per reader per window)
    }
    merged = {key: value for key, value in {**defaults, **headers}.items() if value is not None}
    return client.post(f"/bai-viet/{article.pk}/luot-xem/", **merged)


def test_view_beacon_counts_same_origin_humans_only(client):
    article = ArticleFactory()
    assert _beacon(client, article).status_code == 204
    _beacon(client, article, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    _beacon(client, article, HTTP_USER_AGENT="")
    _beacon(client, article, HTTP_SEC_FETCH_SITE="cross-site")
    assert client.get(f"/bai-viet/{article.pk}/luot-xem/").status_code == 405
    view_counts.flush()
    article.refresh_from_db()
    assert article.view_count == 1
    assert client.post("/bai-viet/99999999999999999999999999/luot-xem/").status_code == 204
    assert _beacon(client, article, HTTP_SEC_FETCH_SITE=None, HTTP_ORIGIN="http://testserver").status_code == 204
    view_counts.flush()
    article.refresh_from_db()
    assert article.view_count == 2
    _beacon(client, article, HTTP_SEC_FETCH_SITE=None, HTTP_ORIGIN="https://evil.example")
    view_counts.flush()
    article.refresh_from_db()
    assert article.view_count == 2
    draft = ArticleFactory(status=Article.Status.DRAFT)
    _beacon(client, draft)
    view_counts.flush()
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_article_page_does_not_write(client, django_assert_num_queries):
    article = ArticleFactory()
    client.get(f"/bai-viet/{article.slug}/")
    article.refresh_from_db()
    assert article.view_count == 0


def test_hostile_body_is_harmless_on_the_page(client):
    article = ArticleFactory(
        title="Tiêu đề <script>alert(1)</script>",
        body='<p>Xin chào<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">bấm</a></p>'
        '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>',
    )
    body = html(client.get(f"/bai-viet/{article.slug}/"))
    main = body.split("<main", 1)[1]
    assert "onerror" not in main and "javascript:" not in main and "<iframe" not in main
    assert "<script>alert" not in body and "display:none" not in main


@pytest.mark.parametrize(
    "url",
    [
        "/?page=abc",
        "/chuyen-muc/tin-tuc/?page=%ff%fe",
        "/chuyen-muc/tin-tuc/?page[]=1&page=2",
        "/chuyen-muc/tin-tuc/?page=1e9",
        "/tim-kiem/?q=%ff%fe%fd",
        "/tim-kiem/?q=%E0%A4%A",
        "/tim-kiem/?q=cong&page=-3",
        "/the/son-la/?page=%00",
        "/bai-viet/khong-ton-tai/",
        "/bai-viet/%C4%91ai-hoi/",
        "/chuyen-muc/khong-ton-tai/rss/",
        "/sitemap.xml?p=abc",
        "/sitemap.xml?p=99",
    ],
)
def test_malformed_requests_never_500(client, url):
    SectionFactory(name="Tin tức", slug="tin-tuc")
    TagFactory(name="Sơn La")
    ArticleFactory()
    assert client.get(url).status_code in (200, 404)


def test_menu_is_cached_and_refreshed_when_sections_change(client, django_assert_num_queries, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the menu is kept like every piece of a page (congdoan.caching)
    SectionFactory(name="Tin tức", order=1)
    hidden = SectionFactory(name="Lưu trữ", order=2, show_in_menu=False)
    from news.context_processors import menu_sections

    with django_assert_num_queries(1 + NEXT_CHANGE_QUERIES):
        assert [s.name for s in menu_sections()] == ["Tin tức"]
    with django_assert_num_queries(0):
        menu_sections()
    hidden.show_in_menu = True
    hidden.save()
    assert [s.name for s in menu_sections()] == ["Tin tức", "Lưu trữ"]
    assert 'href="/chuyen-muc/luu-tru/"' in html(client.get("/"))


MENU_LINKS = re.compile(r'<li(?: class="menu-home")?(?: data-sec="[^"]+")?><a href="([^"]+)"( aria-current="page")?>')


def menu_marks(response) -> list[tuple[str, str]]:
    """(address, ' aria-current="page"' or '') of each item of the header's menu."""
    header = re.search(r'<header class="site-header">.*?</header>', html(response), re.S).group(0)
    return MENU_LINKS.findall(header)


def test_the_kept_header_marks_the_page_being_read_and_shows_the_words_searched(client, settings):
    """The header is kept per cache generation (news.templatetags.news.site_header): one copy for
    the pages outside the menu, one per menu address; a search page renders its own."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    news = SectionFactory(name="Tin tức", slug="tin-tuc", order=1)
    ArticleFactory(title="Công đoàn cơ sở", slug="cong-doan-co-so", section=news)
    plain = [("/", ""), ("/chuyen-muc/tin-tuc/", ""), ("/phong-trao/", "")]
    for url, current in [
        ("/", "/"),
        ("/chuyen-muc/tin-tuc/", "/chuyen-muc/tin-tuc/"),
        ("/phong-trao/", "/phong-trao/"),
    ]:
        expected = [(address, ' aria-current="page"' if address == current else "") for address, _ in plain]
        for _ in range(2):  # rendered, then from the cache
            assert menu_marks(client.get(url)) == expected
    for _ in range(2):
        assert menu_marks(client.get("/bai-viet/cong-doan-co-so/")) == plain
    searched = html(client.get("/tim-kiem/?q=c%C3%B4ng+%3Cb%3E"))
    assert 'name="q" maxlength="200" placeholder="Tìm kiếm…" value="công &lt;b&gt;">' in searched
    assert 'placeholder="Tìm kiếm…" value="">' in html(client.get("/bai-viet/cong-doan-co-so/"))


def test_cached_fragments_show_an_edit_at_once_and_never_cache_a_preview(client, editor, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory(title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in html(client.get("/"))
    assert "Tiêu đề cũ" in html(client.get(article.get_absolute_url()))
    article.title = "Tiêu đề mới"
    article.save()
    assert "Tiêu đề mới" in html(client.get("/"))
    assert "Tiêu đề mới" in html(client.get(article.get_absolute_url()))

    draft = ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT, body="<p>Lần một</p>")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/bai-viet/khong-co-bai-nay/").status_code == 404
    client.force_login(editor)
    assert "Lần một" in html(client.get(draft.get_absolute_url()))
    Article.objects.filter(pk=draft.pk).update(body="<p>Lần hai</p>")  # no save signal: no new version
    assert "Lần hai" in html(client.get(draft.get_absolute_url()))


def _card_titles(page: str) -> list[tuple[str, str]]:
    return re.findall(r'class="news-card-title"><a href="([^"]+)">([^<]+)</a>', page)


def test_after_an_edit_only_the_edited_card_is_rendered_and_a_retracted_one_never_shown(client, settings):
    """Cards are kept by what they show (congdoan.caching.cached_item): an edit renders the
    page's pieces again but only the card that changed; which cards a page lists is its query's."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    news = SectionFactory(name="Tin tức", slug="tin-tuc")
    now = timezone.now()
    old = ArticleFactory(title="Hội nghị cũ", slug="hoi-nghi-cu", section=news, publish_at=now - timedelta(hours=2))
    older = ArticleFactory(title="Tập huấn", slug="tap-huan", section=news, publish_at=now - timedelta(hours=3))
    ArticleFactory(title="Tin mới nhất", section=news, featured=True)
    first = client.get("/")
    assert _card_titles(html(first)) == [("/bai-viet/hoi-nghi-cu/", "Hội nghị cũ"), ("/bai-viet/tap-huan/", "Tập huấn")]
    assert [t.name for t in first.templates].count("includes/news_card.html") == 2

    old.title = "Hội nghị tổng kết"
    old.save()
    edited = client.get("/")
    assert _card_titles(html(edited)) == [
        ("/bai-viet/hoi-nghi-cu/", "Hội nghị tổng kết"),
        ("/bai-viet/tap-huan/", "Tập huấn"),
    ]
    assert [t.name for t in edited.templates].count("includes/news_card.html") == 1

    unpublish(article=older)  # its card stays in the cache, but no list asks for it
    retracted = client.get("/")
    assert _card_titles(html(retracted)) == [("/bai-viet/hoi-nghi-cu/", "Hội nghị tổng kết")]
    assert [t.name for t in retracted.templates].count("includes/news_card.html") == 0


def test_article_meta_is_kept_through_other_articles_edits(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    section = SectionFactory(name="Tin tức")
    article = ArticleFactory(title="Hội nghị người lao động", section=section)
    other = ArticleFactory(section=section)

    def meta_renders_and_title():
        response = client.get(article.get_absolute_url())
        title = re.search(r'<meta property="og:title" content="([^"]+)">', html(response))[1]
        section_name = re.search(r'<meta property="article:section" content="([^"]+)">', html(response))[1]
        return [t.name for t in response.templates].count("news/includes/article_meta.html"), title, section_name

    assert meta_renders_and_title() == (1, "Hội nghị người lao động", "Tin tức")
    other.title = "Bài khác"
    other.save()  # a new generation: the page is rendered again, its meta is not
    assert meta_renders_and_title() == (0, "Hội nghị người lao động", "Tin tức")
    article.title = "Hội nghị người lao động năm 2026"
    article.save()
    assert meta_renders_and_title() == (1, "Hội nghị người lao động năm 2026", "Tin tức")
    section.name = "Tin tức – Sự kiện"
    section.save()
    assert meta_renders_and_title() == (1, "Hội nghị người lao động năm 2026", "Tin tức – Sự kiện")


def test_the_article_itself_is_kept_through_other_articles_edits(client, settings):
    """The article's text, tags and campaigns are kept by what they show: another article's
    edit renders only the related lists again; a renamed tag or a new campaign link shows at once."""
    from tests.campaigns.factories import CampaignFactory

    settings.FRAGMENT_CACHE_SECONDS = 600
    section = SectionFactory(name="Tin tức")
    tag = TagFactory(name="Sơn La", slug="son-la")
    article = ArticleFactory(title="Hội nghị người lao động", section=section, tags=[tag])
    other = ArticleFactory(section=section)

    def own_renders_tags_and_campaigns():
        response = client.get(article.get_absolute_url())
        page = html(response)
        tags = re.findall(r'<a class="tag tag-topic" href="([^"]+)">([^<]+)</a>', page)
        campaigns = re.findall(r'<aside class="campaign-links"[^>]*>\s*<p>([^<]+)</p>', page)
        return [t.name for t in response.templates].count("news/includes/article_own.html"), tags, campaigns

    assert own_renders_tags_and_campaigns() == (1, [("/the/son-la/", "Sơn La")], [])
    other.title = "Bài khác"
    other.save()
    assert own_renders_tags_and_campaigns() == (0, [("/the/son-la/", "Sơn La")], [])
    tag.name = "Tỉnh Sơn La"
    tag.save()
    assert own_renders_tags_and_campaigns() == (1, [("/the/son-la/", "Tỉnh Sơn La")], [])
    campaign = CampaignFactory()
    campaign.related_articles.add(article)
    renders, _, campaigns = own_renders_tags_and_campaigns()
    assert (renders, campaigns) == (1, [f"Bài viết thuộc {campaign.kind.name.lower()}:"])


def test_search_results_are_kept_per_content_version(client, settings, django_assert_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 600
    for index in range(25):
        ArticleFactory(title=f"Công đoàn cơ sở số {index}")
    first = client.get("/tim-kiem/?q=cong+doan")
    assert first.context["page"].paginator.count == 25
    with django_assert_num_queries(1):  # only the 5 articles of page 2; the ranking is kept
        second = client.get("/tim-kiem/?q=C%C3%B4ng+%C4%91o%C3%A0n&page=2")
    assert [a.title for a in second.context["page"].object_list] == [
        f"Công đoàn cơ sở số {i}" for i in range(4, -1, -1)
    ]
    ArticleFactory(title="Công đoàn mới đăng")
    third = client.get("/tim-kiem/?q=cong+doan")
    assert third.context["page"].paginator.count == 26
    assert third.context["page"].object_list[0].title == "Công đoàn mới đăng"
