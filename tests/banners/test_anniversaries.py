"""The pure rules: counts, dates, the monthly rule and custom windows, 29/02, wording, can chi, typed dates."""

from datetime import date

import pytest

from banners.anniversaries import (
    Anniversary,
    anniversary_in_year,
    anniversary_near,
    can_chi,
    commemoration_text,
    format_day,
    parse_day,
    render_slogan,
)


def text_on(day, origin, event="Sự kiện", every=1, prefix="Kỷ niệm", **window):
    found = anniversary_near(day, origin, every=every, **window)
    return commemoration_text(event=event, origin=origin, anniversary=found, prefix=prefix) if found else None


def test_half_a_window_is_refused():
    with pytest.raises(ValueError):
        anniversary_near(date(2024, 7, 1), date(1929, 7, 28), days_before=10)


def test_issue_example_bac_kan_in_december_reads_next_january():
    assert (
        text_on(date(2024, 12, 15), date(1997, 1, 1), "Ngày tái lập tỉnh Bắc Kạn")
        == "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)"
    )


def test_party_anniversary_keeps_the_event_as_entered():
    assert (
        text_on(date(2024, 2, 1), date(1930, 2, 3), "ngày thành lập Đảng Cộng sản Việt Nam")
        == "Kỷ niệm 94 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)"
    )


@pytest.mark.parametrize(
    ("origin", "day", "expected"),
    [
        # On the day itself and in its month.
        (date(1930, 2, 3), date(2024, 2, 3), (94, date(2024, 2, 3))),
        (date(1930, 2, 3), date(2025, 2, 3), (95, date(2025, 2, 3))),
        (date(1929, 7, 28), date(2024, 7, 1), (95, date(2024, 7, 28))),
        (date(1945, 9, 2), date(2025, 9, 10), (80, date(2025, 9, 2))),
        (date(1945, 9, 2), date(2025, 9, 30), (80, date(2025, 9, 2))),
        (date(1818, 5, 5), date(2026, 5, 10), (208, date(2026, 5, 5))),
        # The whole calendar month, nothing of the months around it.
        (date(1930, 2, 3), date(2024, 2, 1), (94, date(2024, 2, 3))),
        (date(1930, 2, 3), date(2024, 2, 29), (94, date(2024, 2, 3))),
        (date(1930, 2, 3), date(2024, 1, 31), None),
        (date(1930, 2, 3), date(2024, 3, 1), None),
        (date(1930, 2, 3), date(2024, 8, 1), None),
        (date(1929, 7, 28), date(2024, 6, 30), None),
        (date(1929, 7, 28), date(2024, 8, 1), None),
        # An anniversary on the 1st also runs through the whole month before...
        (date(1886, 5, 1), date(2024, 4, 1), (138, date(2024, 5, 1))),
        (date(1886, 5, 1), date(2024, 4, 20), (138, date(2024, 5, 1))),
        (date(1886, 5, 1), date(2024, 5, 31), (138, date(2024, 5, 1))),
        (date(1886, 5, 1), date(2024, 3, 31), None),
        (date(1886, 5, 1), date(2024, 6, 1), None),
        # ...also across the new year: all December shows the next 1 January.
        (date(1997, 1, 1), date(2024, 12, 1), (28, date(2025, 1, 1))),
        (date(1997, 1, 1), date(2024, 12, 31), (28, date(2025, 1, 1))),
        (date(1997, 1, 1), date(2024, 11, 30), None),
        (date(1997, 1, 1), date(2025, 1, 31), (28, date(2025, 1, 1))),
        (date(1997, 1, 1), date(2025, 2, 1), None),
        # Last month's items are gone on the 1st.
        (date(1944, 12, 22), date(2024, 12, 1), (80, date(2024, 12, 22))),
        (date(1944, 12, 22), date(2024, 12, 31), (80, date(2024, 12, 22))),
        (date(1944, 12, 22), date(2025, 1, 1), None),
        (date(1944, 12, 22), date(2024, 11, 30), None),
        (date(1946, 12, 19), date(2025, 1, 3), None),
        (date(1999, 12, 31), date(2000, 12, 15), (1, date(2000, 12, 31))),
        (date(1999, 12, 31), date(2000, 1, 10), None),  # count 0
        # Year 0 and negative years never show.
        (date(1997, 1, 1), date(1997, 1, 1), None),
        (date(1997, 1, 1), date(1996, 12, 20), None),
        (date(2030, 3, 1), date(2026, 3, 1), None),
        (date(1997, 1, 1), date(1997, 12, 15), (1, date(1998, 1, 1))),
    ],
)
def test_monthly_rule_by_default(origin, day, expected):
    found = anniversary_near(day, origin)
    assert (found and (found.count, found.date)) == (expected or None)


