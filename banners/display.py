"""The ticker and the header slides for a day: built from the models, cached per day.

The cache key holds the day and a version that every save or delete of a slide,
slogan, commemoration or the ticker settings replaces (see `signals.py`): an edit
shows at once, and at midnight in Asia/Ho_Chi_Minh the next day's key is simply new.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from .anniversaries import format_day, parse_day
from .models import Commemoration, Slide, Slogan, TickerSettings

VERSION_KEY = "banners:version"
CACHE_SECONDS = 60 * 60 * 26
DAY_PARAMETER = "ngay"
# About 8 characters a second; the animation length is picked from these steps
# (there are matching `.ticker--dN` rules in site.css: no inline styles under the CSP).
DURATION_STEPS = (20, 30, 45, 60, 90, 120, 150, 180, 240, 300, 400)
CHARS_PER_SECOND = 8


@dataclass(frozen=True)
class Ticker:
    day: date
    heading: str
    items: list[str] = field(default_factory=list)

    @property
    def duration(self) -> int:
        chars = sum(len(item) + 5 for item in self.items)
        seconds = chars / CHARS_PER_SECOND
        return next((step for step in DURATION_STEPS if step >= seconds), DURATION_STEPS[-1])


def cache_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def bump_version() -> None:
    # Random, not clock-based: two edits in the same instant still give two versions.
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def build_ticker(day: date) -> Ticker:
    """Heading, then commemorations by anniversary date, then slogans in their order (3 queries)."""
    heading = TickerSettings.current().heading.strip()
    items = [occurrence.text for occurrence in Commemoration.objects.occurrences_on(day)]
    items += [slogan.text_on(day) for slogan in Slogan.objects.active_on(day)]
    items = [item.strip() for item in items if item.strip()]
    return Ticker(day=day, heading=heading, items=items)


def slides_on(day: date) -> list[Slide]:
    return list(Slide.objects.active_on(day))


def _cached(kind: str, day: date, render) -> str:
    key = f"banners:{kind}:{cache_version()}:{day.isoformat()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, CACHE_SECONDS)
    return html


def ticker_html(day: date) -> str:
    return _cached("ticker", day, lambda: render_to_string("banners/ticker.html", {"ticker": build_ticker(day)}))


def slides_html(day: date) -> str:
    def render():
        interval = settings.BANNERS_SLIDE_INTERVAL_MS
        return render_to_string("banners/slides.html", {"slides": slides_on(day), "interval": interval})

    return _cached("slides", day, render)


@dataclass(frozen=True)
class ShownDay:
    day: date
    requested: str = ""
    is_preview: bool = False
    error: str = ""


def shown_day(request) -> ShownDay:
    """Today in Asia/Ho_Chi_Minh, or for staff the day asked for with `?ngay=`.

    Anonymous readers' `?ngay=` is ignored (and costs no query). A bad value from
    staff falls back to today with a message saying why.
    """
    today = timezone.localdate()
    if request is None:
        return ShownDay(day=today)
    found = getattr(request, "_banners_shown_day", None)
    if found is not None:
        return found
    raw = request.GET.get(DAY_PARAMETER, "")
    result = ShownDay(day=today)
    if raw and getattr(getattr(request, "user", None), "is_staff", False):
        day = parse_day(raw)
        if day is None:
            result = ShownDay(
                day=today,
                requested=raw[:40],
                error=(
                    f"Ngày “{raw[:40]}” không hợp lệ, đang hiển thị hôm nay ({format_day(today)}). "
                    "Hãy nhập dạng 2024-05-01 hoặc 01/05/2024."
                ),
            )
        else:
            result = ShownDay(day=day, requested=raw, is_preview=True)
    request._banners_shown_day = result
    return result
