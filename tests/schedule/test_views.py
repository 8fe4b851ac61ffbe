"""/lich-cong-tac/: the week a reader asks for, its days and items, navigation, today, print view."""

import datetime
import re

import pytest

from congdoan.tenancy import directory
from schedule.models import Entry, Week
from schedule.sitemaps import ScheduleSitemap
from tests.utils import HEADER_QUERIES_COLD

from .factories import EntryFactory, WeekFactory

pytestmark = pytest.mark.django_db

T = datetime.time
URL = "/lich-cong-tac/"


def day_titles(html: str) -> list[str]:
    return re.findall(r'<h3 id="ngay-[0-9-]+" class="schedule-day-title"><time datetime="[0-9-]+">([^<]+)</time>', html)


def test_week_shows_the_exact_heading_time_lines_and_details(client, frozen_day):
    week = WeekFactory(note="Lịch có thể thay đổi.")
    EntryFactory(week=week)
    EntryFactory(
        week=week, day=Entry.Day.TUESDAY, session=Entry.Session.AFTERNOON, start_time=None, end_time=None,
        content="Làm việc với Công ty Cổ phần Khoáng sản Bắc Kạn", venue="Tại doanh nghiệp", chair="",
        attendees="", preparing_unit="",
    )  # fmt: skip
    EntryFactory(week=week, day=Entry.Day.TUESDAY, session=Entry.Session.MORNING, start_time=T(14, 0), end_time=None)
    html = client.get(URL + "?tuan=2026-W49").content.decode()
    assert (
        '<h2 id="tieu-de-tuan" class="schedule-heading">Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)</h2>'
        in html
    )
    assert "<title>Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026) – LĐLĐ tỉnh Bắc Kạn</title>" in html
    assert '<p class="schedule-note">Lịch có thể thay đổi.</p>' in html
    # Monday to Friday always; the weekend only with items.
    assert day_titles(html) == [
        "Thứ Hai, 30/11/2026",
        "Thứ Ba, 01/12/2026",
        "Thứ Tư, 02/12/2026",
        "Thứ Năm, 03/12/2026",
        "Thứ Sáu, 04/12/2026",
    ]
    assert re.findall(r'<p class="schedule-time">([^<]+)</p>', html) == [
        "Sáng, 08:00 – 11:30",
        "Sáng, 14:00",
        "Chiều",
    ]
    assert "<div><dt>Địa điểm</dt><dd>Phòng họp số 1, trụ sở LĐLĐ tỉnh</dd></div>" in html
    assert "<div><dt>Chủ trì</dt><dd>Đồng chí Chủ tịch LĐLĐ tỉnh</dd></div>" in html
    assert "<div><dt>Thành phần</dt><dd>Các đồng chí Thường trực; Trưởng các ban</dd></div>" in html
    assert "<div><dt>Chuẩn bị</dt><dd>Văn phòng LĐLĐ tỉnh</dd></div>" in html
    assert html.count('<p class="schedule-free">Không có lịch.</p>') == 3


def test_today_is_highlighted_and_this_week_is_the_default(client, frozen_day):
    EntryFactory(week=WeekFactory())
    html = client.get(URL).content.decode()
    assert "Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)" in html
    today = re.findall(
        r'<section class="schedule-day schedule-today" aria-labelledby="([^"]+)" aria-current="date">', html
    )
    assert today == ["ngay-2026-12-01"]
    assert (
        '<time datetime="2026-12-01">Thứ Ba, 01/12/2026</time> <span class="schedule-today-badge">Hôm nay</span>'
        in html
    )
    assert '<a href="/lich-cong-tac/" aria-current="page">Tuần này</a>' in html
    # Another week: nothing is today.
    other = client.get(URL + "?tuan=2026-W50").content.decode()
    assert "schedule-today" not in other
    assert '<a href="/lich-cong-tac/">Tuần này</a>' in other


def test_previous_and_next_week_links(client, frozen_day):
    html = client.get(URL + "?tuan=2026-W01").content.decode()
    assert '<a href="/lich-cong-tac/?tuan=2025-W52" rel="prev">‹ Tuần trước</a>' in html
    assert '<a href="/lich-cong-tac/?tuan=2026-W02" rel="next">Tuần sau ›</a>' in html
    html = client.get(URL + "?tuan=2026-W53").content.decode()
    assert '<a href="/lich-cong-tac/?tuan=2027-W01" rel="next">Tuần sau ›</a>' in html
    # At the edge of the served years there is no link past it.
    html = client.get(URL + "?tuan=2000-W01").content.decode()
    assert 'rel="prev"' not in html
    assert '<a href="/lich-cong-tac/?tuan=2000-W02" rel="next">Tuần sau ›</a>' in html
    assert '<a href="/lich-cong-tac/in/?tuan=2000-W01">Bản in lịch tuần</a>' in html


def test_weekend_days_appear_with_items(client, frozen_day):
    EntryFactory(week=WeekFactory(), day=Entry.Day.SUNDAY, content="Ngày hội văn hóa công nhân")
    html = client.get(URL + "?tuan=2026-W49").content.decode()
    assert day_titles(html)[-1] == "Chủ nhật, 06/12/2026"
    assert "Thứ Bảy" not in html


