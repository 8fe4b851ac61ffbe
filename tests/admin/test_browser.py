"""What only a browser shows in the admin: CKEditor's JavaScript-built labels, its image dialog
and "Duyệt máy chủ" window, the date picker's month/year jump, long titles."""

import re

import pytest

from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import default_federation
from news.models import Article
from tests.news.factories import ArticleFactory, UserFactory
from tests.utils import give_role, jpeg_bytes

from .catalogues import ckeditor_english_phrases, english_pattern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu"
ALT_LABEL = "Mô tả ảnh (văn bản thay thế, cho người không xem được ảnh)"


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap-trinh-duyet", first_name="Biên", last_name="tập viên")
    give_role(user, EDITOR_GROUP)
    return user


@pytest.fixture
def uploaded_photo(settings):
    code = default_federation().code  # each federation browses its own folder
    folder = settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH / code / "2026" / "12"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "anh-hoi-nghi.jpg").write_bytes(jpeg_bytes(600, 400))
    return f"/media/upload/images/{code}/2026/12/anh-hoi-nghi.jpg"


def login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def english_in(texts, pattern) -> list[str]:
    return sorted({match.group() for text in texts for match in pattern.finditer(" ".join(text.split()))})


def interface_texts(locator) -> list[str]:
    """Visible text plus tooltips, screen-reader labels and placeholders of an element."""
    return locator.evaluate(
        """root => [root.innerText].concat(
            Array.from(root.querySelectorAll('[title], [aria-label], [placeholder]')).flatMap(
                el => ['title', 'aria-label', 'placeholder'].map(name => el.getAttribute(name) || '')))"""
    )


