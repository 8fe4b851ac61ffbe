import datetime
import io

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Status
from congdoan.caching import site_today as local_today
from congdoan.models import Federation
from congdoan.tenancy import activate
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_three_campaigns_once_with_the_right_shapes():
    article = ArticleFactory(title="Sôi nổi cuộc thi tìm hiểu pháp luật", slug="soi-noi-cuoc-thi-tim-hieu-phap-luat")
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    # Thái Nguyên's (the national union's demo has its own network-wide contest, contests/demo.py).
    with activate(Federation.objects.get(code="thainguyen")):
        _check_main_federations_campaigns(article)


def _check_main_federations_campaigns(article):
    assert Campaign.objects.count() == 3
    today = local_today()
    contest = Campaign.objects.get(kind__slug="cuoc-thi")
    assert contest.status(today) == Status.ONGOING
    assert contest.phases.count() == 2
    assert contest.current_phase(today).label == "Đợt 1"
    assert contest.reports.count() == 3
    assert contest.latest_report().unit_figures.count() == 6
    assert contest.cover_width == 1200 and contest.cover_height == 675
    assert article in contest.related_articles.all()
    movement = Campaign.objects.get(kind__slug="phong-trao-thi-dua")
    assert movement.start_date == datetime.date(today.year, 1, 1)
    assert movement.end_date == datetime.date(today.year, 12, 31)
    assert movement.phases.count() == 2
    drive = Campaign.objects.get(kind__slug="dot-tuyen-truyen")
    assert drive.status(today) == Status.ENDED
    assert drive.phases.count() == 4
    for campaign in Campaign.objects.all():
        for phase in campaign.phases.all():
            phase.full_clean()
