"""What only a browser shows: the lightbox by keyboard and by swipe, focus, and no layout shift."""

import pytest

from .factories import AlbumFactory, AlbumPhotoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Unexpected layout shifts from page load, summed as Cumulative Layout Shift counts them: a
# change within 0,5 s of the reader's own key press or click (the next photo) is expected.
WATCH = """
window.shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.shifts += entry.value; } }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def album(settings):
    settings.SERVE_MEDIA = True  # the live server serves the photos too
    album = AlbumFactory(title="Hội thao công nhân")
    captions = ["Lễ khai mạc.", "Kéo co nam nữ.", "Cầu lông đơn nữ.", "Trao cúp."]
    for number, caption in enumerate(captions):
        AlbumPhotoFactory(album=album, order=number + 1, caption=caption, credit="Ảnh: Hoàng Minh")
    return album


def open_album(page, live_server, album):
    refusals = []
    page.on("console", lambda message: refusals.append(message.text) if "Content Security" in message.text else None)
    page.goto(f"{live_server.url}{album.get_absolute_url()}")
    page.evaluate(WATCH)
    return refusals


def state(page):
    return page.evaluate(
        """() => ({
          open: document.getElementById("lightbox").open,
          counter: document.querySelector(".lightbox-counter").textContent,
          caption: document.querySelector(".lightbox-caption").textContent.trim(),
          alt: document.querySelector(".lightbox-img").alt,
          focused: document.activeElement.className,
        })"""
    )


def test_the_lightbox_by_keyboard(live_server, page, album):
    refusals = open_album(page, live_server, album)
    links = page.locator("a[data-lightbox-item]")
    links.nth(1).focus()
    page.keyboard.press("Enter")
    assert state(page) == {
        "open": True,
        "counter": "Ảnh 2/4",
        "caption": "Kéo co nam nữ. Ảnh: Hoàng Minh",
        "alt": "Kéo co nam nữ.",
        "focused": "lightbox-button lightbox-close",
    }
    page.keyboard.press("ArrowRight")
    assert state(page)["counter"] == "Ảnh 3/4"
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")  # after the last comes the first
    assert (state(page)["counter"], state(page)["caption"]) == ("Ảnh 1/4", "Lễ khai mạc. Ảnh: Hoàng Minh")
    page.keyboard.press("ArrowLeft")
    assert state(page)["counter"] == "Ảnh 4/4"
    # Tab stays in the dialog: the page behind is inert.
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('lightbox').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert state(page)["open"] is False
    # Focus comes back to the photo last shown, not to the one that opened the lightbox (in the
    # dialog's "close" event, which the browser fires as a task after closing: waited for, up to 2 s).
    page.wait_for_function(
        "document.activeElement === document.querySelectorAll('a[data-lightbox-item]')[3]", timeout=2000
    )
    page.wait_for_timeout(600)  # past the input window: a late shift would count
    assert page.evaluate("window.shifts") == 0
    assert refusals == []


def test_the_buttons_and_a_click_outside(live_server, page, album):
    open_album(page, live_server, album)
    scroll_before = page.evaluate("window.scrollY")
    page.locator("a[data-lightbox-item]").first.click()
    page.get_by_role("button", name="Ảnh sau (phím mũi tên phải)").click()
    assert state(page)["counter"] == "Ảnh 2/4"
    page.get_by_role("button", name="Ảnh trước (phím mũi tên trái)").click()
    page.get_by_role("button", name="Ảnh trước (phím mũi tên trái)").click()
    assert state(page)["counter"] == "Ảnh 4/4"
    page.get_by_role("button", name="Đóng (Esc)").click()
    assert state(page)["open"] is False
    assert page.evaluate("window.scrollY") == scroll_before
    # A click on the dark area beside the photo closes too; a click on the photo does not.
    page.locator("a[data-lightbox-item]").nth(2).click()
    page.locator(".lightbox-img").click()
    assert state(page)["open"] is True
    page.mouse.click(4, 450)
    assert state(page)["open"] is False
    page.wait_for_function(  # in the dialog's "close" event, fired as a task after closing
        "document.activeElement === document.querySelectorAll('a[data-lightbox-item]')[2]", timeout=2000
    )
    page.wait_for_timeout(600)
    assert page.evaluate("window.shifts") == 0


def test_swipes_on_a_phone(live_server, phone_page, album):
    open_album(phone_page, live_server, album)
    phone_page.locator("a[data-lightbox-item]").first.click()
    swipe = """([from, to]) => {
      const dialog = document.getElementById("lightbox");
      const at = (type, x) => dialog.dispatchEvent(new PointerEvent(type, {
        pointerType: "touch", clientX: x, clientY: 400, bubbles: true }));
      at("pointerdown", from); at("pointerup", to);
    }"""
    phone_page.evaluate(swipe, [320, 80])  # right to left: the next photo
    assert state(phone_page)["counter"] == "Ảnh 2/4"
    phone_page.evaluate(swipe, [80, 320])
    phone_page.evaluate(swipe, [80, 320])
    assert state(phone_page)["counter"] == "Ảnh 4/4"
    phone_page.evaluate(swipe, [200, 180])  # too short: a tap, not a swipe
    assert state(phone_page)["counter"] == "Ảnh 4/4"
    # The photo fits the phone's width and keeps its proportions (800 × 600).
    box = phone_page.locator(".lightbox-img").bounding_box()
    assert box["width"] <= 390 and abs(box["width"] / box["height"] - 800 / 600) < 0.02


def test_without_javascript_a_photo_link_opens_the_photo(live_server, browser_context, album, _browser):
    context = _browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{album.get_absolute_url()}")
    page.locator("a[data-lightbox-item]").first.click()
    assert page.url.endswith("-1200w.jpg")
    context.close()


def test_the_lightbox_of_an_album_under_an_article(live_server, page, album):
    """The article page loads the album's stylesheet and script: the same lightbox opens there,
    with no refused script or style (CSP) and focus back on the photo when it closes."""
    from tests.news.factories import ArticleFactory

    article = ArticleFactory(title="Hội thao công nhân bế mạc", album=album)
    refusals = []
    page.on("console", lambda message: refusals.append(message.text) if "Content Security" in message.text else None)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.locator(".album-embed a[data-lightbox-item]").nth(2).click()
    assert state(page) == {
        "open": True,
        "counter": "Ảnh 3/4",
        "caption": "Cầu lông đơn nữ. Ảnh: Hoàng Minh",
        "alt": "Cầu lông đơn nữ.",
        "focused": "lightbox-button lightbox-close",
    }
    page.keyboard.press("Escape")
    assert state(page)["open"] is False
    page.wait_for_function(  # in the dialog's "close" event, fired as a task after closing
        "document.activeElement === document.querySelectorAll('a[data-lightbox-item]')[2]", timeout=2000
    )
    assert refusals == []
