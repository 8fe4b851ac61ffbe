"""/lich-cong-tac/lich.ics: RFC 5545 as calendar clients read it (exact lines, parsed back)."""

import datetime

import icalendar
import pytest

from schedule.models import Entry

from .factories import EntryFactory, WeekFactory

pytestmark = pytest.mark.django_db

T = datetime.time
URL = "/lich-cong-tac/lich.ics"


def unfolded_lines(body: bytes) -> list[str]:
    """Content lines with RFC 5545 folding undone (CRLF followed by one space continues a line)."""
    return body.decode().replace("\r\n ", "").split("\r\n")


def test_feed_lines_are_exact(client, frozen_day):
    week = WeekFactory()
    timed = EntryFactory(week=week)
    whole = EntryFactory(
        week=week, day=Entry.Day.TUESDAY, session=Entry.Session.AFTERNOON, start_time=None, end_time=None,
        content="Làm việc với Công ty Cổ phần Khoáng sản Bắc Kạn", venue="", chair="", attendees="",
        preparing_unit="",
    )  # fmt: skip
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="lich-cong-tac.ics"'
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cong doan Viet Nam//Lich cong tac//VI\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    # Folded at 75 octets, never inside a UTF-8 character.
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    lines = unfolded_lines(body)
    assert "X-WR-CALNAME:Lịch công tác – LĐLĐ tỉnh Bắc Kạn" in lines
    assert "TZID:Asia/Ho_Chi_Minh" in lines and "TZOFFSETTO:+0700" in lines
    start = lines.index(f"UID:lich-cong-tac-{timed.pk}@congdoanbackan.vn")
    event = lines[lines[:start].index("BEGIN:VEVENT") : start + lines[start:].index("END:VEVENT") + 1]
    assert sorted(event) == sorted(
        [
            "BEGIN:VEVENT",
            "SUMMARY:Giao ban Thường trực Liên đoàn Lao động tỉnh",
            "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000",
            "DTEND;TZID=Asia/Ho_Chi_Minh:20261130T113000",
            "DTSTAMP:20261201T030000Z",
            f"UID:lich-cong-tac-{timed.pk}@congdoanbackan.vn",
            "SEQUENCE:0",
            "DESCRIPTION:Chủ trì: Đồng chí Chủ tịch LĐLĐ tỉnh\\nThành phần: Các đồng chí "
            "Thường trực\\; Trưởng các ban\\nChuẩn bị: Văn phòng LĐLĐ tỉnh",
            "LAST-MODIFIED:20261201T030000Z",
            "LOCATION:Phòng họp số 1\\, trụ sở LĐLĐ tỉnh",
            "URL:http://testserver/lich-cong-tac/?tuan=2026-W49",
            "END:VEVENT",
        ]
    )
    assert f"UID:lich-cong-tac-{whole.pk}@congdoanbackan.vn" in lines
    assert "DTSTART;VALUE=DATE:20261201" in lines
    assert "DTEND;VALUE=DATE:20261202" in lines
    assert "SUMMARY:Chiều: Làm việc với Công ty Cổ phần Khoáng sản Bắc Kạn" in lines


def test_feed_parses_back_with_times_in_vietnam(client, frozen_day):
    week = WeekFactory()
    EntryFactory(week=week)
    EntryFactory(week=week, day=Entry.Day.FRIDAY, session=Entry.Session.EVENING, start_time=T(19, 30), end_time=None)
    calendar = icalendar.Calendar.from_ical(client.get(URL).content)
    events = calendar.walk("VEVENT")
    assert [event.decoded("dtstart").isoformat() for event in events] == [
        "2026-11-30T08:00:00+07:00",
        "2026-12-04T19:30:00+07:00",
    ]
    assert "DTEND" not in events[1]


def test_feed_has_only_published_weeks_in_its_window(client, frozen_day):
    EntryFactory(week=WeekFactory(), content="Đã công bố")
    EntryFactory(week=WeekFactory(starts_on=datetime.date(2026, 12, 7), is_published=False), content="Bản nháp")
    EntryFactory(week=WeekFactory(starts_on=datetime.date(2026, 9, 28)), content="Quá cũ")  # 9 weeks back
    EntryFactory(week=WeekFactory(starts_on=datetime.date(2026, 10, 5)), content="Tám tuần trước")
    summaries = [
        str(event["summary"]) for event in icalendar.Calendar.from_ical(client.get(URL).content).walk("VEVENT")
    ]
    assert summaries == ["Tám tuần trước", "Đã công bố"]


def test_adjusted_item_counts_its_sequence(client, frozen_day):
    entry = EntryFactory(week=WeekFactory())
    frozen_day.move_to(datetime.datetime(2026, 12, 1, 7, 20, tzinfo=datetime.UTC))
    entry = Entry.objects.get(pk=entry.pk)
    entry.start_time = T(8, 30)
    entry.save()
    lines = unfolded_lines(client.get(URL).content)
    assert "SEQUENCE:1" in lines
    assert "DTSTAMP:20261201T072000Z" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T083000" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert description.endswith("\\nĐiều chỉnh lúc 14:20 - 01/12/2026")


def test_feed_query_count_is_fixed(client, frozen_day, django_assert_num_queries):
    """The items with their weeks: 1 however many items (the federation's name and domain are
    the request's)."""
    for starts_on in (datetime.date(2026, 11, 23), datetime.date(2026, 11, 30)):
        week = WeekFactory(starts_on=starts_on)
        for day in range(1, 6):
            EntryFactory(week=week, day=day)
    with django_assert_num_queries(1):
        assert client.get(URL).status_code == 200
