"""Issue #7 in real Chromium: the phone header, layouts without sideways scrolling, covers that
never shift the page, one h1 per page, visible focus, and a ticker readers can stop."""

from datetime import date
from itertools import pairwise

import pytest
from django.utils import timezone

from campaigns.models import CampaignKind
from tests.banners.factories import CommemorationFactory, SloganFactory
from tests.campaigns.factories import CampaignFactory, ProgressReportFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory
from tests.utils import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(settings):
    """Three sections with covers, a place tag, a campaign with figures and a ticker."""
    settings.ROOT_URLCONF = "tests.news.urls_with_media"  # the live server serves covers too
    place = TagFactory(name="Chợ Mới", slug="cho-moi", kind="place")
    sections = [
        SectionFactory(name="Tin tức – Sự kiện", slug="tin-tuc-su-kien", order=1),
        SectionFactory(name="Hoạt động Công đoàn", slug="hoat-dong-cong-doan", order=2),
        SectionFactory(name="An toàn lao động", slug="an-toan-lao-dong", order=3),
    ]
    articles = []
    for index, section in enumerate(sections):
        for n in range(3):
            articles.append(
                ArticleFactory(
                    section=section,
                    title=f"Đoàn viên {section.name.lower()} hưởng ứng Tháng Công nhân, bài số {n + 1}",
                    with_cover=n == 0 or index == 0,
                    tags=[place],
                    featured=index == 0 and n == 0,
                )
            )
    kind, _ = CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})
    today = timezone.localdate()
    campaign = CampaignFactory(
        title="Cuộc thi trực tuyến “Tìm hiểu pháp luật về công đoàn”",
        kind=kind,
        start_date=date(today.year, 1, 1),
        end_date=date(today.year, 12, 31),
    )
    ProgressReportFactory(campaign=campaign, as_of=today)
    CommemorationFactory(event="Ngày thành lập Công đoàn thử nghiệm", origin=date(today.year - 40, today.month, 1))
    SloganFactory(text="Công đoàn đồng hành cùng người lao động vì việc làm bền vững")
    return {
        "home": "/",
        "section": sections[0].get_absolute_url(),
        "article": articles[0].get_absolute_url(),
        "tag": place.get_absolute_url(),
        "search": "/tim-kiem/?q=cong+doan",
        "campaigns": "/phong-trao/",
        "campaign": campaign.get_absolute_url(),
    }


@pytest.fixture
def narrow_phone(_browser):
    """A 360 px phone, the narrowest the site is designed for."""
    context = _browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def focused(page) -> dict:
    return page.evaluate(
        """() => {
        const el = document.activeElement
        const style = getComputedStyle(el)
        return {cls: el.className || '', tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                outline: style.outlineStyle, width: parseFloat(style.outlineWidth)}
    }"""
    )


def tab_to(page, css_class: str, limit: int = 8) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if css_class in str(focused(page)["cls"]):
            return
    raise AssertionError(f"no .{css_class} within {limit} tab stops")


def test_phone_header_is_sticky_and_its_menu_button_works_from_the_keyboard(live_server, narrow_phone, site):
    page = narrow_phone
    page.goto(live_server.url + site["section"])
    toggle = page.locator(".menu-toggle")
    menu = page.locator("#menu-chinh")
    assert toggle.is_visible() and menu.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator(".site-header").bounding_box()["height"] <= 80  # compact on a phone

    tab_to(page, "menu-toggle")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Trang chủ"  # the next stop is the first menu link
    assert not has_horizontal_scroll(page)
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert "menu-toggle" in focused(page)["cls"]  # focus returns to the button
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"

    # Scrolled far down, the header is still at the top and the button still opens the menu.
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") > 500
    header = page.locator(".site-header").bounding_box()
    assert header["y"] == 0
    toggle.click()
    assert menu.is_visible()
    assert page.locator("#menu-chinh a", has_text="An toàn lao động").is_visible()


@pytest.mark.parametrize("width", [360, 768, 1366])
def test_no_page_scrolls_sideways(live_server, _browser, site, width):
    context = _browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 800, locale="vi-VN")
    page = context.new_page()
    try:
        for name, path in site.items():
            page.goto(live_server.url + path)
            assert not has_horizontal_scroll(page), f"{name} at {width} px"
            if width < 800:
                page.locator(".menu-toggle").click()
                assert not has_horizontal_scroll(page), f"{name} at {width} px with the menu open"
    finally:
        context.close()


LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value
    }).observe({type: "layout-shift", buffered: true})
    setTimeout(() => resolve(total), 300)
})"""

IMAGE_BOXES = """() => Array.from(document.querySelectorAll('main img')).map((img) => {
    const box = img.getBoundingClientRect()
    return {src: img.currentSrc, width: img.getAttribute('width'), height: img.getAttribute('height'),
            ratio: box.width / box.height, card: !!img.closest('.news-card-image')}
})"""


@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_cover_photos_keep_their_frame_and_nothing_shifts(live_server, phone_page, site, name):
    phone_page.goto(live_server.url + site[name])
    phone_page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    phone_page.wait_for_load_state("networkidle")
    images = phone_page.evaluate(IMAGE_BOXES)
    assert images
    for image in images:
        # width/height on every <img>: the browser reserves the box before the photo arrives.
        assert image["width"] and image["height"], image
        if image["card"]:
            assert image["ratio"] == pytest.approx(3 / 2, rel=0.02), image
    phone_page.evaluate("() => window.scrollTo(0, 0)")
    assert phone_page.evaluate(LAYOUT_SHIFT) < 0.02


def test_every_page_has_exactly_one_h1(live_server, page, site):
    paths = [*site.values(), "/tim-kiem/", "/tim-kiem/?q=khong+co+gi+ca", "/trang-khong-co/"]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        levels = page.evaluate("() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4'))"
                               ".map((h) => Number(h.tagName[1]))")  # fmt: skip
        for before, after in pairwise(levels):
            assert after <= before + 1, f"{path}: heading level jumps from h{before} to h{after}"


def test_keyboard_focus_is_always_visible(live_server, page, site):
    page.goto(live_server.url + site["article"])
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "BODY":
            continue
        seen.add(state["tag"])
        assert state["outline"] != "none" and state["width"] >= 2, state
    assert {"A", "BUTTON", "INPUT"} <= seen


def test_ticker_stop_button_shows_every_item_and_is_remembered(live_server, page, site):
    page.goto(live_server.url + "/")
    stop = page.get_by_role("button", name="Dừng chữ chạy")
    assert stop.get_attribute("aria-pressed") == "false"
    track = page.locator(".ticker-track")
    assert track.evaluate("el => getComputedStyle(el).animationName") == "ticker-scroll"

    stop.focus()
    page.keyboard.press("Enter")
    assert stop.get_attribute("aria-pressed") == "true"
    assert track.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert page.locator(".ticker-copy").is_hidden()
    assert page.locator(".ticker-list li", has_text="Công đoàn đồng hành").first.is_visible()

    page.reload()
    assert page.get_by_role("button", name="Dừng chữ chạy").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Dừng chữ chạy").click()
    assert page.locator(".ticker-track").evaluate("el => getComputedStyle(el).animationName") == "ticker-scroll"


def test_ticker_needs_no_button_when_the_reader_wants_no_motion(live_server, page, site):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/")
    assert page.locator(".ticker-toggle").is_hidden()
    assert page.locator(".ticker-track").evaluate("el => getComputedStyle(el).animationName") == "none"


def test_sections_have_their_own_colours(live_server, page, site):
    page.goto(live_server.url + "/")
    tabs = page.locator(".section-block .block-title > a")
    assert tabs.count() == 3
    colours = {tabs.nth(i).evaluate("el => getComputedStyle(el).backgroundColor") for i in range(3)}
    assert len(colours) == 3


def test_desktop_search_box_sits_in_the_header_band_and_the_page_form_stays_in_the_page(live_server, page, site):
    page.goto(live_server.url + "/tim-kiem/?q=cong+doan")
    band = page.locator(".brand-band").bounding_box()
    header_box = page.locator("#o-tim-kiem").bounding_box()
    assert band["y"] <= header_box["y"] and header_box["y"] + header_box["height"] <= band["y"] + band["height"]
    title = page.locator("h1").bounding_box()
    page_box = page.locator("#tim-kiem-trang").bounding_box()
    assert page_box["y"] > title["y"] + title["height"]  # below the page title, not moved into the band
    assert page.locator("#menu-chinh").is_visible() and page.locator(".menu-toggle").is_hidden()
