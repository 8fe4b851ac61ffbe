"""What only a browser shows: the campaign page's layout on a phone."""

import os

import pytest

from tests.utils import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_campaign_page_on_a_phone(live_server, phone_page, full_campaign):
    phone_page.goto(f"{live_server.url}{full_campaign.get_absolute_url()}")
    steps = phone_page.locator(".timeline-step")
    assert steps.count() == 2
    first, second = steps.nth(0).bounding_box(), steps.nth(1).bounding_box()
    # Vertical: the second phase sits below the first, aligned on the same left edge.
    assert second["y"] >= first["y"] + first["height"]
    assert abs(second["x"] - first["x"]) < 1
    current = phone_page.locator('.timeline-step[aria-current="step"]')
    assert current.count() == 1
    assert "GỬI NIỀM TIN" in current.inner_text()
    assert "còn 7 ngày" in current.inner_text()
    # The highlight is visible: a red border that the other phase does not have.
    current_border = current.evaluate("el => getComputedStyle(el).borderTopColor")
    other_border = steps.nth(1).evaluate("el => getComputedStyle(el).borderTopColor")
    assert current_border == "rgb(179, 18, 27)"
    assert other_border != current_border
    assert phone_page.locator("svg.chart").is_visible()
    assert not has_horizontal_scroll(phone_page)
    if os.environ.get("CAMPAIGN_SCREENSHOT"):
        phone_page.screenshot(path=os.environ["CAMPAIGN_SCREENSHOT"], full_page=True)


def test_campaign_timeline_is_a_row_on_desktop(live_server, page, full_campaign):
    page.goto(f"{live_server.url}{full_campaign.get_absolute_url()}")
    steps = page.locator(".timeline-step")
    first, second = steps.nth(0).bounding_box(), steps.nth(1).bounding_box()
    assert abs(second["y"] - first["y"]) < 1
    assert second["x"] > first["x"] + first["width"] - 1
    assert not has_horizontal_scroll(page)


def test_unit_table_sorts_in_place_with_javascript(live_server, page, full_campaign):
    page.goto(f"{live_server.url}{full_campaign.get_absolute_url()}")
    rows = page.locator(".unit-table tbody th")
    assert rows.all_inner_texts() == ["LĐLĐ huyện Ba Bể", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế"]
    url_before = page.url
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Lượt dự thi").click()
    assert rows.all_inner_texts() == ["LĐLĐ huyện Ba Bể", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế"]
    assert page.locator(".unit-table th[aria-sort]").get_attribute("aria-sort") == "descending"
    page.get_by_role("link", name="Lượt dự thi").click()
    assert rows.all_inner_texts() == ["Công đoàn ngành Y tế", "Công đoàn ngành Giáo dục", "LĐLĐ huyện Ba Bể"]
    assert page.locator(".unit-table th[aria-sort]").get_attribute("aria-sort") == "ascending"
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    assert rows.all_inner_texts() == ["Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế", "LĐLĐ huyện Ba Bể"]
    # Sorted in the page, not by reloading it: the document is the same one.
    assert page.evaluate("window.sameDocument === true")
    assert page.url.split("?")[0] == url_before.split("?")[0]
