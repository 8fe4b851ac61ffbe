"""Week addresses and headings (schedule/weeks.py)."""

import datetime

import pytest

from schedule import weeks

D = datetime.date


@pytest.mark.parametrize(
    ("value", "monday"),
    [
        ("2026-W49", D(2026, 11, 30)),
        ("2026-W01", D(2025, 12, 29)),  # ISO week 1 of 2026 starts in 2025
        ("2026-W53", D(2026, 12, 28)),  # 2026 has 53 ISO weeks
        ("2000-W01", D(2000, 1, 3)),
    ],
)
def test_parse_week_gives_its_monday(value, monday):
    assert weeks.parse_week(value) == monday


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2025-W53",  # 2025 has 52 weeks
        "2026-W00",
        "2026-W54",
        "2026-w49",
        "2026-W4",
        "2026W49",
        " 2026-W49",
        "2026-W49 ",
        "２０２６-W49",  # full-width digits
        "2026-W٤٩",  # Arabic-Indic digits
        "1999-W52",
        "2101-W01",
        "99999-W01",
        "2026-W49\x00",
    ],
)
def test_parse_week_refuses_anything_else(value):
    assert weeks.parse_week(value) is None


def test_heading_param_and_day_label():
    monday = D(2026, 11, 30)
    assert weeks.week_heading(monday) == "Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)"
    assert weeks.week_heading(D(2025, 12, 29)) == "Lịch công tác tuần 1 (từ 29/12/2025 đến 04/01/2026)"
    assert weeks.week_param(monday) == "2026-W49"
    assert weeks.week_param(D(2025, 12, 29)) == "2026-W01"
    assert weeks.day_label(D(2026, 12, 6)) == "Chủ nhật, 06/12/2026"
    assert weeks.monday_of(D(2026, 12, 6)) == monday
