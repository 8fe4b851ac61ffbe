"""The campaign's figures come from the contest: today's report and unit rows, rewritten on each run."""

import pytest
from django.core.management import call_command

from campaigns.models import ProgressReport
from contests.figures import NOTE, record_campaign_figures

from .factories import AttemptFactory, ContestantFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_figures_written_to_the_campaign_and_rewritten_the_same_day(now, contest, open_round, contestant):
    AttemptFactory(contestant=contestant, round=open_round, submitted_at=now.now, score=3)
    same_name = UnitFactory(name="Công đoàn Trường THPT Ba Bể", group__name="LĐLĐ huyện Chợ Đồn")
    ContestantFactory(contest=contest, unit=same_name)
    report = record_campaign_figures(contest=contest)
    assert (report.registrations, report.attempts, report.note) == (2, 1, NOTE)
    rows = sorted(report.unit_figures.values_list("unit", "registrations", "attempts"))
    assert rows == [
        ("Công đoàn Trường THPT Ba Bể – LĐLĐ huyện Ba Bể", 1, 1),
        ("Công đoàn Trường THPT Ba Bể – LĐLĐ huyện Chợ Đồn", 1, 0),
    ]
    ContestantFactory(contest=contest, unit=same_name)
    again = record_campaign_figures(contest=contest)
    assert again.pk == report.pk and again.registrations == 3
    assert ProgressReport.objects.filter(campaign=contest.campaign).count() == 1
    assert again.unit_figures.count() == 2


def test_command_and_admin_action(client, editor, now, contest, open_round, contestant, capsys):
    call_command("record_contest_figures")
    assert "Tính đến ngày 02/11/2023: 1 người đăng ký, 0 lượt dự thi" in capsys.readouterr().out
    client.force_login(editor)
    response = client.post(
        "/admin/contests/contest/",
        {"action": "record_figures", "_selected_action": [contest.pk]},
        follow=True,
    )
    assert "Tính đến ngày 02/11/2023" in response.content.decode()
    assert ProgressReport.objects.filter(campaign=contest.campaign).count() == 1
