"""ISO weeks as the schedule names them: `?tuan=2026-W49` is the week from Monday 30/11/2026
to Sunday 06/12/2026, headed "Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)"."""

import datetime
import re

# Weeks the calendar pages exist for: links stop at the edges, anything outside is a 404.
FIRST_YEAR = 2000
LAST_YEAR = 2100

# ASCII digits only: "２０２６-W49" or "2026-W٤٩" are not addresses we make.
_PARAM = re.compile(r"([0-9]{4})-W([0-9]{2})")

DAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value: str) -> datetime.date | None:
    """The Monday of `2026-W49`, or None for anything else (W00, W54, W53 of a 52-week year…)."""
    match = _PARAM.fullmatch(value)
    if match is None:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def week_param(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def in_range(monday: datetime.date) -> bool:
    return FIRST_YEAR <= monday.isocalendar()[0] <= LAST_YEAR


def week_number(monday: datetime.date) -> int:
    return monday.isocalendar()[1]


def week_span(monday: datetime.date) -> str:
    """ "từ 30/11/2026 đến 06/12/2026"."""
    return f"từ {monday:%d/%m/%Y} đến {monday + datetime.timedelta(days=6):%d/%m/%Y}"


def week_heading(monday: datetime.date) -> str:
    """ "Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)"."""
    return f"Lịch công tác tuần {week_number(monday)} ({week_span(monday)})"


def day_label(day: datetime.date) -> str:
    """ "Thứ Hai, 30/11/2026"."""
    return f"{DAY_NAMES[day.weekday()]}, {day:%d/%m/%Y}"
