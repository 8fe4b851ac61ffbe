import io

import pytest
from django.core.management import call_command

from contests.models import Contest, Option, Question, Unit
from contests.services import start_attempt

from .factories import ContestantFactory

pytestmark = pytest.mark.django_db


def test_demo_contest_is_loaded_once_and_can_be_taken(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    contest = Contest.objects.get()
    assert contest.campaign.kind.slug == "cuoc-thi"
    round_ = contest.rounds.get()
    assert round_.is_open()
    assert Question.objects.count() == 8
    for question in Question.objects.all():
        question.full_clean()
        assert Option.objects.filter(question=question, is_correct=True).count() == 1
    assert Unit.objects.count() == 6
    contestant = ContestantFactory(contest=contest, unit=Unit.objects.first())
    assert start_attempt(contestant=contestant, round=round_).created
    assert client.get(contest.get_absolute_url()).status_code == 200
