"""One pagination rule (congdoan.pagination) for news lists and campaigns alike:
no `?page=` or an empty one is page 1, a page number in range is that page, anything else 404."""

import datetime
import re

import pytest
import time_machine

from tests.campaigns.factories import CampaignFactory
from tests.utils import clear_cache

from .factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BAD = ["abc", "0", "-1", "1e3", "1.0", " 1", "١", "²", "9999999", "3"]


@pytest.fixture
def lists(db):
    section = SectionFactory(name="Tin tức", slug="tin-tuc")
    tag = TagFactory(name="Sơn La", slug="son-la")
    for index in range(25):  # two news pages of 20
        ArticleFactory(title=f"Công đoàn {index}", section=section, tags=[tag])
    with time_machine.travel(datetime.datetime(2023, 11, 23, 3, 0, tzinfo=datetime.UTC), tick=False):
        for index in range(13):  # two campaign pages of 12
            CampaignFactory(title=f"Phong trào {index}")
    return ["/chuyen-muc/tin-tuc/", "/the/son-la/", "/tim-kiem/?q=cong+doan", "/phong-trao/"]


def get(client, url, page=None):
    clear_cache()
    if page is not None:
        url += ("&" if "?" in url else "?") + f"page={page}"
    return client.get(url)


def current_page(response) -> str:
    return re.search(r'<span aria-current="page">(\d+)</span>', response.content.decode()).group(1)


@pytest.mark.parametrize("index", range(4))
def test_every_list_follows_the_same_rule(client, lists, index):
    url = lists[index]
    assert current_page(get(client, url)) == "1"
    assert current_page(get(client, url, "")) == "1"
    assert current_page(get(client, url, "1")) == "1"
    assert current_page(get(client, url, "2")) == "2"
    assert {page: get(client, url, page).status_code for page in BAD} == dict.fromkeys(BAD, 404)


def test_page_links_keep_the_list_parameters(client, lists):
    html = get(client, "/tim-kiem/?q=cong+doan").content.decode()
    assert '<li><a href="?q=cong+doan&amp;page=2" rel="next">Sau ›</a></li>' in html
    html = get(client, "/phong-trao/?nam=2023").content.decode()
    assert '<li><a href="?nam=2023&amp;page=2" rel="next">Sau ›</a></li>' in html
