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
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    # 17:30 UTC on 31/12 is already 00:30 on 01/01 in Việt Nam: December's items are gone.
    with time_machine.travel(datetime(2024, 12, 31, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert visible_items(render_tags()[1]) == [
            "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)",
            "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)",
        ]
    with time_machine.travel(datetime(2024, 12, 31, 17, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert visible_items(render_tags()[1]) == [
            "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)",
        ]
    # And 17:30 UTC on 30/11 is 01/12 in Việt Nam: the 1 January anniversary starts its month ahead.
    with time_machine.travel(datetime(2024, 11, 30, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert render_tags()[1].strip() == ""
    with time_machine.travel(datetime(2024, 11, 30, 17, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert visible_items(render_tags()[1]) == [
            "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)",
            "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)",
        ]


def test_cache_turns_over_at_midnight():
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    with time_machine.travel(datetime(2024, 11, 30, 23, 59, 30, tzinfo=HCM), tick=False) as traveller:
        assert render_tags()[1].strip() == ""  # 30/11: the month before December
        traveller.move_to(datetime(2024, 12, 1, 0, 0, 5, tzinfo=HCM))
        assert "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)" in render_tags()[1]
        traveller.move_to(datetime(2025, 1, 31, 23, 59, 59, tzinfo=HCM))
        assert "Kỷ niệm 28 năm" in render_tags()[1]
        traveller.move_to(datetime(2025, 2, 1, 0, 0, 1, tzinfo=HCM))
        assert render_tags()[1].strip() == ""


# --- Real months: what the federation's editors publish --------------------------


@pytest.fixture
def commemorations_of_the_year():
    for event, origin, every in [
        ("ngày thành lập Đảng Cộng sản Việt Nam", date(1930, 2, 3), 1),
        ("Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước", date(1975, 4, 30), 1),
        ("ngày Quốc tế Lao động", date(1886, 5, 1), 1),
        ("Chiến thắng Điện Biên Phủ", date(1954, 5, 7), 1),
        ("Ngày sinh Chủ tịch Hồ Chí Minh", date(1890, 5, 19), 1),
        ("Ngày Quốc tế Thiếu nhi", date(1950, 6, 1), 1),
        ("Ngày sinh đồng chí Hoàng Đình Giong", date(1904, 6, 1), 5),
        ("Ngày Thương binh - Liệt sĩ", date(1947, 7, 27), 1),
        ("Ngày thành lập Công đoàn Việt Nam", date(1929, 7, 28), 1),
        ("Cách mạng Tháng Tám thành công", date(1945, 8, 19), 1),
        ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", date(1945, 9, 2), 1),
        ("Ngày thành lập Quân đội nhân dân Việt Nam", date(1944, 12, 22), 1),
        ("Ngày tái lập tỉnh Bắc Kạn", date(1997, 1, 1), 1),
    ]:
        CommemorationFactory(event=event, origin=origin, every=every)


PARTY_2024 = "Kỷ niệm 94 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)"
LIBERATION_2024 = "Kỷ niệm 49 năm Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước (30/04/1975 - 30/04/2024)"
LABOUR_2024 = "Kỷ niệm 138 năm ngày Quốc tế Lao động (01/05/1886 - 01/05/2024)"
LABOUR_2025 = "Kỷ niệm 139 năm ngày Quốc tế Lao động (01/05/1886 - 01/05/2025)"
DIEN_BIEN_PHU_2024 = "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)"
DIEN_BIEN_PHU_2025 = "Kỷ niệm 71 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2025)"
UNCLE_HO_2024 = "Kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/05/1890 - 19/05/2024)"
UNCLE_HO_2025 = "Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/05/1890 - 19/05/2025)"
CHILDREN_2024 = "Kỷ niệm 74 năm Ngày Quốc tế Thiếu nhi (01/06/1950 - 01/06/2024)"
CHILDREN_2025 = "Kỷ niệm 75 năm Ngày Quốc tế Thiếu nhi (01/06/1950 - 01/06/2025)"
GIONG_2024 = "Kỷ niệm 120 năm Ngày sinh đồng chí Hoàng Đình Giong (01/06/1904 - 01/06/2024)"
INVALIDS_2025 = "Kỷ niệm 78 năm Ngày Thương binh - Liệt sĩ (27/07/1947 - 27/07/2025)"
UNION_2025 = "Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/07/1929 - 28/07/2025)"
AUGUST_2025 = "Kỷ niệm 80 năm Cách mạng Tháng Tám thành công (19/08/1945 - 19/08/2025)"
NATIONAL_DAY_2025 = "Kỷ niệm 80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/09/1945 - 02/09/2025)"
ARMY_2024 = "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"
BAC_KAN_2024 = "Kỷ niệm 27 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2024)"
BAC_KAN_2025 = "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # January shows its own 1 January; February the Party's anniversary, all month, nothing else.
        (date(2024, 1, 31), [BAC_KAN_2024]),
        (date(2024, 2, 1), [PARTY_2024]),
        (date(2024, 2, 29), [PARTY_2024]),
        (date(2024, 3, 1), []),
        # April carries 30/04 and already 01/05, which would otherwise be announced only on its day.
        (date(2024, 4, 1), [LIBERATION_2024, LABOUR_2024]),
        (date(2024, 4, 30), [LIBERATION_2024, LABOUR_2024]),
        # May: its own month, plus 01/06 ahead; 30/04 is gone on the 1st.
        (date(2024, 5, 1), [LABOUR_2024, DIEN_BIEN_PHU_2024, UNCLE_HO_2024, GIONG_2024, CHILDREN_2024]),
        (date(2024, 5, 31), [LABOUR_2024, DIEN_BIEN_PHU_2024, UNCLE_HO_2024, GIONG_2024, CHILDREN_2024]),
        (date(2024, 6, 1), [GIONG_2024, CHILDREN_2024]),  # same day: the older origin first
        # Every 5 years only: 121 years in 2025 is not shown.
        (date(2025, 5, 15), [LABOUR_2025, DIEN_BIEN_PHU_2025, UNCLE_HO_2025, CHILDREN_2025]),
        (date(2025, 6, 30), [CHILDREN_2025]),
        (date(2025, 7, 1), [INVALIDS_2025, UNION_2025]),
        (date(2025, 7, 31), [INVALIDS_2025, UNION_2025]),
        # 02/09 is not on a 1st: August carries only August.
        (date(2025, 8, 31), [AUGUST_2025]),
        (date(2025, 9, 1), [NATIONAL_DAY_2025]),
        (date(2025, 10, 1), []),
        # December carries 1 January of the next year; on 1 January December's items are gone.
        (date(2024, 12, 1), [ARMY_2024, BAC_KAN_2025]),
        (date(2024, 12, 31), [ARMY_2024, BAC_KAN_2025]),
        (date(2025, 1, 1), [BAC_KAN_2025]),
    ],
)
def test_a_months_ticker_carries_that_months_commemorations(commemorations_of_the_year, day, expected):
    assert build_ticker(day).items == expected


def test_an_item_with_its_own_window_keeps_it(commemorations_of_the_year):
    union = Commemoration.objects.get(origin=date(1929, 7, 28))
    union.days_before, union.days_after = 10, 5
    union.save()
    assert build_ticker(date(2025, 7, 17)).items == [INVALIDS_2025]
    assert build_ticker(date(2025, 7, 18)).items == [INVALIDS_2025, UNION_2025]
    assert build_ticker(date(2025, 8, 2)).items == [UNION_2025, AUGUST_2025]
    assert build_ticker(date(2025, 8, 3)).items == [AUGUST_2025]


# --- Tết: the lunar year and the greeting ----------------------------------------


@pytest.fixture
def tet_slogans():
    SloganFactory(
        text="Mừng Đảng, mừng Xuân {can_chi_tet} {nam_tet}",
        starts_on=date(2025, 12, 15),
        ends_on=date(2026, 3, 15),
        repeats_yearly=True,
        order=1,
    )
    SloganFactory(text="Năm {can_chi}: thi đua lao động sáng tạo", order=2)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 14), ["Năm Ất Tỵ: thi đua lao động sáng tạo"]),
        (date(2025, 12, 15), ["Mừng Đảng, mừng Xuân Bính Ngọ 2026", "Năm Ất Tỵ: thi đua lao động sáng tạo"]),
        (date(2026, 1, 20), ["Mừng Đảng, mừng Xuân Bính Ngọ 2026", "Năm Ất Tỵ: thi đua lao động sáng tạo"]),
        (date(2026, 2, 16), ["Mừng Đảng, mừng Xuân Bính Ngọ 2026", "Năm Ất Tỵ: thi đua lao động sáng tạo"]),
        (date(2026, 2, 17), ["Mừng Đảng, mừng Xuân Bính Ngọ 2026", "Năm Bính Ngọ: thi đua lao động sáng tạo"]),
        (date(2026, 3, 15), ["Mừng Đảng, mừng Xuân Bính Ngọ 2026", "Năm Bính Ngọ: thi đua lao động sáng tạo"]),
        (date(2024, 2, 9), ["Mừng Đảng, mừng Xuân Giáp Thìn 2024", "Năm Quý Mão: thi đua lao động sáng tạo"]),
        (date(2024, 2, 10), ["Mừng Đảng, mừng Xuân Giáp Thìn 2024", "Năm Giáp Thìn: thi đua lao động sáng tạo"]),
    ],
)
def test_tet_greeting_names_the_coming_year_and_can_chi_turns_on_tet(tet_slogans, day, expected):
    assert build_ticker(day).items == expected


def test_the_lunar_year_turns_at_midnight_in_viet_nam_on_tet(tet_slogans):
    # Tết Bính Ngọ is 17/02/2026: 17:30 UTC on 16/02 is already 00:30 on Tết in Việt Nam.
    with time_machine.travel(datetime(2026, 2, 16, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert visible_items(render_tags()[1])[1] == "Năm Ất Tỵ: thi đua lao động sáng tạo"
    with time_machine.travel(datetime(2026, 2, 16, 17, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert visible_items(render_tags()[1])[1] == "Năm Bính Ngọ: thi đua lao động sáng tạo"


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
