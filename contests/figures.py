"""The campaign's running figures, taken from its contest instead of typed in by hand.

`record_campaign_figures` writes (or rewrites) today's campaigns.ProgressReport of the contest's
campaign, with one UnitFigure per union unit, from the contestants and finished attempts. The
campaign page, its chart and its unit table then show them like any report. Run it from cron
(`manage.py record_contest_figures`, e.g. hourly) or with the admin action on contests: it bumps
the content version once per run, not once per answer.
"""

from django.db import transaction

from campaigns.models import ProgressReport, UnitFigure
from congdoan.caching import site_today

from .models import Contest
from .results import _counts

NOTE = "Số liệu tự động từ trang dự thi trực tuyến."
UNIT_LABEL_MAX = UnitFigure._meta.get_field("unit").max_length


def _unit_labels(rows: list[dict]) -> list[str]:
    """Unit names, with the group added where two units share a name, cut to the field's length."""
    names = [row["unit"] for row in rows]
    labels = []
    for row in rows:
        label = row["unit"]
        if names.count(label) > 1 and row["group"]:
            label = f"{label} – {row['group']}"
        labels.append(label[:UNIT_LABEL_MAX])
    return labels


def record_campaign_figures(*, contest: Contest, day=None) -> ProgressReport:
    day = day or site_today()
    counts = _counts(contest)
    with transaction.atomic():
        report, _ = ProgressReport.objects.update_or_create(
            campaign=contest.campaign,
            as_of=day,
            defaults={"registrations": counts["registered"], "attempts": counts["entries"], "note": NOTE},
        )
        report.unit_figures.all().delete()
        UnitFigure.objects.bulk_create(
            UnitFigure(report=report, unit=label, registrations=row["registered"], attempts=row["entries"])
            for label, row in zip(_unit_labels(counts["by_unit"]), counts["by_unit"], strict=True)
        )
    return report
