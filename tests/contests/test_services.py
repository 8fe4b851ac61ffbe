"""Taking attempts: drawing, limits, timing with frozen time, idempotent saving and submitting."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from contests.models import Answer, Attempt, AttemptQuestion
from contests.services import ContestError, close_expired_attempts, save_answer, start_attempt, submit_attempt

from .conftest import NOW
from .factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def correct_option(question_id):
    return Answer._meta.get_field("option").related_model.objects.get(question_id=question_id, is_correct=True)


def wrong_option(question_id):
    return Answer._meta.get_field("option").related_model.objects.filter(question_id=question_id, is_correct=False)[0]


def test_start_draws_questions_with_shuffled_options(now, open_round, contestant):
    started = start_attempt(contestant=contestant, round=open_round, now=NOW)
    attempt = started.attempt
    assert started.created and attempt.number == 1 and attempt.attempts_allowed == 2
    assert attempt.deadline == NOW + 20 * MINUTE
    drawn = list(AttemptQuestion.objects.filter(attempt=attempt))
    assert [item.position for item in drawn] == [1, 2, 3]
    assert len({item.question_id for item in drawn}) == 3
    for item in drawn:
        options = set(item.question.options.values_list("pk", flat=True))
        assert set(item.option_order) == options


def test_draws_differ_between_attempts(now, contest, contestant):
    round_ = RoundFactory(contest=contest, questions_per_attempt=5, attempts_allowed=30)
    for _ in range(12):
        QuestionFactory(round=round_)
    orders = set()
    for number in range(1, 6):
        attempt = start_attempt(contestant=contestant, round=round_, now=NOW + number * 30 * MINUTE).attempt
        orders.add(tuple(AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", flat=True)))
    assert len(orders) > 1


def test_deadline_never_passes_the_round_end(open_round, contestant):
    late = open_round.ends_at - 5 * MINUTE
    attempt = start_attempt(contestant=contestant, round=open_round, now=late).attempt
    assert attempt.deadline == open_round.ends_at


def test_starting_again_resumes_the_running_attempt(open_round, contestant):
    first = start_attempt(contestant=contestant, round=open_round, now=NOW)
    again = start_attempt(contestant=contestant, round=open_round, now=NOW + MINUTE)
    assert not again.created and again.attempt.pk == first.attempt.pk
    assert Attempt.objects.count() == 1


def test_attempt_limit_per_round(open_round, contestant):
    for number in (1, 2):
        attempt = start_attempt(contestant=contestant, round=open_round, now=NOW + number * 30 * MINUTE).attempt
        submit_attempt(attempt=attempt, now=attempt.started_at + MINUTE)
    with pytest.raises(ContestError, match="đã dùng hết 2 lượt thi của Đợt 1"):
        start_attempt(contestant=contestant, round=open_round, now=NOW + 2 * 60 * MINUTE)


def test_cannot_start_before_or_after_the_round(open_round, contestant):
    with pytest.raises(ContestError, match="chưa bắt đầu: mở lúc 08:00 ngày 01/11/2023"):
        start_attempt(contestant=contestant, round=open_round, now=open_round.starts_at - MINUTE)
    with pytest.raises(ContestError, match="đã kết thúc"):
        start_attempt(contestant=contestant, round=open_round, now=open_round.ends_at)


def test_cannot_start_with_a_too_small_bank(contest, contestant):
    round_ = RoundFactory(contest=contest, questions_per_attempt=3)
    QuestionFactory(round=round_)
    with pytest.raises(ContestError, match="chưa đủ câu"):
        start_attempt(contestant=contestant, round=round_, now=NOW)


def test_cannot_start_in_another_contests_round(contestant):
    other = RoundFactory()
    with pytest.raises(ContestError, match="không thuộc cuộc thi"):
        start_attempt(contestant=contestant, round=other, now=NOW)


@pytest.fixture
def attempt(open_round, contestant):
    return start_attempt(contestant=contestant, round=open_round, now=NOW).attempt


def drawn_ids(attempt):
    return list(AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", flat=True))


def test_saving_is_idempotent_and_replaces_the_choice(attempt):
    question = drawn_ids(attempt)[0]
    save_answer(attempt=attempt, question_id=question, option_id=wrong_option(question).pk, now=NOW + MINUTE)
    save_answer(attempt=attempt, question_id=question, option_id=correct_option(question).pk, now=NOW + 2 * MINUTE)
    save_answer(attempt=attempt, question_id=question, option_id=correct_option(question).pk, now=NOW + 3 * MINUTE)
    answer = Answer.objects.get(attempt=attempt)
    assert answer.option == correct_option(question) and answer.saved_at == NOW + 3 * MINUTE


def test_option_of_another_question_or_undrawn_question_is_refused(attempt, open_round):
    first, second = drawn_ids(attempt)[:2]
    with pytest.raises(ContestError, match="không thuộc câu hỏi"):
        save_answer(attempt=attempt, question_id=first, option_id=correct_option(second).pk, now=NOW)
    undrawn = open_round.questions.exclude(pk__in=drawn_ids(attempt)).first()
    with pytest.raises(ContestError, match="không có trong lượt thi"):
        save_answer(attempt=attempt, question_id=undrawn.pk, option_id=correct_option(undrawn.pk).pk, now=NOW)
    with pytest.raises(ContestError, match="không hợp lệ"):
        save_answer(attempt=attempt, question_id="1 OR 1=1", option_id="x", now=NOW)
    assert not Answer.objects.exists()


def test_answers_within_the_grace_count_and_later_ones_are_refused(attempt):
    first, second = drawn_ids(attempt)[:2]
    deadline = attempt.deadline
    save_answer(attempt=attempt, question_id=first, option_id=correct_option(first).pk, now=deadline + 29 * MINUTE / 60)
    with pytest.raises(ContestError, match="Đã hết giờ"):
        save_answer(attempt=attempt, question_id=second, option_id=correct_option(second).pk, now=deadline + MINUTE)
    assert Answer.objects.filter(attempt=attempt).count() == 1


def test_submitting_twice_scores_once(attempt):
    questions = drawn_ids(attempt)
    save_answer(attempt=attempt, question_id=questions[0], option_id=correct_option(questions[0]).pk, now=NOW)
    save_answer(attempt=attempt, question_id=questions[1], option_id=wrong_option(questions[1]).pk, now=NOW)
    assert submit_attempt(attempt=attempt, now=NOW + 5 * MINUTE) is True
    assert (attempt.score, attempt.duration) == (1, 5 * MINUTE)
    # A change in the bank after the first submit must not rescore it.
    save_answer_refused = pytest.raises(ContestError, match="đã nộp bài")
    with save_answer_refused:
        save_answer(attempt=attempt, question_id=questions[2], option_id=correct_option(questions[2]).pk, now=NOW)
    assert submit_attempt(attempt=attempt, now=NOW + 6 * MINUTE) is False
    attempt.refresh_from_db()
    assert (attempt.score, attempt.duration, attempt.submitted_at) == (1, 5 * MINUTE, NOW + 5 * MINUTE)


def test_attempts_left_open_are_scored_at_their_deadline(attempt):
    question = drawn_ids(attempt)[0]
    save_answer(attempt=attempt, question_id=question, option_id=correct_option(question).pk, now=NOW + MINUTE)
    assert close_expired_attempts(now=attempt.deadline + 10 * MINUTE / 60) == 0  # still within the grace
    assert close_expired_attempts(now=attempt.deadline + 2 * MINUTE) == 1
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline and attempt.auto_closed
    assert (attempt.score, attempt.duration) == (1, 20 * MINUTE)
    assert close_expired_attempts(now=attempt.deadline + 3 * MINUTE) == 0


def test_management_command_closes_expired_attempts(attempt, capsys):
    with time_machine.travel(attempt.deadline + 5 * MINUTE, tick=False):
        call_command("close_expired_attempts")
    assert "Đã đóng 1 lượt thi quá hạn." in capsys.readouterr().out
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline


def test_an_expired_attempt_is_closed_before_the_next_starts(attempt, open_round, contestant):
    later = start_attempt(contestant=contestant, round=open_round, now=attempt.deadline + 5 * MINUTE)
    assert later.created and later.attempt.number == 2
    attempt.refresh_from_db()
    assert attempt.auto_closed and attempt.score == 0
