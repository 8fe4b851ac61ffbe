"""Share buttons carry the page's full absolute address (they were empty on every article:
the address was set in the page's <head> block and read in its body block)."""

import re

import pytest

from tests.campaigns.factories import CampaignFactory
from tests.utils import clear_cache

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

_SHARE_RE = re.compile(
    r'<a class="share-link share-(facebook|zalo|email)" href="([^"]*)"'
    r'|<button class="share-link share-(copy)" type="button" data-copy-url="([^"]*)"'
)


def share_links(html: str) -> dict[str, str]:
    """{"facebook": href, "zalo": href, "email": href, "copy": data-copy-url} of the page's share bar."""
    bar = re.findall(r'<div class="share-bar".*?</div>', html, re.S)
    assert len(bar) == 1, bar
    links = {}
    for name, href, copy_name, copy_url in _SHARE_RE.findall(bar[0]):
        links[name or copy_name] = href or copy_url
    return links


@pytest.mark.parametrize("fragment_seconds", [0, 600])
def test_article_share_buttons_have_the_full_absolute_url(client, settings, fragment_seconds):
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    article = ArticleFactory(title="Hội nghị Ban Chấp hành", slug="hoi-nghi-ban-chap-hanh")
    clear_cache()
    for _ in range(2):  # cold, then warm (from the cached fragments when they are on)
        html = client.get("/bai-viet/hoi-nghi-ban-chap-hanh/").content.decode()
        assert share_links(html) == {
            "facebook": "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fbai-viet%2Fhoi-nghi-ban-chap-hanh%2F",
            "zalo": "https://sp.zalo.me/share_inline?url=http%3A%2F%2Ftestserver%2Fbai-viet%2Fhoi-nghi-ban-chap-hanh%2F",
            "email": "mailto:?subject=H%E1%BB%99i%20ngh%E1%BB%8B%20Ban%20Ch%E1%BA%A5p%20h%C3%A0nh"
            "&amp;body=http%3A%2F%2Ftestserver%2Fbai-viet%2Fhoi-nghi-ban-chap-hanh%2F",
            "copy": "http://testserver/bai-viet/hoi-nghi-ban-chap-hanh/",
        }
    assert article.slug == "hoi-nghi-ban-chap-hanh"


def test_campaign_page_uses_the_same_share_bar(client):
    CampaignFactory(title="Tháng Công nhân", slug="thang-cong-nhan")
    html = client.get("/phong-trao/thang-cong-nhan/").content.decode()
    assert share_links(html) == {
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fphong-trao%2Fthang-cong-nhan%2F",
        "zalo": "https://sp.zalo.me/share_inline?url=http%3A%2F%2Ftestserver%2Fphong-trao%2Fthang-cong-nhan%2F",
        "email": "mailto:?subject=Th%C3%A1ng%20C%C3%B4ng%20nh%C3%A2n"
        "&amp;body=http%3A%2F%2Ftestserver%2Fphong-trao%2Fthang-cong-nhan%2F",
        "copy": "http://testserver/phong-trao/thang-cong-nhan/",
    }