def test_the_editor_and_its_image_dialog_speak_vietnamese(live_server, settings, page, editor, uploaded_photo):
    settings.ROOT_URLCONF = "tests.news.urls_with_media"
    ckeditor_english = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(ckeditor_english_phrases() - {"Rich Text Editor"}, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    login(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/admin/news/article/add/")
    toolbar = page.locator("#cke_id_body")
    toolbar.locator(".cke_button__image").wait_for()
    assert toolbar.locator(".cke_voice_label").first.inner_text() == "Trình soạn thảo, id_body"

    select2_failure = "() => django.jQuery.fn.select2.amd.require('select2/i18n/vi').errorLoading()"
    assert page.evaluate(select2_failure) == "Không tải được kết quả. Hãy thử lại."

    toolbar.locator(".cke_combo__format .cke_combo_button").click()
    headings = page.frame_locator(".cke_combopanel iframe").locator("body")
    assert headings.locator(".cke_panel_listItem").all_inner_texts() == [
        "Bình thường (P)",
        "Tiêu đề mục (H2)",
        "Tiêu đề nhỏ (H3)",
        "Tiêu đề nhỏ hơn (H4)",
    ]
    page.keyboard.press("Escape")

    # The other dialogs of the toolbar, as CKEditor builds them.
    for button in ("link", "table"):
        toolbar.locator(f".cke_button__{button}").click()
        opened_dialog = page.locator(".cke_dialog:visible")
        opened_dialog.wait_for()
        assert english_in(interface_texts(opened_dialog), ckeditor_english) == [], button
        opened_dialog.locator(".cke_dialog_ui_button_cancel").click()
        opened_dialog.wait_for(state="detached")
    # Chromium does not let a page read the clipboard: CKEditor says how to paste instead.
    toolbar.locator(".cke_button__pastetext").click()
    notice = page.locator(".cke_notification_message")
    assert " ".join(notice.inner_text().split()) == (
        "Bấm Ctrl+Shift+V để dán. Trình duyệt này không cho dán bằng nút trên thanh công cụ hay menu chuột phải."
    )
    page.locator(".cke_notification_close").click()

    toolbar.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for(state="visible")
    assert dialog.locator("label", has_text="Mô tả ảnh").inner_text() == ALT_LABEL
    assert dialog.locator("input[type=checkbox]").first.is_checked()
    texts = interface_texts(toolbar) + interface_texts(dialog)
    assert english_in(texts, ckeditor_english) == []
    assert english_in(texts, english_pattern()) == []

    # "Duyệt máy chủ": CKEditor opens the uploader's browse window.
    with page.expect_popup() as opened:
        dialog.locator("a.cke_dialog_ui_button", has_text="Duyệt máy chủ").click()
    browse = opened.value
    browse.wait_for_load_state()
    browse.locator("#thumbs a.thumb").first.click()
    browse_texts = [*interface_texts(browse.locator("body")), browse.title()]
    assert english_in(browse_texts, english_pattern()) == []
    assert browse.locator("h2").inner_text() == "Tìm ảnh cần dùng rồi bấm “Chèn ảnh này”."
    assert browse.title() == "Chọn ảnh để chèn vào bài"
    assert browse.locator("html").get_attribute("lang") == "vi"
    assert browse.locator("#thumbs a.thumb img").first.get_attribute("alt") == "anh-hoi-nghi.jpg"
    with browse.expect_event("close"):
        browse.locator("#caption input.embed, .caption input.embed").first.click()

    url_input = dialog.locator("input.cke_dialog_ui_input_text").first
    assert url_input.input_value() == uploaded_photo
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill("Đoàn viên kéo co")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    dialog.wait_for(state="hidden")
    body = page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")
    figure = body.locator("figure.image-captioned")
    assert figure.locator("img").get_attribute("alt") == "Đoàn viên kéo co"
    # Captioned by default: the caption line waits under the photo, with our prompt in it.
    assert figure.locator("figcaption").text_content() == "Gõ chú thích ảnh ở đây"


def test_an_editor_picks_a_past_date_in_a_few_clicks(live_server, page, editor):
    login(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/admin/news/article/add/")
    page.click("#calendarlink0")
    box = page.locator("#calendarbox0")
    box.wait_for(state="visible")
    box.locator("select.calendar-jump-year").select_option("2022")
    box.locator("select.calendar-jump-month").select_option("3")
    assert box.locator("caption").text_content() == "Tháng Ba 2022"
    box.locator("#calendarin0 td a", has_text=re.compile(r"^7$")).click()
    assert page.input_value("#id_publish_at_0") == "07/03/2022"
    # The year list and the calendar stay in step with the previous/next month links.
    page.click("#calendarlink0")
    box.locator("a.calendarnav-previous").click()
    assert box.locator("select.calendar-jump-month").input_value() == "2"
    assert box.locator("select.calendar-jump-year").input_value() == "2022"
    assert english_in(interface_texts(box), english_pattern()) == []
    page.keyboard.press("Escape")
    page.click("#clocklink0")
    clock = page.locator("#clockbox0")
    clock.wait_for(state="visible")
    assert clock.locator("h2").text_content() == "Chọn giờ"
    shortcuts = ["Bây giờ", "Nửa đêm", "6 giờ sáng", "Buổi trưa", "6 giờ chiều"]
    assert clock.locator("ul.timelist a").all_inner_texts() == shortcuts
    assert english_in(interface_texts(clock), english_pattern()) == []


def test_the_change_list_scripts_speak_vietnamese(live_server, page, editor):
    ArticleFactory.create_batch(3, created_by=editor)
    login(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/admin/news/article/")
    page.locator("input.action-select").first.check()
    assert page.locator(".action-counter").inner_text() == "Đã chọn 1/3"
    assert english_in(interface_texts(page.locator("body")), english_pattern()) == []


def test_a_long_title_fits_its_box_and_the_heading_is_not_covered(live_server, page, editor):
    title = ("Hội nghị tổng kết phong trào thi đua lao động giỏi, lao động sáng tạo của công nhân " * 4)[:300]
    article = ArticleFactory(title=title.strip(), status=Article.Status.DRAFT, publish_at=None, created_by=editor)
    login(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    title_box = page.locator("#id_title").bounding_box()
    row = page.locator(".form-row.field-title").bounding_box()
    label = page.locator(".form-row.field-title label").bounding_box()
    assert title_box["width"] >= row["width"] - label["width"] - 60
    heading = page.locator("#content > h2").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert tools["y"] >= heading["y"] + heading["height"]