@pytest.mark.parametrize(
    ("origin", "day", "expected"),
    [
        # 30 days before, 15 after, as an editor may still set per item.
        (date(1930, 2, 3), date(2024, 1, 4), (94, date(2024, 2, 3))),
        (date(1930, 2, 3), date(2024, 1, 3), None),
        (date(1930, 2, 3), date(2024, 2, 18), (94, date(2024, 2, 3))),
        (date(1930, 2, 3), date(2024, 2, 19), None),
        (date(1997, 1, 1), date(2024, 12, 2), (28, date(2025, 1, 1))),
        (date(1997, 1, 1), date(2024, 12, 1), None),
        (date(1997, 1, 1), date(2025, 1, 16), (28, date(2025, 1, 1))),
        (date(1997, 1, 1), date(2025, 1, 17), None),
        (date(1944, 12, 22), date(2025, 1, 6), (80, date(2024, 12, 22))),
        (date(1944, 12, 22), date(2025, 1, 7), None),
        (date(1999, 12, 31), date(2001, 1, 10), (1, date(2000, 12, 31))),
    ],
)
def test_a_window_of_days_crosses_months_and_years(origin, day, expected):
    found = anniversary_near(day, origin, days_before=30, days_after=15)
    assert (found and (found.count, found.date)) == (expected or None)


@pytest.mark.parametrize(
    ("origin", "day", "every", "window", "expected"),
    [
        (date(1924, 5, 20), date(2024, 5, 1), 5, {}, (100, date(2024, 5, 20))),
        (date(1924, 5, 20), date(2025, 5, 20), 5, {}, None),
        (date(1924, 5, 20), date(2029, 5, 31), 5, {}, (105, date(2029, 5, 20))),
        (date(1924, 5, 20), date(2029, 6, 1), 5, {}, None),
        (date(1904, 6, 1), date(2024, 5, 15), 5, {}, (120, date(2024, 6, 1))),
        (date(1904, 6, 1), date(2026, 5, 15), 5, {}, None),
        (date(1945, 9, 2), date(2025, 9, 2), 10, {}, (80, date(2025, 9, 2))),
        (date(1945, 9, 2), date(2030, 9, 2), 10, {}, None),
        (date(1945, 9, 2), date(2035, 9, 30), 10, {}, (90, date(2035, 9, 2))),
        (date(1945, 9, 2), date(2035, 8, 31), 10, {}, None),
        (date(1997, 1, 1), date(2021, 12, 10), 5, {}, (25, date(2022, 1, 1))),
        (date(1997, 1, 1), date(2022, 12, 10), 5, {}, None),
        # every=5 across the year boundary with a window, both ways.
        (date(1999, 12, 31), date(2025, 1, 10), 5, {"days_before": 30, "days_after": 15}, (25, date(2024, 12, 31))),
        (date(1999, 12, 31), date(2026, 1, 10), 5, {"days_before": 30, "days_after": 15}, None),
        (date(2000, 1, 2), date(2024, 12, 20), 5, {"days_before": 30, "days_after": 15}, (25, date(2025, 1, 2))),
        (date(2000, 1, 2), date(2023, 12, 20), 5, {"days_before": 30, "days_after": 15}, None),
    ],
)
def test_anniversary_near_every_n_years(origin, day, every, window, expected):
    found = anniversary_near(day, origin, every=every, **window)
    assert (found and (found.count, found.date)) == (expected or None)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 2, 28), "Kỷ niệm 23 năm Sự kiện (29/02/2000 - 28/02/2023)"),
        (date(2023, 2, 1), "Kỷ niệm 23 năm Sự kiện (29/02/2000 - 28/02/2023)"),
        (date(2023, 1, 31), None),
        (date(2023, 3, 1), None),
        (date(2024, 2, 29), "Kỷ niệm 24 năm Sự kiện (29/02/2000 - 29/02/2024)"),
        (date(2024, 2, 1), "Kỷ niệm 24 năm Sự kiện (29/02/2000 - 29/02/2024)"),
        (date(2024, 3, 1), None),
        (date(2100, 2, 1), "Kỷ niệm 100 năm Sự kiện (29/02/2000 - 28/02/2100)"),  # 2100 is not a leap year
    ],
)
def test_origin_on_29_february(day, expected):
    assert text_on(day, date(2000, 2, 29)) == expected


def test_anniversary_in_year():
    assert anniversary_in_year(date(2000, 2, 29), 2023) == date(2023, 2, 28)
    assert anniversary_in_year(date(2000, 2, 29), 2028) == date(2028, 2, 29)
    assert anniversary_in_year(date(1930, 2, 3), 2024) == date(2024, 2, 3)


