"""The editorial flow in real Chromium: a writer writes and submits, an editor publishes,
a reader finds it (desktop and phone)."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import default_federation
from news import view_counts
from news.models import Article
from tests.utils import give_role, has_horizontal_scroll

from .factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu"
TITLE = "Đoàn viên Đồng Hỷ hưởng ứng Tháng Công nhân"


@pytest.fixture
def media_urls(settings):
    settings.ROOT_URLCONF = "tests.news.urls_with_media"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "anh-hoi-nghi.jpg"
    Image.new("RGB", (1000, 640), (30, 120, 200)).save(path, "JPEG")
    return path


@pytest.fixture
def cover_file(tmp_path):
    path = tmp_path / "anh-bia.png"
    Image.new("RGB", (1200, 800), (180, 30, 40)).save(path, "PNG")
    return path


def login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def insert_photo_through_editor(page, photo, alt, caption):
    page.click("#cke_id_body .cke_button__image")
    dialog = page.locator(".cke_dialog")
    dialog.wait_for(state="visible")
    page.click(".cke_dialog_tab:has-text('Tải lên')")
    page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(
        str(photo)
    )
    page.click(".cke_dialog a.cke_dialog_ui_fileButton")
    # The upload answer switches back to the first tab with the URL filled in.
    url_input = dialog.locator("input.cke_dialog_ui_input_text").first
    page.wait_for_function(
        "el => el.value.startsWith('/media/upload/images/')", arg=url_input.element_handle(), timeout=15_000
    )
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill(alt)
    # Captioned is the default (static/congdoan/admin-editor.js): the box is already ticked.
    assert dialog.locator("input[type=checkbox]").first.is_checked()
    page.click(".cke_dialog .cke_dialog_ui_button_ok")
    dialog.wait_for(state="hidden")
    editor = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame")
    figcaption = editor.locator("figure.image-captioned figcaption")
    # Select all inside the caption only once CKEditor has made it the focused editable: a
    # click landing before the widget is ready leaves the focus in the body, and the caption
    # typed would replace the whole article.
    expect(figcaption).to_have_attribute("contenteditable", "true")
    figcaption.click()
    expect(figcaption).to_have_class(re.compile(r"\bcke_widget_editable_focused\b"))
    page.keyboard.press("Control+A")
    page.keyboard.type(caption)
    return url_input


def test_writer_submits_editor_publishes_reader_reads(live_server, media_urls, browser_context, _browser, photo,
                                                       cover_file, phone_page):  # fmt: skip
    base = live_server.url
    section = SectionFactory(name="Hoạt động Công đoàn", slug="hoat-dong-cong-doan")
    ArticleFactory(title="Một bài cũ hơn", section=section)
    writer = UserFactory(username="phongvien-trinh-duyet", password=PASSWORD)
    give_role(writer, WRITER_GROUP)
    editor = UserFactory(username="bientap-trinh-duyet", password=PASSWORD)
    give_role(editor, EDITOR_GROUP)

    # --- The writer writes, uploads a photo through CKEditor, captions it and submits.
    page = browser_context.new_page()
    login(page, base, writer.username)
    page.goto(f"{base}/admin/news/article/add/")
    page.locator("#id_title").press_sequentially(TITLE)
    assert page.input_value("#id_slug") == "doan-vien-dong-hy-huong-ung-thang-cong-nhan"  # prefilled, đ → d
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_sapo", "Hơn 300 đoàn viên tham gia ngày hội với nhiều hoạt động bổ ích.")
    editor_body = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    editor_body.click()
    page.keyboard.type("Sáng nay, ngày hội diễn ra sôi nổi tại nhà văn hóa công nhân.")
    page.keyboard.press("Enter")
    insert_photo_through_editor(page, photo, "Đoàn viên tại ngày hội", "Ảnh. Đoàn viên tham gia kéo co.")
    page.set_input_files("#id_cover", str(cover_file))
    page.fill("#id_cover_alt", "Quang cảnh ngày hội")
    page.fill("#id_cover_caption", "Quang cảnh ngày hội công nhân.")
    page.fill("#id_cover_credit", "Ảnh: Quang Quyết")
    page.fill("#id_byline_name", "Thu Thủy")
    page.fill("#id_byline_position", "LĐLĐ tỉnh")
    assert page.locator("#id_status option").all_inner_texts() == ["Bản nháp", "Chờ duyệt"]
    assert page.locator("#id_featured").count() == 0 and page.locator("#id_publish_at_0").count() == 0
    page.select_option("#id_status", "review")
    page.click("input[name=_save]")
    page.wait_for_url(f"{base}/admin/news/article/")
    assert page.locator(".messagelist .success").count() == 1

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW and article.created_by == writer
    # (congdoan.sanitize keeps <figure> but not its class.)
    assert re.search(
        rf'<figure[^>]*><img [^>]*src="/media/upload/images/{default_federation().code}/nam-', article.body
    )
    assert 'alt="Đoàn viên tại ngày hội"' in article.body
    assert "<figcaption>Ảnh. Đoàn viên tham gia kéo co.</figcaption>" in article.body
    assert (article.cover_width, article.cover_height) == (1200, 800)
    # Submitted: not public yet.
    anonymous = _browser.new_context()
    reader = anonymous.new_page()
    assert reader.goto(f"{base}/bai-viet/{article.slug}/").status == 404
    page.close()

    # --- The editor publishes it with the bulk action.
    editor_context = _browser.new_context()
    editor_page = editor_context.new_page()
    login(editor_page, base, editor.username)
    editor_page.goto(f"{base}/admin/news/article/?status__exact=review")
    editor_page.check(f"input[name=_selected_action][value='{article.pk}']")
    editor_page.select_option("select[name=action]", "publish_selected")
    editor_page.click("button[name=index]")
    assert "Đã duyệt đăng 1 bài viết." in editor_page.inner_text(".messagelist")
    editor_context.close()
    article.refresh_from_db()
    assert article.is_published

    # --- A reader sees it on the home page and in its section, with photo, byline and time line.
    reader.goto(f"{base}/")
    featured = reader.locator(".featured-story")
    assert TITLE in featured.inner_text()
    assert featured.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    reader.goto(f"{base}/chuyen-muc/hoat-dong-cong-doan/")
    card = reader.locator(".news-card", has_text=TITLE)
    assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    card.locator("a", has_text=TITLE).click()
    reader.wait_for_url(f"{base}/bai-viet/{article.slug}/")
    assert re.match(r"Cập nhật lúc \d\d:\d\d - \d\d/\d\d/\d{4} \(GMT \+07:00\)", reader.inner_text(".article-time"))
    assert reader.inner_text(".article-byline") == "Thu Thủy, LĐLĐ tỉnh"
    assert reader.locator(".article-byline").evaluate("el => getComputedStyle(el).textAlign") == "right"
    body_photo = reader.locator(".article-body figure img")
    body_photo.scroll_into_view_if_needed()
    reader.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=body_photo.element_handle())
    assert reader.inner_text(".article-body figcaption") == "Ảnh. Đoàn viên tham gia kéo co."
    assert "Ảnh: Quang Quyết" in reader.inner_text(".article-cover figcaption")
    anonymous.close()

    # --- On a phone: no sideways scrolling on the home page, the section and the article.
    for url in ["/", "/chuyen-muc/hoat-dong-cong-doan/", f"/bai-viet/{article.slug}/"]:
        phone_page.goto(f"{base}{url}")
        assert not has_horizontal_scroll(phone_page), url
    phone_page.goto(f"{base}/")
    phone_page.click(".menu-toggle")
    assert phone_page.locator("#menu-chinh a", has_text="Hoạt động Công đoàn").is_visible()


def test_view_beacon_and_copy_link_in_browser(live_server, page, browser_context):
    article = ArticleFactory(title="Bài để đếm lượt xem")
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    # Headless Chromium announces itself as a bot; pose as a normal browser for counting.
    page.set_extra_http_headers({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36"})
    with page.expect_response(f"**/bai-viet/{article.pk}/luot-xem/") as beacon:
        page.goto(f"{live_server.url}/bai-viet/{article.slug}/")
    assert (beacon.value.request.method, beacon.value.status) == ("POST", 204)  # answered: recorded
    view_counts.flush()  # batched, see news.view_counts
    article.refresh_from_db()
    assert article.view_count == 1
    page.click(".share-copy")
    page.wait_for_function("document.querySelector('.share-status').textContent.length > 0")
    assert page.inner_text(".share-status") == "Đã sao chép liên kết."
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/bai-viet/{article.slug}/"
