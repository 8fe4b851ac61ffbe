import io
import re

import pytest
from django.core.management import call_command

from contests.models import Contest, Option, Question, Unit
from contests.services import start_attempt

from .factories import ContestantFactory

pytestmark = pytest.mark.django_db


def test_demo_contest_is_loaded_once_and_can_be_taken(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    contest = Contest.objects.get(network_wide=False)
    assert contest.campaign.kind.slug == "cuoc-thi"
    round_ = contest.rounds.get()
    assert round_.is_open()
    assert Question.objects.filter(round=round_).count() == 8
    for question in Question.objects.filter(round=round_):
        question.full_clean()
        assert Option.objects.filter(question=question, is_correct=True).count() == 1
    assert Unit.objects.filter(federation=contest.federation).count() == 6
    contestant = ContestantFactory(contest=contest, unit=Unit.objects.filter(federation=contest.federation).first())
    assert start_attempt(contestant=contestant, round=round_).created
    assert client.get(contest.get_absolute_url()).status_code == 200


def test_demo_network_contest_takes_thai_nguyen_and_son_la_contestants(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    contest = Contest.objects.get(network_wide=True)
    assert (contest.federation.code, contest.slug, contest.is_published) == (
        "tld",
        "tim-hieu-luat-cong-doan-2024",
        True,
    )
    assert contest.rounds.get().is_open()
    page = client.get("/cuoc-thi/tim-hieu-luat-cong-doan-2024/dang-ky/", HTTP_HOST="congdoan.localhost")
    assert re.findall(r'<option value="([a-z]+)">', page.content.decode()) == ["sonla", "thainguyen"]
    for code, first_unit in (("sonla", "LĐLĐ thành phố Sơn La – Khối huyện, thành phố"), ("thainguyen", None)):
        html = client.get(
            f"/cuoc-thi/tim-hieu-luat-cong-doan-2024/dang-ky/?lien_doan={code}", HTTP_HOST="congdoan.localhost"
        ).content.decode()
        labels = re.findall(r'<option value="\d+">([^<]*)</option>', html)
        assert len(labels) == (5 if code == "sonla" else 6)
        if first_unit:
            assert labels[0] == first_unit
    listing = client.get("/phong-trao/", HTTP_HOST="thainguyen.localhost").content.decode()
    assert (
        '<a href="http://congdoan.localhost/cuoc-thi/tim-hieu-luat-cong-doan-2024/dang-ky/?lien_doan=thainguyen">'
        "Đăng ký dự thi</a>" in listing
    )
