import datetime

from campaigns.charts import figures_chart, nice_ceiling
from campaigns.models import ProgressReport

D = datetime.date


def report(day, registrations, attempts=None):
    return ProgressReport(as_of=day, registrations=registrations, attempts=attempts)


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 1, 7, 10, 11, 4155, 6459, 20001)] == [1, 1, 10, 10, 20, 5000, 10000, 50000]


def test_chart_points_scale_with_dates_and_values():
    chart = figures_chart(
        [report(D(2023, 11, 23), 4000), report(D(2023, 11, 3), 0), report(D(2023, 11, 13), 2000)],
        registrations_label="người đăng ký",
        attempts_label="lượt dự thi",
    )
    (series,) = chart.series  # no attempts at all: one line only
    assert series.label == "người đăng ký"
    # Oldest first; x spreads over 64→624 by days, y over 236 (0) → 16 (axis top 5.000).
    assert series.polyline == "64,236 344,148 624,60"
    assert [tick.text for tick in chart.y_ticks] == ["0", "1.250", "2.500", "3.750", "5.000"]
    assert [(label.text, label.anchor) for label in chart.x_labels] == [
        ("03/11", "start"),
        ("13/11", "middle"),
        ("23/11", "end"),
    ]
    assert chart.description.endswith("Mới nhất: 4.000 người đăng ký.")


def test_no_chart_without_reports_or_figures():
    labels = {"registrations_label": "a", "attempts_label": "b"}
    assert figures_chart([], **labels) is None
    assert figures_chart([report(D(2023, 1, 1), None)], **labels) is None
