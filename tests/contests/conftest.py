import datetime

import pytest
import time_machine

from tests.utils import give_role

from .factories import ContestantFactory, ContestFactory, QuestionFactory, RoundFactory, UnitFactory

UTC = datetime.UTC
# 02/11/2023 at 10:00 in Hà Nội: round 1 (01/11 08:00 – 08/11 08:00) is open.
NOW = datetime.datetime(2023, 11, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        traveller.now = NOW
        yield traveller


@pytest.fixture
def contest(db):
    return ContestFactory(campaign__slug="cuoc-thi-phap-luat", slug="phap-luat-2023")


@pytest.fixture
def open_round(contest):
    """Open round: 3 questions per attempt from a bank of 5, 2 attempts, 20 minutes."""
    round_ = RoundFactory(contest=contest, order=1, name="Đợt 1")
    for _ in range(5):
        QuestionFactory(round=round_)
    return round_


@pytest.fixture
def unit(db):
    return UnitFactory(name="Công đoàn Trường THPT Ba Bể", group__name="LĐLĐ huyện Ba Bể")


@pytest.fixture
def contestant(contest, unit):
    return ContestantFactory(contest=contest, unit=unit, full_name="Nguyễn Thị Hoa", phone="0912345678")


@pytest.fixture
def editor(django_user_model):

    from congdoan.roles import EDITOR_GROUP

    user = django_user_model.objects.create_user("bientap-thi", password="x", is_staff=True)
    give_role(user, EDITOR_GROUP)
    return user


@pytest.fixture
def writer(django_user_model):

    from congdoan.roles import WRITER_GROUP

    user = django_user_model.objects.create_user("phongvien-thi", password="x", is_staff=True)
    give_role(user, WRITER_GROUP)
    return user
