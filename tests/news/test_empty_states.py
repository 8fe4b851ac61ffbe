"""Empty pages say what is missing and offer the next step (issue #7), and search pages tell
crawlers the truth: results are an indexable listing, an empty page is noindex."""

import pytest

from .factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_section_without_articles_suggests_other_sections_and_search(client):
    empty = SectionFactory(name="Văn hóa – Thể thao", slug="van-hoa-the-thao")
    other = SectionFactory(name="Hoạt động Công đoàn", slug="hoat-dong-cong-doan")
    html = client.get(empty.get_absolute_url()).content.decode()
    assert '<p class="empty-state-title">Chuyên mục này chưa có bài viết.</p>' in html
    assert "Bài mới của chuyên mục “Văn hóa – Thể thao” sẽ hiện ở đây ngay khi được đăng." in html
    actions = html.split('class="empty-state-actions"')[1].split("</ul>")[0]
    assert '<a href="/">Tin mới trên trang chủ</a>' in actions
    assert f'<a href="{other.get_absolute_url()}">Hoạt động Công đoàn</a>' in actions
    assert empty.get_absolute_url() not in actions  # not a link to the page itself
    assert '<label class="visually-hidden" for="tim-tu-chuyen-muc">Từ khóa tìm kiếm</label>' in html
    assert 'data-sec="van-hoa-the-thao"' in html  # the section's colour on the panel


def test_section_with_articles_has_no_empty_state(client):
    article = ArticleFactory()
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert "empty-state" not in html
    assert html.count("<h1") == 1
    assert '<h2 class="news-card-title">' in html  # cards follow the h1 without skipping a level


def test_tag_without_articles_offers_a_search_for_its_name(client):
    tag = TagFactory(name="Lạng Sơn", slug="lang-son")
    html = client.get(tag.get_absolute_url()).content.decode()
    assert '<p class="empty-state-title">Chưa có bài viết nào gắn thẻ này.</p>' in html
    assert "Khi có bài viết về “Lạng Sơn”, bài sẽ hiện ở đây." in html
    assert '<a href="/tim-kiem/?q=L%E1%BA%A1ng%20S%C6%A1n">Tìm “Lạng Sơn”</a>' in html


def test_search_without_a_query_explains_how_to_search(client):
    SectionFactory(name="Chính sách – Pháp luật", slug="chinh-sach-phap-luat")
    html = client.get("/tim-kiem/").content.decode()
    assert '<p class="empty-state-title">Bạn muốn tìm bài viết nào?</p>' in html
    assert "<em>cong doan</em> cũng tìm thấy “Công đoàn”" in html
    assert '<a href="/chuyen-muc/chinh-sach-phap-luat/">Chính sách – Pháp luật</a>' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'rel="canonical"' not in html


def test_search_with_only_punctuation_says_so(client):
    html = client.get("/tim-kiem/", {"q": "?!…"}).content.decode()
    assert "Từ khóa “?!…” không có chữ hay số nào để tìm." in html


def test_search_without_results_suggests_what_to_try(client):
    SectionFactory(name="An toàn lao động", slug="an-toan-lao-dong")
    html = client.get("/tim-kiem/", {"q": "không có bài nào như thế"}).content.decode()
    assert '<p class="empty-state-title">Không tìm thấy kết quả nào cho “không có bài nào như thế”.</p>' in html
    assert "dùng ít từ hơn hoặc từ khóa chung hơn" in html
    assert "kiểm tra lại chính tả, hoặc gõ không dấu" in html
    assert '<a href="/chuyen-muc/an-toan-lao-dong/">An toàn lao động</a>' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_search_results_are_indexable_with_a_canonical_url(client):
    ArticleFactory(title="Công đoàn tỉnh trao quà Tết")
    html = client.get("/tim-kiem/", {"q": "cong doan"}).content.decode()
    assert "noindex" not in html
    assert '<link rel="canonical" href="http://testserver/tim-kiem/?q=cong+doan">' in html
    assert "empty-state" not in html
    # h1 "Tìm kiếm", h2 "Bài viết" (beside the other apps' groups), h3 each article
    assert '<h2 class="block-title" id="nhom-bai-viet">Bài viết</h2>' in html
    assert '<h3 class="news-card-title">' in html


def test_too_long_query_notice_is_tied_to_the_field(client):
    html = client.get("/tim-kiem/", {"q": "công đoàn " * 20}).content.decode()
    assert 'aria-describedby="tim-kiem-luu-y"' in html
    assert '<p class="notice" id="tim-kiem-luu-y">' in html


def test_two_search_forms_have_distinct_landmark_names(client):
    html = client.get("/tim-kiem/").content.decode()
    assert 'role="search" aria-label="Tìm kiếm trên trang"' in html
    assert 'role="search" aria-label="Tìm lại với từ khóa khác"' in html


def test_empty_home_points_to_campaigns(client):
    html = client.get("/").content.decode()
    assert '<p class="empty-state-title">Chưa có bài viết nào được đăng.</p>' in html
    panel = html.split('<div class="empty-state">')[1].split("</div>")[0]
    assert '<a href="/phong-trao/">Phong trào – Cuộc thi</a>' in panel
