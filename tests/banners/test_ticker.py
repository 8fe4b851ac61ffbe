"""The ticker and slides on the site: content, markup, cache, midnight, staff dates."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from banners.display import build_ticker
from banners.models import Commemoration, Slogan, TickerSettings
from tests.utils import NEXT_CHANGE_QUERIES

from .factories import CommemorationFactory, SlideFactory, SloganFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def render_tags(user=None, query=""):
    request = RequestFactory().get("/" + query)
    request.user = user or AnonymousUser()
    template = Template("{% load banners %}{% header_slides %}|||{% ticker %}")
    slides, ticker = template.render(Context({"request": request})).split("|||")
    return slides, ticker


def visible_items(html):
    """Items of the list that assistive tech reads (the copy is aria-hidden)."""
    first_list = re.search(r'<ul class="ticker-list">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", first_list)


@pytest.fixture
def december():
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    CommemorationFactory(event="Ngày thành lập Quân đội nhân dân Việt Nam", origin=date(1944, 12, 22))
    CommemorationFactory(event="Ngày toàn quốc kháng chiến", origin=date(1946, 12, 19))
    SloganFactory(text="Chúc mừng năm mới {nam} – Xuân {can_chi}", order=2)
    SloganFactory(text="Công đoàn đồng hành cùng người lao động", order=1)


def test_build_ticker_heading_commemorations_then_slogans(december):
    ticker = build_ticker(date(2024, 12, 15))
    assert ticker.heading == "Nhiệt liệt chào mừng"
    assert ticker.items == [
        "Kỷ niệm 78 năm Ngày toàn quốc kháng chiến (19/12/1946 - 19/12/2024)",
        "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)",
        "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)",
        "Công đoàn đồng hành cùng người lao động",
        "Chúc mừng năm mới 2024 – Xuân Giáp Thìn",
    ]


def test_ticker_markup_reads_once_for_screen_readers(december):
    with time_machine.travel(datetime(2024, 12, 15, 9, 0, tzinfo=HCM), tick=False):
        _, html = render_tags()
    assert '<p class="ticker-heading">Nhiệt liệt chào mừng</p>' in html
    assert visible_items(html)[2] == "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)"
    assert len(visible_items(html)) == 5
    # The loop's second copy exists only for the eye.
    assert html.count('class="ticker-list ticker-copy" aria-hidden="true"') == 1
    assert html.count("Ngày tái lập tỉnh Bắc Kạn") == 2
    assert "★" not in html  # the separator is drawn by CSS, not read as text
    assert " style=" not in html and "<script" not in html


def test_empty_ticker_renders_nothing():
    _, html = render_tags()
    assert html.strip() == ""


def test_blank_heading_is_left_out(december):
    TickerSettings(heading="").save()
    _, html = render_tags()
    assert "ticker-heading" not in html
    assert "ticker-list" in html


def test_ticker_and_slides_use_the_day_in_ho_chi_minh_city():
    CommemorationFactory(event="Ngày thành lập Quân đội nhân dân Việt Nam", origin=date(1944, 12, 22))
    # 17:30 UTC on 06/01 is already 00:30 on 07/01 in Việt Nam: the window (15 days after 22/12) is over.
    with time_machine.travel(datetime(2025, 1, 6, 17, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert render_tags()[1].strip() == ""
    with time_machine.travel(datetime(2025, 1, 6, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert "Kỷ niệm 80 năm" in render_tags()[1]


def test_cache_turns_over_at_midnight():
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    with time_machine.travel(datetime(2024, 12, 1, 23, 59, 30, tzinfo=HCM), tick=False) as traveller:
        assert render_tags()[1].strip() == ""  # 01/12: one day before the 30-day window
        traveller.move_to(datetime(2024, 12, 2, 0, 0, 5, tzinfo=HCM))
        assert "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)" in render_tags()[1]
        traveller.move_to(datetime(2025, 1, 16, 23, 59, 59, tzinfo=HCM))
        assert "Kỷ niệm 28 năm" in render_tags()[1]
        traveller.move_to(datetime(2025, 1, 17, 0, 0, 1, tzinfo=HCM))
        assert render_tags()[1].strip() == ""


def test_output_is_cached_and_every_edit_invalidates_it(december, django_assert_num_queries, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the ticker is a piece of the page (congdoan.caching)
    with time_machine.travel(datetime(2024, 12, 15, 9, 0, tzinfo=HCM), tick=False):
        render_tags()
        # A write that bypasses save() proves the page is read from the cache...
        Slogan.objects.filter(order=1).update(text="Thay đổi không qua save")
        with django_assert_num_queries(0):
            assert "Công đoàn đồng hành cùng người lao động" in render_tags()[1]

        # ...and every save or delete is seen at once.
        slogan = Slogan.objects.get(order=1)
        slogan.text = "Khẩu hiệu đã sửa"
        slogan.save()
        assert "Khẩu hiệu đã sửa" in render_tags()[1]

        slogan.delete()
        assert "Khẩu hiệu đã sửa" not in render_tags()[1]

        item = Commemoration.objects.get(origin=date(1997, 1, 1))
        item.is_active = False
        item.save()
        assert "Bắc Kạn" not in render_tags()[1]
        item.delete()

        TickerSettings(heading="Chào mừng Đại hội").save()
        assert "Chào mừng Đại hội" in render_tags()[1]

        assert render_tags()[0].strip() == ""
        SlideFactory(alt="Ảnh mới thêm")
        assert "Ảnh mới thêm" in render_tags()[0]
        Commemoration.objects.all().delete()
        assert "Kỷ niệm" not in render_tags()[1]


def test_fixed_number_of_queries(december, django_assert_num_queries, settings):
    """Cold: settings, commemorations, slogans, slides (4). Warm: none. The count never grows with items."""
    settings.FRAGMENT_CACHE_SECONDS = 600  # the ticker is a piece of the page (congdoan.caching)
    SlideFactory()
    SlideFactory()
    with django_assert_num_queries(4 + NEXT_CHANGE_QUERIES):
        render_tags()
    with django_assert_num_queries(0):
        render_tags()


def test_slides_markup_first_eager_others_lazy():
    first = SlideFactory(order=1, alt="Ảnh thứ nhất", link="https://congdoan.vn/")
    SlideFactory(order=2, alt="Ảnh thứ hai")
    SlideFactory(order=3, alt="Ảnh thứ ba", is_active=False)
    html, _ = render_tags()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2
    assert 'alt="Ảnh thứ nhất"' in images[0] and 'loading="eager"' in images[0]
    assert 'fetchpriority="high"' in images[0]
    assert 'loading="lazy"' in images[1] and "fetchpriority" not in images[1]
    assert f'width="{first.width}"' in images[0]
    assert "-360w.webp 360w" in html  # small renditions in the srcset
    assert '<a class="slide-link" href="https://congdoan.vn/">' in html
    assert len(re.findall(r'<div class="slide( is-active)?" role="group"', html)) == 2
    assert '<div class="slide" role="group" aria-roledescription="ảnh" aria-label="2 / 2" hidden>' in html
    assert 'aria-label="Ảnh trước"' in html and 'aria-label="Ảnh sau"' in html
    assert 'aria-label="Dừng tự chuyển ảnh"' in html
    assert re.search(r'<script src="/static/banners/slides.js" defer></script>', html)
    assert " style=" not in html


def test_a_single_slide_has_no_controls():
    SlideFactory()
    html, _ = render_tags()
    assert "slides-controls" not in html
    assert "<img " in html


# --- The public page as of a date (staff only) ---------------------------------


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("value", ["2024-12-15", "15/12/2024"])
def test_staff_see_the_home_page_as_of_a_date(december, staff_client, value):
    response = staff_client.get("/", {"ngay": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)" in html
    assert "Đang xem trang như ngày 15/12/2024" in html


@pytest.mark.parametrize("value", ["2024-02-30", "hôm qua", "15-12-2024", "9" * 500])
def test_bad_dates_from_staff_fall_back_to_today_with_a_message(december, staff_client, value):
    with time_machine.travel(datetime(2024, 6, 1, 9, 0, tzinfo=HCM), tick=False):
        response = staff_client.get("/", {"ngay": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "không hợp lệ, đang hiển thị hôm nay (01/06/2024)" in html
    assert "Bắc Kạn (01/01/1997" not in html


def test_anonymous_readers_cannot_choose_the_date(december, client):
    with time_machine.travel(datetime(2024, 6, 1, 9, 0, tzinfo=HCM), tick=False):
        response = client.get("/", {"ngay": "2024-12-15"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bắc Kạn (01/01/1997" not in html
    assert "Đang xem trang như ngày" not in html
    assert "Công đoàn đồng hành cùng người lao động" in html  # today's ticker