def test_unpublished_or_missing_week_shows_the_empty_state(client, frozen_day):
    EntryFactory(week=WeekFactory(is_published=False), content="Bản nháp chưa công bố")
    html = client.get(URL + "?tuan=2026-W49").content.decode()
    assert "Bản nháp chưa công bố" not in html
    assert '<p class="empty-state-title">Chưa có lịch công tác tuần này.</p>' in html


@pytest.mark.parametrize(
    "query",
    ["?tuan=abc", "?tuan=2026-W54", "?tuan=2025-W53", "?tuan=2026-W٤٩", "?tuan=", "?tuan=2026-W49%00",
     "?tuan=1999-W52", "?tuan=2026-49", "?tuan=" + "9" * 500],
)  # fmt: skip
@pytest.mark.parametrize("path", [URL, URL + "in/"])
def test_bad_week_is_404_never_500(client, frozen_day, path, query):
    assert client.get(path + query).status_code == 404


def test_other_parameters_are_ignored(client, frozen_day):
    response = client.get(URL + "?tuan=2026-W49&utm_source=zalo&page=x")
    assert response.status_code == 200


def test_adjusted_item_shows_its_time(client, frozen_day):
    week = WeekFactory()
    entry = EntryFactory(week=week)
    frozen_day.move_to(datetime.datetime(2026, 12, 1, 7, 20, tzinfo=datetime.UTC))  # 14:20 in Hà Nội
    entry = Entry.objects.get(pk=entry.pk)
    entry.venue = "Phòng họp số 2, trụ sở LĐLĐ tỉnh"
    entry.save()
    html = client.get(URL + "?tuan=2026-W49").content.decode()
    assert '<li class="schedule-item schedule-item-adjusted">' in html
    assert '<p class="schedule-adjusted">Điều chỉnh lúc 14:20 - 01/12/2026</p>' in html


def test_print_view_is_a_table_for_the_week(client, frozen_day):
    week = WeekFactory(note="Lịch có thể thay đổi.")
    EntryFactory(week=week)
    EntryFactory(week=week, session=Entry.Session.AFTERNOON, start_time=T(14, 0), end_time=T(16, 30))
    EntryFactory(week=week, day=Entry.Day.TUESDAY)
    response = client.get(URL + "in/?tuan=2026-W49")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lịch công tác tuần 49</h1>" in html
    assert '<p class="print-dates">(Từ 30/11/2026 đến 06/12/2026)</p>' in html
    assert '<th scope="rowgroup" rowspan="2">Thứ Hai, 30/11/2026</th>' in html
    assert (
        '<tbody class="print-today">\n        <tr>\n          <th scope="rowgroup" rowspan="1">Thứ Ba, 01/12/2026</th>'
        in html
    )
    assert "<td>Chiều, 14:00 – 16:30</td>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<script src="/static/schedule/print.js" defer></script>' in html
    assert "<style" not in html and "style=" not in html


def test_week_page_query_count_is_fixed(client, frozen_day, django_assert_num_queries):
    """The week, its items, the menu: 3 however many items; plus the header's ticker and slides
    on a cold cache. The federation is the request's (the directory of hosts), not a query."""
    week = WeekFactory()
    for day in range(1, 8):
        EntryFactory(week=week, day=day)
        EntryFactory(week=week, day=day, session=Entry.Session.AFTERNOON, start_time=T(14, 0), end_time=None)
    with django_assert_num_queries(3 + HEADER_QUERIES_COLD):
        assert client.get(URL + "?tuan=2026-W49").status_code == 200


def test_empty_week_query_count(client, frozen_day, django_assert_num_queries):
    """The week (none), no item query, the menu: 2. (The directory of hosts is read once per
    process and network version, before any page: warmed here, as nothing was saved.)"""
    directory()
    with django_assert_num_queries(2 + HEADER_QUERIES_COLD):
        assert client.get(URL + "?tuan=2026-W50").status_code == 200


def test_print_view_query_count_is_fixed(client, frozen_day, django_assert_num_queries):
    """The week, its items: 2; no header, banners or footer on the print view, and so no menu
    (the template context looks it up only when a template shows it)."""
    week = WeekFactory()
    for day in range(1, 6):
        EntryFactory(week=week, day=day)
    with django_assert_num_queries(2):
        assert client.get(URL + "in/?tuan=2026-W49").status_code == 200


def test_sitemap_lists_published_weeks():
    WeekFactory(starts_on=datetime.date(2026, 11, 23))
    WeekFactory()
    WeekFactory(starts_on=datetime.date(2026, 12, 7), is_published=False)
    assert [week.get_absolute_url() for week in ScheduleSitemap().items()] == [
        "/lich-cong-tac/?tuan=2026-W49",
        "/lich-cong-tac/?tuan=2026-W48",
    ]


def test_sitemap_xml_carries_the_week_address(client):
    WeekFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/lich-cong-tac/?tuan=2026-W49</loc>" in xml


def test_footer_links_to_schedule_and_organisation_pages(client, frozen_day):
    html = client.get(URL).content.decode()
    footer = html.split('<nav class="footer-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="(/(?:gioi-thieu|lich-cong-tac|lien-he|en)/)"', footer) == [
        "/gioi-thieu/",
        "/lich-cong-tac/",
        "/lien-he/",
        "/en/",
    ]


def test_week_is_one_per_federation_and_starts_on_monday():
    week = WeekFactory(starts_on=datetime.date(2026, 12, 3))  # a Thursday
    assert week.starts_on == datetime.date(2026, 11, 30)
    assert Week.objects.get().param == "2026-W49"
