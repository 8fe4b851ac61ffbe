"""A small line chart of a campaign's figures over time, drawn as SVG on the server.

No charting JavaScript: the template draws what `figures_chart` computes, and the
same numbers are given as a table for screen readers and for readers without SVG.
"""

import math
from dataclasses import dataclass, field

from .models import grouped

WIDTH = 640
HEIGHT = 280
LEFT = 64
RIGHT = 16
TOP = 16
BOTTOM = 44


@dataclass
class Point:
    x: float
    y: float
    value: int
    date_text: str

    @property
    def cx(self) -> str:
        return f"{self.x:g}"

    @property
    def cy(self) -> str:
        return f"{self.y:g}"

    @property
    def label(self) -> str:
        return f"{self.date_text}: {grouped(self.value)}"


@dataclass
class Series:
    key: str
    label: str
    css_class: str
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:g},{point.y:g}" for point in self.points)


@dataclass
class Tick:
    y: float
    text: str

    @property
    def y_text(self) -> str:
        return f"{self.y:g}"


@dataclass
class XLabel:
    x: float
    text: str
    anchor: str = "middle"

    @property
    def x_text(self) -> str:
        return f"{self.x:g}"


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    y_ticks: list[Tick]
    x_labels: list[XLabel]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    description: str


def nice_ceiling(value: int) -> int:
    """The smallest 1/2/5×10ⁿ at or above `value` (at least 1), for a round top of the axis."""
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent  # pragma: no cover


def figures_chart(reports, *, registrations_label: str, attempts_label: str) -> Chart | None:
    """Chart of the reports (oldest first), or None when there is nothing to draw."""
    reports = sorted(reports, key=lambda report: report.as_of)
    if not reports:
        return None
    keys = [
        ("registrations", registrations_label, "chart-line--registrations"),
        ("attempts", attempts_label, "chart-line--attempts"),
    ]
    keys = [key for key in keys if any(getattr(report, key[0]) is not None for report in reports)]
    if not keys:
        return None
    top_value = nice_ceiling(max(getattr(r, key) or 0 for r in reports for key, _, _ in keys))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    first_day = reports[0].as_of
    span = (reports[-1].as_of - first_day).days

    def x_of(day) -> float:
        if span == 0:
            return round(LEFT + plot_width / 2, 1)
        return round(LEFT + plot_width * (day - first_day).days / span, 1)

    def y_of(value) -> float:
        return round(TOP + plot_height * (1 - value / top_value), 1)

    series = []
    for key, label, css_class in keys:
        line = Series(key=key, label=label, css_class=css_class)
        for report in reports:
            value = getattr(report, key)
            if value is not None:
                line.points.append(Point(x_of(report.as_of), y_of(value), value, f"{report.as_of:%d/%m/%Y}"))
        series.append(line)

    ticks = [Tick(y_of(top_value * step / 4), grouped(int(top_value * step / 4))) for step in range(5)]
    # At most four date labels under the axis so they never overlap on a phone.
    labelled = reports if len(reports) <= 4 else [reports[round(i * (len(reports) - 1) / 3)] for i in range(4)]
    x_labels = [XLabel(x_of(report.as_of), f"{report.as_of:%d/%m}") for report in labelled]
    if len(x_labels) > 1:
        # The first and last dates sit on the plot's edges: keep their text inside the picture.
        x_labels[0].anchor, x_labels[-1].anchor = "start", "end"

    last = reports[-1]
    latest = ", ".join(
        f"{grouped(getattr(last, key))} {label}" for key, label, _ in keys if getattr(last, key) is not None
    )
    description = (
        f"Số liệu của {len(reports)} lần cập nhật, từ ngày {first_day:%d/%m/%Y} đến ngày {last.as_of:%d/%m/%Y}. "
        f"Mới nhất: {latest}."
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        series=series,
        y_ticks=ticks,
        x_labels=x_labels,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        description=description,
    )
