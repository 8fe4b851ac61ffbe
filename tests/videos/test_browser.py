"""What only a browser shows: nothing is asked of YouTube before the click, and the player
takes the poster's place without moving the page."""

import pytest

from .factories import VideoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_player_loads_only_after_the_click(live_server, page, settings):
    settings.SERVE_MEDIA = True
    video = VideoFactory(title="Phóng sự Tháng Công nhân")
    requests, refusals = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: refusals.append(message.text) if "Content Security" in message.text else None)
    # The player's own page may not be reachable from here; its request is what counts.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="<p>trình phát</p>"))

    page.goto(f"{live_server.url}{video.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if not url.startswith(live_server.url)] == []
    frame_box = page.locator("[data-video-frame]").bounding_box()

    page.get_by_role("link", name="Phát video: Phóng sự Tháng Công nhân").click()

    player = page.locator("[data-video-frame] iframe")
    assert player.get_attribute("src") == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&rel=0"
    assert player.get_attribute("title") == "Trình phát video: Phóng sự Tháng Công nhân"
    page.wait_for_load_state("networkidle")
    outside = {url.split("/embed/")[0] for url in requests if not url.startswith(live_server.url)}
    assert outside == {"https://www.youtube-nocookie.com"}
    assert page.locator("[data-video-frame]").bounding_box() == frame_box
    assert player.bounding_box() == frame_box
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert refusals == []
