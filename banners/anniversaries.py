"""Pure date arithmetic for the ticker: anniversaries, their wording, slogan placeholders.

Rules (see issue 4):

* The anniversary of an origin date in year Y is the same day and month in Y; an origin
  on 29/02 is celebrated on 28/02 in common years.
* Its count is Y − origin year. Counts of 0 or less are never shown; with `every=N` only
  counts that are multiples of N are shown.
* By default an anniversary is shown for the whole calendar month it falls in, as union editors
  set the ticker once a month; one that falls on the 1st of a month also runs through the whole
  month before (otherwise it would be announced only on its own day). Last month's items are gone
  on the 1st.
* An item may instead set its own window: anniversary A is shown on day D when
  A − days_before ≤ D ≤ A + days_after. Each side is at most 180 days, so an item has at most
  one anniversary in its window.
* Slogans may hold `{nam}` (the solar year of the day), `{can_chi}` (the name of the lunar year in
  force that day, by the Vietnamese calendar: 09/02/2024 is still Quý Mão) and `{nam_tet}` /
  `{can_chi_tet}` (the year of the Tết nearest to the day, coming or just past: a greeting that
  runs from December to March names the Tết it greets).
* The text is exactly `{prefix} {count} năm {event} ({origin dd/mm/yyyy} - {anniversary dd/mm/yyyy})`
  with the prefix "Kỷ niệm" by default and the event kept exactly as entered.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import lunar

DEFAULT_PREFIX = "Kỷ niệm"
MAX_WINDOW_DAYS = 180
EVERY_CHOICES = (1, 5, 10)

HEAVENLY_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
EARTHLY_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


@dataclass(frozen=True)
class Anniversary:
    count: int
    date: date


def format_day(day: date) -> str:
    """dd/mm/yyyy, always zero-padded (also for years before 1000)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def anniversary_in_year(origin: date, year: int) -> date:
    """The day `origin` is celebrated in `year`: 29/02 falls back to 28/02 in common years."""
    try:
        return origin.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def shown_in_month(day: date, anniversary: date) -> bool:
    """The monthly rule: `anniversary`'s own calendar month, and the month before when it falls on the 1st."""
    if (day.year, day.month) == (anniversary.year, anniversary.month):
        return True
    if anniversary.day != 1 or anniversary == date.min:
        return False
    eve = anniversary - timedelta(days=1)
    return (day.year, day.month) == (eve.year, eve.month)


def anniversary_near(
    day: date,
    origin: date,
    *,
    every: int = 1,
    days_before: int | None = None,
    days_after: int | None = None,
) -> Anniversary | None:
    """The anniversary of `origin` shown on `day`, if any.

    With no window (both None) the monthly rule applies; otherwise the window of days around it.
    """
    if every < 1:
        raise ValueError("every must be at least 1")
    if (days_before is None) != (days_after is None):
        raise ValueError("days_before and days_after are given together or not at all")
    if days_before is not None:
        days_before = min(max(days_before, 0), MAX_WINDOW_DAYS)
        days_after = min(max(days_after, 0), MAX_WINDOW_DAYS)
    for year in (day.year - 1, day.year, day.year + 1):
        if not 1 <= year <= date.max.year:
            continue
        count = year - origin.year
        if count <= 0 or count % every:
            continue
        when = anniversary_in_year(origin, year)
        if days_before is None:
            shown = shown_in_month(day, when)
        else:
            shown = when - timedelta(days=days_before) <= day <= when + timedelta(days=days_after)
        if shown:
            return Anniversary(count=count, date=when)
    return None


def commemoration_text(*, event: str, origin: date, anniversary: Anniversary, prefix: str = DEFAULT_PREFIX) -> str:
    prefix = (prefix or "").strip() or DEFAULT_PREFIX
    return f"{prefix} {anniversary.count} năm {event.strip()} ({format_day(origin)} - {format_day(anniversary.date)})"


def can_chi(year: int) -> str:
    """The year's name in the sexagenary cycle: 2024 → "Giáp Thìn", 2025 → "Ất Tỵ"."""
    return f"{HEAVENLY_STEMS[(year - 4) % 10]} {EARTHLY_BRANCHES[(year - 4) % 12]}"


_PLACEHOLDER = re.compile(r"\{(nam|can_chi|nam_tet|can_chi_tet)\}")


def lunar_years(day: date) -> tuple[int, int]:
    """The lunar year in force on `day` and the year of the Tết nearest to it (both named by solar year).

    Outside the years the lunar calendar can be computed for, both are the solar year.
    """
    if not lunar.MIN_YEAR < day.year < lunar.MAX_YEAR:
        return day.year, day.year
    return lunar.lunar_year(day), lunar.nearest_tet_year(day)


def render_slogan(text: str, day: date) -> str:
    """Fill `{nam}`, `{can_chi}`, `{nam_tet}` and `{can_chi_tet}` for `day`; any other braces stay as typed."""
    if not _PLACEHOLDER.search(text):
        return text
    in_force, tet_year = lunar_years(day)
    values = {
        "nam": str(day.year),
        "can_chi": can_chi(in_force),
        "nam_tet": str(tet_year),
        "can_chi_tet": can_chi(tet_year),
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def parse_day(value: str | None) -> date | None:
    """A date typed as YYYY-MM-DD or dd/mm/yyyy (or d/m/yyyy); None when it is not one."""
    if not value:
        return None
    value = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
