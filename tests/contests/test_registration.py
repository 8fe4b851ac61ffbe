"""Registering a contestant: one service (contests.services.register_contestant) behind the form."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from contests.models import Contest, Contestant
from contests.services import PHONE_TAKEN, ContestError, register_contestant

from .conftest import NOW
from .factories import ContestFactory, UnitFactory

pytestmark = pytest.mark.django_db


def register(contest, unit, **changes):
    data = {
        "contest": contest,
        "full_name": " Hoàng Văn Nam ",
        "phone": "+84 387 654 321",
        "password": "thi-tot-nhe-2023",
        "date_of_birth": datetime.date(1990, 5, 17),
        "unit": unit,
        "email": "nam@example.org",
        "now": NOW,
    }
    data.update(changes)
    return register_contestant(**data)


def test_registration_creates_the_contestant_and_a_non_staff_login(contest, unit):
    contestant = register(contest, unit)
    assert (contestant.full_name, contestant.phone, contestant.email, contestant.consented_at) == (
        "Hoàng Văn Nam",
        "0387654321",
        "nam@example.org",
        NOW,
    )
    user = contestant.user
    assert user.username == f"thisinh-{contest.pk}-0387654321"
    assert (user.first_name, user.is_staff, user.is_superuser) == ("Hoàng Văn Nam", False, False)
    assert user.check_password("thi-tot-nhe-2023")


@pytest.mark.parametrize(
    ("changes", "code", "field", "message"),
    [
        (
            {"phone": "12345"},
            "invalid",
            "phone",
            "Số điện thoại không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, "
            "07, 08 hoặc 09 (có thể viết +84 thay cho số 0 đầu).",
        ),
        ({"full_name": "  "}, "invalid", "full_name", "Hãy nhập họ và tên."),
        (
            {"date_of_birth": datetime.date(2023, 11, 3)},
            "invalid",
            "date_of_birth",
            "Ngày sinh không được ở tương lai.",
        ),
    ],
)
def test_invalid_details_are_refused_before_anything_is_written(contest, unit, changes, code, field, message):
    with pytest.raises(ContestError) as refused:
        register(contest, unit, **changes)
    assert (refused.value.code, refused.value.field, refused.value.message) == (code, field, message)
    assert not Contestant.objects.exists() and not get_user_model().objects.exists()


def test_an_inactive_unit_or_a_closed_contest_is_refused(contest, unit):
    hidden = UnitFactory(is_active=False)
    with pytest.raises(ContestError) as refused:
        register(contest, hidden)
    assert (refused.value.field, refused.value.message) == ("unit", "Hãy chọn một đơn vị trong danh sách.")
    contest.is_open_for_registration = False
    with pytest.raises(ContestError) as refused:
        register(contest, unit)
    assert (refused.value.code, refused.value.message) == ("registration_closed", "Cuộc thi đã ngừng nhận đăng ký.")
    assert not Contestant.objects.exists()


def test_a_phone_registers_once_per_contest_in_any_writing(contest, unit):
    register(contest, unit, phone="0387654321")
    for writing in ("+84 387 654 321", "84387654321", "0387.654.321"):
        with pytest.raises(ContestError) as refused:
            register(contest, unit, phone=writing)
        assert (refused.value.code, refused.value.field, refused.value.message) == ("phone_taken", "phone", PHONE_TAKEN)
    other = ContestFactory()
    assert register(other, unit, phone="0387654321").contest == other
    assert Contestant.objects.count() == 2


def test_a_login_left_without_its_contestant_is_refused_and_rolled_back(contest, unit):
    """The unique username catches what the pre-check cannot see (a racing registration):
    the refusal is the same message, and no half-registration is left behind."""
    get_user_model().objects.create_user(f"thisinh-{contest.pk}-0387654321", password="x")
    with pytest.raises(ContestError) as refused:
        register(contest, unit)
    assert refused.value.message == PHONE_TAKEN
    assert not Contestant.objects.exists() and get_user_model().objects.count() == 1


def test_published_contests_are_those_of_published_campaigns(contest):
    hidden = ContestFactory(campaign__is_published=False)
    assert list(Contest.objects.published()) == [contest]
    assert contest.is_published and not hidden.is_published