@pytest.mark.parametrize(
    ("before", "after", "day", "shown"),
    [
        (0, 0, date(2024, 7, 28), True),
        (0, 0, date(2024, 7, 27), False),
        (0, 0, date(2024, 7, 29), False),
        (7, 3, date(2024, 7, 21), True),
        (7, 3, date(2024, 7, 20), False),
        (7, 3, date(2024, 7, 31), True),
        (7, 3, date(2024, 8, 1), False),
        (180, 0, date(2024, 1, 30), True),
    ],
)
def test_custom_windows(before, after, day, shown):
    found = anniversary_near(day, date(1929, 7, 28), days_before=before, days_after=after)
    assert bool(found) is shown
    if found:
        assert found.count == 95


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("Kỷ niệm", "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"),
        ("Chào mừng", "Chào mừng 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"),
        ("", "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"),
        ("  ", "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)"),
    ],
)
def test_wording_prefix(prefix, expected):
    anniversary = Anniversary(count=80, date=date(2024, 12, 22))
    event = "Ngày thành lập Quân đội nhân dân Việt Nam"
    assert commemoration_text(event=event, origin=date(1944, 12, 22), anniversary=anniversary, prefix=prefix) == (
        expected
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 1, 5), "05/01/2024"),
        (date(2024, 12, 31), "31/12/2024"),
        (date(999, 3, 5), "05/03/0999"),
    ],
)
def test_dates_are_zero_padded(day, expected):
    assert format_day(day) == expected


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (2024, "Giáp Thìn"),
        (2025, "Ất Tỵ"),
        (2026, "Bính Ngọ"),
        (2027, "Đinh Mùi"),
        (2023, "Quý Mão"),
        (2000, "Canh Thìn"),
        (1984, "Giáp Tý"),
        (1930, "Canh Ngọ"),
        (1945, "Ất Dậu"),
        (1975, "Ất Mão"),
    ],
)
def test_can_chi(year, name):
    assert can_chi(year) == name


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        # {can_chi} is the lunar year in force: it turns on Tết, not on 1 January.
        ("Năm {can_chi}", date(2024, 2, 9), "Năm Quý Mão"),
        ("Năm {can_chi}", date(2024, 2, 10), "Năm Giáp Thìn"),
        ("Năm {can_chi}", date(2026, 2, 16), "Năm Ất Tỵ"),
        ("Năm {can_chi}", date(2026, 2, 17), "Năm Bính Ngọ"),
        ("{can_chi} {nam}", date(2026, 1, 15), "Ất Tỵ 2026"),
        ("Năm {nam}, năm {can_chi}", date(2024, 6, 1), "Năm 2024, năm Giáp Thìn"),
        # {can_chi_tet} {nam_tet}: the Tết nearest the day, so a greeting names the Tết it greets.
        ("Mừng Xuân {can_chi_tet} {nam_tet}", date(2026, 1, 15), "Mừng Xuân Bính Ngọ 2026"),
        ("Mừng Xuân {can_chi_tet} {nam_tet}", date(2025, 12, 1), "Mừng Xuân Bính Ngọ 2026"),
        ("Mừng Xuân {can_chi_tet} {nam_tet}", date(2026, 3, 10), "Mừng Xuân Bính Ngọ 2026"),
        ("Mừng Xuân {can_chi_tet} {nam_tet}", date(2025, 1, 20), "Mừng Xuân Ất Tỵ 2025"),
        ("Mừng Xuân {can_chi_tet} {nam_tet}", date(2025, 2, 10), "Mừng Xuân Ất Tỵ 2025"),
        # Halfway between Tết 29/01/2025 and Tết 17/02/2026 (19 days later in the year) it turns over.
        ("{can_chi_tet}", date(2025, 8, 8), "Ất Tỵ"),
        ("{can_chi_tet}", date(2025, 8, 9), "Bính Ngọ"),
        # Days the lunar calendar is not computed for fall back to the solar year, without an error.
        ("{can_chi} {can_chi_tet} {nam_tet}", date(1, 1, 1), "Tân Dậu Tân Dậu 1"),
        ("{can_chi} {can_chi_tet} {nam_tet}", date(9999, 12, 31), "Kỷ Hợi Kỷ Hợi 9999"),
        ("Không có chỗ điền", date(2024, 6, 1), "Không có chỗ điền"),
        ("{khong_biet} và {nam}", date(2024, 6, 1), "{khong_biet} và 2024"),
        ("{nam", date(2024, 6, 1), "{nam"),
        ("{} {0} %s {{nam}}", date(2024, 6, 1), "{} {0} %s {2024}"),
    ],
)
def test_render_slogan(text, day, expected):
    assert render_slogan(text, day) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", date(2024, 5, 1)),
        ("01/05/2024", date(2024, 5, 1)),
        ("1/5/2024", date(2024, 5, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("2023-02-29", None),
        ("31/04/2024", None),
        ("2024/05/01", None),
        ("hôm nay", None),
        ("", None),
        (None, None),
        ("0000-01-01", None),
        ("2024-05-01T00:00", None),
    ],
)
def test_parse_day(value, expected):
    assert parse_day(value) == expected
