"""The schedule as an iCalendar (RFC 5545) feed, written with the `icalendar` library.

- An item with a time starts then (`DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000`, with the
  zone's VTIMEZONE) and ends at its end time if it has one; an item that takes a whole
  morning or afternoon is a one-day event (`DTSTART;VALUE=DATE`) whose summary names the session.
- UID is stable per item and host, so a client updates an event instead of adding a copy;
  SEQUENCE counts the adjustments made after publishing, DTSTAMP/LAST-MODIFIED are the last change.
"""

import datetime
from collections.abc import Callable

import icalendar

from congdoan.caching import SITE_ZONE

from .models import Entry

PRODID = "-//Cong doan Viet Nam//Lich cong tac//VI"
# Vietnam has kept UTC+7 since 1975: one STANDARD component covers every date served.
ZONE_FROM = datetime.date(2000, 1, 1)
ZONE_TO = datetime.date(2100, 1, 1)


def _description(entry: Entry) -> str:
    lines = [
        f"{label}: {value}"
        for label, value in (
            ("Chủ trì", entry.chair),
            ("Thành phần", entry.attendees),
            ("Chuẩn bị", entry.preparing_unit),
        )
        if value
    ]
    if entry.is_adjusted:
        lines.append(entry.adjusted_text)
    return "\n".join(lines)


def event(entry: Entry, *, host: str, url: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
    changed = entry.revised_at or entry.week.published_at or entry.updated_at
    item.add("dtstamp", changed.astimezone(datetime.UTC))
    item.add("last-modified", changed.astimezone(datetime.UTC))
    item.add("sequence", entry.revision)
    if entry.start_time is not None:
        item.add("dtstart", datetime.datetime.combine(entry.date, entry.start_time, tzinfo=SITE_ZONE))
        if entry.end_time is not None:
            item.add("dtend", datetime.datetime.combine(entry.date, entry.end_time, tzinfo=SITE_ZONE))
        item.add("summary", entry.content)
    else:
        item.add("dtstart", entry.date)
        item.add("dtend", entry.date + datetime.timedelta(days=1))
        item.add("summary", f"{entry.get_session_display()}: {entry.content}")
    if entry.venue:
        item.add("location", entry.venue)
    description = _description(entry)
    if description:
        item.add("description", description)
    item.add("url", url)
    return item


def build(entries: list[Entry], *, name: str, host: str, url_for: Callable[[Entry], str]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", SITE_ZONE.key)
    for entry in entries:
        calendar.add_component(event(entry, host=host, url=url_for(entry)))
    calendar.add_missing_timezones(first_date=ZONE_FROM, last_date=ZONE_TO)
    return calendar.to_ical()
