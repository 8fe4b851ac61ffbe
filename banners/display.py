"""The ticker and the header slides for a day: built from the models, cached per generation
and day (congdoan.caching): an edit shows at once, and the next day's key is simply new."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string

from congdoan.caching import cached_html, site_today
from congdoan.tenancy import everywhere, this_federation

from .anniversaries import format_day, parse_day
from .models import Commemoration, Slide, Slogan, TickerSettings

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


def build_ticker(day: date) -> Ticker:
    """Heading, then commemorations by anniversary date, then slogans in their order (3 queries)."""
    heading = TickerSettings.current().heading.strip()
    commemorations = everywhere(Commemoration).shown_in(this_federation())
    items = [occurrence.text for occurrence in commemorations.occurrences_on(day)]
    items += [slogan.text_on(day) for slogan in Slogan.objects.active_on(day)]
    items = [item.strip() for item in items if item.strip()]
    return Ticker(day=day, heading=heading, items=items)


def slides_on(day: date) -> list[Slide]:
    return list(Slide.objects.active_on(day))


# What the ticker and the slides show: this app's rows and the federations' (national or not):
# a news edit leaves them cached (congdoan.caching.app_generation).
SHOWN_APPS = ("banners", "congdoan")


def ticker_html(day: date) -> str:
    return cached_html(
        "ticker", [day.isoformat()], lambda: render_to_string("banners/ticker.html", {"ticker": build_ticker(day)}),
        apps=SHOWN_APPS,
    )  # fmt: skip


def slides_html(day: date) -> str:
    def render():
        interval = settings.BANNERS_SLIDE_INTERVAL_MS
        return render_to_string("banners/slides.html", {"slides": slides_on(day), "interval": interval})

    return cached_html("slides", [day.isoformat()], render, apps=SHOWN_APPS)


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
    today = site_today()
    if request is None:
        return ShownDay(day=today)
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
    return result
