"""The campaign page's contest box is a live figure: with every cache on, it is never older
than CONTEST_COUNTS_SECONDS (it once inherited the page cache's 10 minutes: the contest page
said 1 registered while the campaign page still said 0)."""

import datetime
import re

import pytest

from .factories import ContestantFactory

pytestmark = pytest.mark.django_db

LIVE_SECONDS = 30


@pytest.fixture(autouse=True)
def _every_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.CONTEST_COUNTS_SECONDS = LIVE_SECONDS


def box_line(response):
    html = response.content.decode()
    found = re.search(r'<section class="campaign-section contest-box".*?<p>(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_campaign_page_counts_are_at_most_their_declared_lifetime_old(client, now, contest, open_round, unit):
    url = contest.campaign.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == f"public, max-age={LIVE_SECONDS}"
    assert box_line(first) == "0 người đăng ký · 0 lượt dự thi (số liệu tự động từ trang dự thi)."

    ContestantFactory(contest=contest, unit=unit)  # a contestant registers: no content version bump
    assert client.get(f"/cuoc-thi/{contest.slug}/").status_code == 200
    now.shift(datetime.timedelta(seconds=LIVE_SECONDS - 1))
    within = client.get(url)
    assert within["X-Page-Cache"] == "hit"
    assert box_line(within) == "0 người đăng ký · 0 lượt dự thi (số liệu tự động từ trang dự thi)."

    now.shift(datetime.timedelta(seconds=2))
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert box_line(after) == "1 người đăng ký · 0 lượt dự thi (số liệu tự động từ trang dự thi)."


def test_pages_without_live_figures_keep_the_page_cache_lifetime(client, contest):
    contest.campaign.contest.delete()
    response = client.get(contest.campaign.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert response["Cache-Control"] == "public, max-age=60"
