"""Contest model rules: phone numbers, options, round windows, attempt and answer constraints, roles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from congdoan.caching import generation as content_version
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import activate, default_federation
from contests.models import Attempt, Option, Round, normalize_phone, validate_options
from tests.utils import give_role

from .factories import AnswerFactory, AttemptFactory, ContestantFactory, QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
T = datetime.datetime


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0387-654-321", "0387654321"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "091234567", "09123456789", "0112345678", "abc", "+1 912 345 678", "0912345x78"])
def test_malformed_phone_numbers_are_refused_in_vietnamese(raw):
    with pytest.raises(ValidationError, match="Số điện thoại không hợp lệ"):
        normalize_phone(raw)


def test_options_need_two_to_six_and_exactly_one_correct():
    validate_options([("A", True), ("B", False)])
    validate_options([(str(n), n == 3) for n in range(6)])
    with pytest.raises(ValidationError, match="từ 2 đến 6 phương án"):
        validate_options([("A", True)])
    with pytest.raises(ValidationError, match="từ 2 đến 6 phương án"):
        validate_options([(str(n), n == 0) for n in range(7)])
    with pytest.raises(ValidationError, match="đúng một đáp án đúng"):
        validate_options([("A", False), ("B", False)])
    with pytest.raises(ValidationError, match="đúng một đáp án đúng"):
        validate_options([("A", True), ("B", True), ("C", False)])
    with pytest.raises(ValidationError, match="không được trùng"):
        validate_options([("A", True), ("a ", False)])
    # Blank rows (empty admin lines) are not options.
    validate_options([("A", True), ("B", False), ("  ", True)])


def test_question_clean_checks_saved_options():
    question = QuestionFactory(options=[("Đúng", True), ("Sai", False)])
    question.full_clean()
    Option.objects.filter(question=question, is_correct=True).update(is_correct=False)
    with pytest.raises(ValidationError, match="đúng một đáp án đúng"):
        question.full_clean()


def test_database_refuses_two_correct_options():
    question = QuestionFactory(options=[("Đúng", True), ("Sai", False)])
    with pytest.raises(IntegrityError), transaction.atomic():
        Option.objects.create(question=question, text="Cũng đúng", is_correct=True)


def test_round_windows():
    round_ = RoundFactory()
    before, during, after = T(2023, 10, 31, tzinfo=UTC), T(2023, 11, 2, tzinfo=UTC), T(2023, 11, 8, 1, tzinfo=UTC)
    assert list(Round.objects.open(during)) == [round_]
    assert not Round.objects.open(before).exists() and not Round.objects.open(after).exists()
    assert list(Round.objects.upcoming(before)) == [round_]
    # The end moment belongs to "closed": results may show from then on.
    assert list(Round.objects.closed(after)) == [round_]
    assert round_.is_open(during) and round_.is_upcoming(before) and round_.is_closed(after)


def test_round_must_end_after_it_starts():
    round_ = RoundFactory.build(ends_at=T(2023, 11, 1, tzinfo=UTC), starts_at=T(2023, 11, 1, tzinfo=UTC))
    with pytest.raises(ValidationError, match="kết thúc phải sau"):
        round_.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundFactory(ends_at=T(2023, 11, 1, tzinfo=UTC), starts_at=T(2023, 11, 1, tzinfo=UTC))


def test_attempt_numbers_are_unique_per_contestant_and_round():
    attempt = AttemptFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttemptFactory(contestant=attempt.contestant, round=attempt.round, number=1)
    AttemptFactory(contestant=attempt.contestant, round=attempt.round, number=2)


@pytest.mark.parametrize("number", [0, 3])
def test_database_refuses_attempts_beyond_the_limit(number):
    attempt = AttemptFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttemptFactory(contestant=attempt.contestant, round=attempt.round, number=number, attempts_allowed=2)


def test_one_answer_per_question_and_attempt():
    answer = AnswerFactory(option=QuestionFactory().options.first())
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(attempt=answer.attempt, option=answer.option)


def test_answer_clean_refuses_option_of_another_question():
    answer = AnswerFactory.build(
        attempt=AttemptFactory(), question=QuestionFactory(), option=QuestionFactory().options.first()
    )
    with pytest.raises(ValidationError, match="không thuộc câu hỏi"):
        answer.clean()


def test_active_and_expired_attempts():
    started = T(2023, 11, 2, 3, 0, tzinfo=UTC)
    attempt = AttemptFactory(started_at=started)  # deadline 03:20
    assert list(Attempt.objects.active(started + datetime.timedelta(minutes=19))) == [attempt]
    assert not Attempt.objects.active(started + datetime.timedelta(minutes=20)).exists()
    # Within the 30 s grace it is neither active nor expired: late saves may still land.
    assert not Attempt.objects.expired(started + datetime.timedelta(minutes=20, seconds=30)).exists()
    assert list(Attempt.objects.expired(started + datetime.timedelta(minutes=20, seconds=31))) == [attempt]
    attempt.submitted_at = started
    attempt.save()
    assert not Attempt.objects.expired(started + datetime.timedelta(hours=1)).exists()


def test_contestant_clean_normalises_phone_and_refuses_future_birth(now):
    contestant = ContestantFactory.build(phone="+84 912 345 678", date_of_birth=datetime.date(2030, 1, 1))
    with pytest.raises(ValidationError) as error:
        contestant.clean()
    assert "date_of_birth" in error.value.message_dict
    assert contestant.phone == "0912345678"


def test_phone_is_unique_within_a_contest(contestant):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContestantFactory(contest=contestant.contest, phone=contestant.phone, user=None)
    ContestantFactory(phone=contestant.phone)  # another contest


def test_editors_may_organise_contests_writers_may_not(django_user_model):
    editor = django_user_model.objects.create_user("bt", password="x", is_staff=True)
    writer = django_user_model.objects.create_user("pv", password="x", is_staff=True)
    give_role(editor, EDITOR_GROUP)
    give_role(writer, WRITER_GROUP)
    with activate(default_federation()):  # a role counts on its federation's site
        for codename in (
            "add_question",
            "change_round",
            "view_attempt",
            "change_attempt",
            "add_unit",
            "change_contest",
        ):
            assert editor.has_perm(f"contests.{codename}")
            assert not writer.has_perm(f"contests.{codename}")


def test_answers_do_not_bump_the_page_cache_but_rounds_do(settings, open_round, contestant):
    version = content_version()
    attempt = AttemptFactory(contestant=contestant, round=open_round)
    AnswerFactory(attempt=attempt, option=open_round.questions.first().options.first())
    assert content_version() == version
    open_round.name = "Đợt 1 (tuần đầu)"
    open_round.save()
    assert content_version() != version
