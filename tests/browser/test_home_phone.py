import pytest

from tests.utils import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_on_a_phone_has_no_sideways_scroll_and_the_menu_button_opens_the_menu(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator(".brand-line1").inner_text() == "LIÊN ĐOÀN LAO ĐỘNG"
    assert not has_horizontal_scroll(phone_page)

    toggle = phone_page.get_by_role("button", name="Chuyên mục")
    menu = phone_page.locator("#menu-chinh")
    assert toggle.is_visible()
    assert menu.is_hidden()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert menu.get_by_role("link", name="Trang chủ").is_visible()
    assert not has_horizontal_scroll(phone_page)

    phone_page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()


def test_desktop_shows_the_menu_without_a_button(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("#menu-chinh").is_visible()
    assert page.locator(".menu-toggle").is_hidden()


def test_skip_link_moves_focus_to_the_main_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"
