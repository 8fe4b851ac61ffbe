"""The Vietnamese lunar calendar as far as the ticker needs it: when Tết falls, which lunar year a day is in.

The method is the one Hồ Ngọc Đức published for the Vietnamese calendar, built on Jean Meeus'
formulas for the mean new moon and the Sun's longitude:

* A lunar month starts on the local calendar day that holds the new moon.
* Month 11 is the month that holds the winter solstice (the Sun at 270°).
* When 13 new moons separate two months 11, the first month after month 11 in which the Sun
  enters no new 30° sign (no "major term") is the leap month, and takes the number before it.
* Tết (1 Tháng Giêng) is the second new moon after month 11, or the third when month 11 or 12
  is followed by a leap month.

"Local" matters: Việt Nam has computed its calendar for UTC+7 since 1968, China for UTC+8, so a new
moon shortly before midnight in Hà Nội falls on the next day in Beijing and the two Tết differ
(1985: 21/01 here, 20/02 there; 2007: 17/02 and 18/02).
"""

import math
from datetime import date
from functools import lru_cache

VIETNAM_UTC_OFFSET = 7
SYNODIC_MONTH = 29.530588853
# Julian day of the first new moon of 1900 (k = 0 in Meeus' numbering, 1 January 1900 ≈ 13:51 UT).
NEW_MOON_EPOCH = 2415021.076998695
# Julian Day Number of date.min (0001-01-01): date.toordinal() counts from 1 there.
_JDN_OF_ORDINAL_ZERO = 1721425
# Tết of lunar year Y lies between 21/01/Y and 20/02/Y, so Y ± 1 is needed around a day of year Y.
MIN_YEAR = date.min.year + 1
MAX_YEAR = date.max.year - 1


def _jdn(day: date) -> int:
    return day.toordinal() + _JDN_OF_ORDINAL_ZERO


def _from_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _JDN_OF_ORDINAL_ZERO)


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))


def _new_moon(k: int) -> float:
    """Julian day (UT) of new moon number `k` counted from the first one of 1900."""
    t = k / 1236.85  # Julian centuries since 1900
    t2, t3 = t * t, t * t * t
    mean = (
        2415020.75933
        + 29.53058868 * k
        + 0.0001178 * t2
        - 0.000000155 * t3
        + 0.00033 * _sin(166.56 + 132.87 * t - 0.009173 * t2)
    )
    sun_anomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    moon_anomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    correction = (
        (0.1734 - 0.000393 * t) * _sin(sun_anomaly)
        + 0.0021 * _sin(2 * sun_anomaly)
        - 0.4068 * _sin(moon_anomaly)
        + 0.0161 * _sin(2 * moon_anomaly)
        - 0.0004 * _sin(3 * moon_anomaly)
        + 0.0104 * _sin(2 * latitude)
        - 0.0051 * _sin(sun_anomaly + moon_anomaly)
        - 0.0074 * _sin(sun_anomaly - moon_anomaly)
        + 0.0004 * _sin(2 * latitude + sun_anomaly)
        - 0.0004 * _sin(2 * latitude - sun_anomaly)
        - 0.0006 * _sin(2 * latitude + moon_anomaly)
        + 0.0010 * _sin(2 * latitude - moon_anomaly)
        + 0.0005 * _sin(sun_anomaly + 2 * moon_anomaly)
    )
    # Terrestrial (dynamical) time minus universal time, in days.
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return mean + correction - delta_t


def _new_moon_day(k: int, utc_offset: float) -> int:
    """Julian Day Number of the local calendar day that holds new moon `k`."""
    return math.floor(_new_moon(k) + 0.5 + utc_offset / 24)


def _sun_longitude(jd: float) -> float:
    """The Sun's true geometric longitude in degrees, 0 ≤ λ < 360 (Meeus, low accuracy)."""
    t = (jd - 2451545.0) / 36525  # Julian centuries since J2000.0
    t2 = t * t
    mean_anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * _sin(mean_anomaly)
        + (0.019993 - 0.000101 * t) * _sin(2 * mean_anomaly)
        + 0.000290 * _sin(3 * mean_anomaly)
    )
    return (mean_longitude + centre) % 360


def _sign_at_start_of(jdn: int, utc_offset: float) -> int:
    """Which 30° sign (0–11) the Sun is in at local midnight starting day `jdn`."""
    return math.floor(_sun_longitude(jdn - 0.5 - utc_offset / 24) / 30)


def _month_11(year: int, utc_offset: float) -> tuple[int, int]:
    """New moon number and first day (JDN) of the lunar month holding the winter solstice of `year`."""
    k = math.floor((_jdn(date(year, 12, 31)) - NEW_MOON_EPOCH) / SYNODIC_MONTH)
    start = _new_moon_day(k, utc_offset)
    if _sign_at_start_of(start, utc_offset) >= 9:
        # The Sun had already passed 270° when this month began: the solstice is in the one before.
        k -= 1
        start = _new_moon_day(k, utc_offset)
    return k, start


def _has_major_term(k: int, utc_offset: float) -> bool:
    """Whether the Sun enters a new sign during the month that starts with new moon `k`."""
    return _sign_at_start_of(_new_moon_day(k, utc_offset), utc_offset) != _sign_at_start_of(
        _new_moon_day(k + 1, utc_offset), utc_offset
    )


@lru_cache(maxsize=1024)
def tet(year: int, utc_offset: float = VIETNAM_UTC_OFFSET) -> date:
    """The solar date of Tết (1 Tháng Giêng) of lunar year `year`: tet(2024) == date(2024, 2, 10)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    k11, start_11 = _month_11(year - 1, utc_offset)
    _, next_start_11 = _month_11(year, utc_offset)
    months_to_tet = 2  # month 12, then month 1
    if next_start_11 - start_11 > 365:  # 13 months: a leap month somewhere between
        leap = next(i for i in range(1, 14) if not _has_major_term(k11 + i, utc_offset))
        if leap <= 2:  # a leap 11th or 12th month comes before Tết
            months_to_tet = 3
    return _from_jdn(_new_moon_day(k11 + months_to_tet, utc_offset))


def lunar_year(day: date, utc_offset: float = VIETNAM_UTC_OFFSET) -> int:
    """The lunar year `day` belongs to, named by the solar year its Tết falls in (09/02/2024 → 2023)."""
    return day.year if day >= tet(day.year, utc_offset) else day.year - 1


def nearest_tet_year(day: date, utc_offset: float = VIETNAM_UTC_OFFSET) -> int:
    """The year of the Tết closest to `day`, coming or just past (January 2026 → 2026, December 2025 → 2026)."""
    current = lunar_year(day, utc_offset)
    if current + 1 > MAX_YEAR:
        return current
    since = (day - tet(current, utc_offset)).days
    until = (tet(current + 1, utc_offset) - day).days
    return current + 1 if until <= since else current
