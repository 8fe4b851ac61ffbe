"""The office's figures for the admin: questions per month and topic, median time to the first
answer, open questions older than LEGAL_OVERDUE_DAYS days, and a small SVG bar chart.

No charting script: the template draws the bars computed here, and the same numbers are in
a table for screen readers.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth

from congdoan.caching import SITE_ZONE

from .models import Question

MONTHS = 12
CHART_WIDTH = 640
CHART_HEIGHT = 200
CHART_TOP = 16
CHART_BOTTOM = 36
CHART_LEFT = 36


@dataclass
class Bar:
    label: str
    total: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> str:
        return f"{self.x + self.width / 2:g}"

    @property
    def box(self) -> dict:
        return {"x": f"{self.x:g}", "y": f"{self.y:g}", "width": f"{self.width:g}", "height": f"{self.height:g}"}


@dataclass
class Figures:
    months: list[date]
    topics: list[str]
    table: list[tuple[str, list[int], int]]  # topic, count per month, total
    totals: list[int]
    median_hours: float | None
    overdue: list[Question]
    overdue_days: int
    bars: list[Bar]
    chart_width: int = CHART_WIDTH
    chart_height: int = CHART_HEIGHT

    @property
    def median_text(self) -> str:
        """ "2,5 ngày" or "18 giờ", as the office speaks of it; "chưa có" without answers."""
        if self.median_hours is None:
            return "chưa có câu trả lời nào"
        if self.median_hours < 48:
            return f"{self.median_hours:.0f} giờ"
        return f"{self.median_hours / 24:.1f} ngày".replace(".", ",")


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first day of the last `count` months, oldest first, this month included."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def office_figures(*, now: datetime) -> Figures:
    """Three queries: counts by month and topic, the answer delays, the overdue questions."""
    today = now.astimezone(SITE_ZONE).date()
    months = month_starts(today)
    start = datetime(months[0].year, months[0].month, 1, tzinfo=SITE_ZONE)
    rows = (
        Question.objects.filter(submitted_at__gte=start)
        .annotate(month=TruncMonth("submitted_at", tzinfo=SITE_ZONE))
        .values("month", "topic__name")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, date], int] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        counts[(row["topic__name"], month)] = row["count"]
    topics = sorted({topic for topic, _ in counts})
    table = []
    for topic in topics:
        per_month = [counts.get((topic, month), 0) for month in months]
        table.append((topic, per_month, sum(per_month)))
    totals = [sum(counts.get((topic, month), 0) for topic in topics) for month in months]
    days = settings.LEGAL_OVERDUE_DAYS
    overdue = list(
        Question.objects.overdue(now=now, days=days).select_related("topic", "adviser").order_by("submitted_at")
    )
    return Figures(
        months=months,
        topics=topics,
        table=table,
        totals=totals,
        median_hours=Question.objects.filter(submitted_at__gte=start).median_hours_to_answer(),
        overdue=overdue,
        overdue_days=days,
        bars=_bars(months, totals),
    )


def _bars(months: list[date], totals: list[int]) -> list[Bar]:
    top = max(totals, default=0) or 1
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - CHART_LEFT) / len(months)
    bars = []
    for index, (month, total) in enumerate(zip(months, totals, strict=True)):
        height = round(plot_height * total / top, 1)
        bars.append(
            Bar(
                label=f"{month:%m/%Y}",
                total=total,
                x=round(CHART_LEFT + index * slot + slot * 0.15, 1),
                y=round(CHART_TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
            )
        )
    return bars
