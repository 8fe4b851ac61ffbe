"""What only a browser shows: the ticker moves, pauses, stays still for reduced motion; slides rotate."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.utils import has_horizontal_scroll

from .factories import CommemorationFactory, SlideFactory, SloganFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRACK_X = "new DOMMatrix(getComputedStyle(document.querySelector('.ticker-track')).transform).m41"
ACTIVE_SLIDE = "document.querySelector('.slide:not([hidden])').getAttribute('aria-label')"


@pytest.fixture
def ticker_items():
    today = timezone.localdate()
    # An origin 40 years before today always shows (it is today's anniversary).
    CommemorationFactory(event="Ngày thành lập Công đoàn thử nghiệm", origin=date(today.year - 40, today.month, 1))
    for n in range(4):
        SloganFactory(text=f"Khẩu hiệu thử số {n + 1}: đoàn kết, sáng tạo, đổi mới và phát triển bền vững")


@pytest.fixture
def three_slides(settings):
    settings.BANNERS_SLIDE_INTERVAL_MS = 700
    for n in range(3):
        SlideFactory(alt=f"Ảnh thử số {n + 1}", order=n)


def test_ticker_moves_and_pauses_on_hover_and_focus(live_server, page, ticker_items):
    page.goto(live_server.url + "/")
    first = page.evaluate(TRACK_X)
    page.wait_for_timeout(600)
    second = page.evaluate(TRACK_X)
    assert second < first  # scrolling to the left

    page.hover(".ticker-viewport")
    page.wait_for_timeout(150)
    paused = page.evaluate(TRACK_X)
    page.wait_for_timeout(600)
    assert page.evaluate(TRACK_X) == paused

    page.mouse.move(5, 700)
    page.wait_for_timeout(600)
    assert page.evaluate(TRACK_X) < paused

    page.focus(".ticker-viewport")
    page.wait_for_timeout(150)
    focused = page.evaluate(TRACK_X)
    page.wait_for_timeout(600)
    assert page.evaluate(TRACK_X) == focused


def test_ticker_is_read_once_by_assistive_tech(live_server, page, ticker_items):
    page.goto(live_server.url + "/")
    tree = page.locator(".ticker").aria_snapshot()
    assert tree.count("Khẩu hiệu thử số 1:") == 1
    assert "Nhiệt liệt chào mừng" in tree
    assert page.locator(".ticker-copy").get_attribute("aria-hidden") == "true"


def test_ticker_is_a_static_wrapped_list_under_reduced_motion(live_server, phone_page, ticker_items):
    phone_page.emulate_media(reduced_motion="reduce")
    phone_page.goto(live_server.url + "/")
    style = phone_page.evaluate(
        """() => {
        const track = getComputedStyle(document.querySelector('.ticker-track'))
        const list = getComputedStyle(document.querySelector('.ticker-list'))
        const copy = getComputedStyle(document.querySelector('.ticker-copy'))
        return [track.animationName, track.transform, list.whiteSpace, copy.display]
    }"""
    )
    assert style == ["none", "none", "normal", "none"]
    # Wrapped over several lines: taller than one line, and everything is visible.
    height = phone_page.evaluate("document.querySelector('.ticker-list').getBoundingClientRect().height")
    assert height > 60
    phone_page.wait_for_timeout(500)
    assert phone_page.evaluate(TRACK_X) == 0
    assert not has_horizontal_scroll(phone_page)


def test_phone_has_no_horizontal_scroll_while_the_ticker_moves(live_server, phone_page, ticker_items, three_slides):
    phone_page.goto(live_server.url + "/")
    phone_page.wait_for_timeout(300)
    assert phone_page.evaluate("document.querySelector('.ticker-track').scrollWidth") > 390
    assert not has_horizontal_scroll(phone_page)


def test_slides_advance_pause_on_hover_and_have_controls(live_server, page, three_slides):
    served = page.goto(live_server.url + "/").text()
    # The page starts on the first slide (read from what was served: on a slow machine the
    # 0.7 s rotation may have moved on before the page finished loading).
    shown = [label for label, hidden in re.findall(r'aria-label="(\d / 3)"( hidden)?>', served) if not hidden]
    assert shown == ["1 / 3"]
    # A locator assertion, not wait_for_function: the site's CSP forbids eval.
    expect(page.locator(".slide:not([hidden])")).to_have_attribute("aria-label", "2 / 3", timeout=5000)

    page.hover(".slides-viewport")
    shown = page.evaluate(ACTIVE_SLIDE)
    page.wait_for_timeout(1600)
    assert page.evaluate(ACTIVE_SLIDE) == shown

    page.mouse.move(5, 850)
    page.get_by_role("button", name="Dừng tự chuyển ảnh").click()  # focus also pauses; click stops for good
    page.locator("body").click(position={"x": 5, "y": 850})
    stopped = page.evaluate(ACTIVE_SLIDE)
    page.wait_for_timeout(1600)
    assert page.evaluate(ACTIVE_SLIDE) == stopped

    page.get_by_role("button", name="Ảnh sau").click()
    after_next = page.evaluate(ACTIVE_SLIDE)
    assert after_next != stopped
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(ACTIVE_SLIDE) == stopped
    assert page.get_by_role("button", name="Tiếp tục tự chuyển ảnh").get_attribute("aria-pressed") == "true"


def test_slides_do_not_rotate_under_reduced_motion(live_server, page, three_slides):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/")
    page.wait_for_timeout(2200)
    assert page.evaluate(ACTIVE_SLIDE) == "1 / 3"
    assert page.locator(".slides-pause").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Ảnh sau").click()
    assert page.evaluate(ACTIVE_SLIDE) == "2 / 3"
    assert page.locator(".slide:not([hidden])").count() == 1
