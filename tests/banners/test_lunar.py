"""The Vietnamese lunar calendar: Tết 1900–2100 against published tables, and the year a day is in."""

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from banners import lunar
from banners.anniversaries import can_chi

HERE = Path(__file__).resolve().parent


def read_table(name: str) -> dict[int, date]:
    with open(HERE / name, encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {int(row["year"]): date.fromisoformat(row["tet"]) for row in rows}


VIETNAM = read_table("tet_vietnam.csv")
CHINA = read_table("tet_china.csv")

# Before 1968 Việt Nam did not compute its calendar for UTC+7; in these years the published table
# gives the Tết then observed, one day after the UTC+7 new-moon day.
OBSERVED_BEFORE_1968 = {1903, 1925, 1935, 1965}


def test_the_tables_cover_the_whole_range():
    assert sorted(VIETNAM) == list(range(1900, 2101))
    assert sorted(CHINA) == list(range(1900, 2100))


def test_tet_agrees_with_the_published_vietnamese_table_1900_2100():
    differing = {year for year, tet in VIETNAM.items() if lunar.tet(year) != tet}
    assert differing == OBSERVED_BEFORE_1968


@pytest.mark.parametrize("year", sorted(OBSERVED_BEFORE_1968))
def test_the_years_before_1968_that_differ_are_one_day_apart(year):
    assert lunar.tet(year) == VIETNAM[year] - timedelta(days=1)


@pytest.mark.parametrize("year", [1903, 1935, 1965])
def test_most_of_them_followed_the_chinese_calendar(year):
    assert lunar.tet(year, utc_offset=8) == VIETNAM[year] == CHINA[year]


def test_the_same_astronomy_at_utc_plus_8_gives_the_chinese_new_year_1900_2099():
    """An independent check of the astronomy: the Chinese calendar is computed from a modern ephemeris."""
    differing = {year for year, tet in CHINA.items() if lunar.tet(year, utc_offset=8) != tet}
    assert differing == {1916}
    # Before 1929 China computed for Beijing local mean time, 7 h 46 min ahead of UTC.
    assert lunar.tet(1916, utc_offset=7 + 46 / 60) == CHINA[1916] == date(1916, 2, 3)


def test_vietnam_and_china_differ_exactly_where_a_new_moon_falls_between_midnights():
    since_1968 = range(1968, 2100)
    computed = {year for year in since_1968 if lunar.tet(year) != lunar.tet(year, utc_offset=8)}
    published = {year for year in since_1968 if VIETNAM[year] != CHINA[year]}
    assert computed == published == {1968, 1969, 1985, 2007, 2030, 2053}


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1968, date(1968, 1, 29), date(1968, 1, 30)),  # Tết Mậu Thân
        (1985, date(1985, 1, 21), date(1985, 2, 20)),  # a whole month apart
        (2007, date(2007, 2, 17), date(2007, 2, 18)),
        (2024, date(2024, 2, 10), date(2024, 2, 10)),
        (2025, date(2025, 1, 29), date(2025, 1, 29)),
        (2026, date(2026, 2, 17), date(2026, 2, 17)),
        (2030, date(2030, 2, 2), date(2030, 2, 3)),
    ],
)
def test_well_known_tet_dates(year, vietnam, china):
    assert lunar.tet(year) == vietnam
    assert lunar.tet(year, utc_offset=8) == china


@pytest.mark.parametrize("year", range(1990, 2041))
def test_the_lunar_year_turns_on_tet(year):
    tet = VIETNAM[year]
    assert lunar.lunar_year(tet - timedelta(days=1)) == year - 1
    assert lunar.lunar_year(tet) == year
    assert lunar.lunar_year(date(year, 1, 1)) == year - 1
    assert lunar.lunar_year(date(year, 12, 31)) == year


@pytest.mark.parametrize(
    ("day", "in_force", "name"),
    [
        (date(2024, 2, 9), 2023, "Quý Mão"),
        (date(2024, 2, 10), 2024, "Giáp Thìn"),
        (date(2025, 1, 28), 2024, "Giáp Thìn"),
        (date(2025, 1, 29), 2025, "Ất Tỵ"),
        (date(2026, 1, 15), 2025, "Ất Tỵ"),
        (date(2026, 2, 17), 2026, "Bính Ngọ"),
        (date(1985, 1, 20), 1984, "Giáp Tý"),
        (date(1985, 1, 21), 1985, "Ất Sửu"),
    ],
)
def test_year_in_force_and_its_name(day, in_force, name):
    assert lunar.lunar_year(day) == in_force
    assert can_chi(lunar.lunar_year(day)) == name


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 12, 1), 2026),
        (date(2026, 1, 15), 2026),
        (date(2026, 2, 16), 2026),
        (date(2026, 2, 17), 2026),
        (date(2026, 3, 31), 2026),
        (date(2025, 2, 10), 2025),
        (date(2025, 8, 8), 2025),  # 191 days after Tết 2025, 193 before Tết 2026
        (date(2025, 8, 9), 2026),
    ],
)
def test_nearest_tet(day, year):
    assert lunar.nearest_tet_year(day) == year


def test_years_outside_the_date_range_are_refused_not_miscomputed():
    with pytest.raises(ValueError):
        lunar.tet(1)
    with pytest.raises(ValueError):
        lunar.tet(9999)
    assert lunar.tet(2) < lunar.tet(3)
    assert lunar.tet(9998).year == 9998
