"""Two tabs racing: limits and single scoring hold under real concurrency (PostgreSQL, threads).

SQLite serialises writers (BEGIN IMMEDIATE), so a race cannot happen there; the rules the
races rely on (unique attempt numbers, number <= limit) are tested on both in test_models.py.
"""

import threading

import pytest
from django.db import connection, connections

from contests.models import Attempt
from contests.services import ContestError, start_attempt, submit_attempt

from .conftest import NOW
from .factories import ContestantFactory, ContestFactory, QuestionFactory, RoundFactory, UnitFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]
THREADS = 8


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite serialises writers, so two requests cannot race (set DATABASE_URL).")


def race(function):
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(function())
        except ContestError as refusal:
            outcomes.append(refusal)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.fixture
def setup():
    contest = ContestFactory()
    round_ = RoundFactory(contest=contest, attempts_allowed=2, questions_per_attempt=3)
    for _ in range(5):
        QuestionFactory(round=round_)
    contestant = ContestantFactory(contest=contest, unit=UnitFactory())
    return contestant, round_


def test_tabs_starting_at_once_open_one_attempt(setup):
    contestant, round_ = setup
    outcomes = race(lambda: start_attempt(contestant=contestant, round=round_, now=NOW))
    assert len(outcomes) == THREADS
    assert Attempt.objects.count() == 1
    started = [outcome for outcome in outcomes if not isinstance(outcome, ContestError)]
    assert sum(outcome.created for outcome in started) == 1
    assert {outcome.attempt.pk for outcome in started} == {Attempt.objects.get().pk}
    assert all(outcome.code == "race" for outcome in outcomes if isinstance(outcome, ContestError))


def test_racing_starts_never_pass_the_limit(setup):
    contestant, round_ = setup
    for round_number in range(3):
        now = NOW.replace(hour=3 + round_number)
        outcomes = race(lambda now=now: start_attempt(contestant=contestant, round=round_, now=now))
        for outcome in outcomes:
            if not isinstance(outcome, ContestError) and outcome.created:
                submit_attempt(attempt=outcome.attempt, now=now)
    assert Attempt.objects.count() == 2
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2]


def test_submits_racing_score_once(setup):
    contestant, round_ = setup
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    outcomes = race(lambda: submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk), now=NOW))
    assert outcomes.count(True) == 1 and outcomes.count(False) == THREADS - 1


def test_saves_of_one_question_racing_leave_one_answer(setup):
    from contests.models import Answer, AttemptQuestion, Option
    from contests.services import save_answer

    contestant, round_ = setup
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    question = AttemptQuestion.objects.filter(attempt=attempt).first().question_id
    options = list(Option.objects.filter(question_id=question).values_list("pk", flat=True))
    picks = iter(options * THREADS)
    lock = threading.Lock()

    def save():
        with lock:
            option = next(picks)
        return save_answer(attempt=attempt, question_id=question, option_id=option, now=NOW).option_id

    outcomes = race(save)
    assert len(outcomes) == THREADS
    assert Answer.objects.filter(attempt=attempt).count() == 1
    assert Answer.objects.get(attempt=attempt).option_id in options


def _hold_in_transaction(name: str, work, held: threading.Event, results: dict) -> threading.Thread:
    """Run `work` in a transaction that stays open 0.5 s after it, holding its row locks."""
    import time

    from django.db import transaction

    def run():
        try:
            with transaction.atomic():
                results[name] = work()
                held.set()
                time.sleep(0.5)
        except ContestError as refusal:
            results[name] = refusal.code
            held.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def test_a_save_racing_a_submit_is_counted_or_refused_never_lost(setup):
    """A save that holds the attempt's row when the contestant submits (another tab, the
    deadline) is counted in the score: never stored but unscored."""
    from contests import services
    from contests.models import Answer, AttemptQuestion, Option

    contestant, round_ = setup
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    question = AttemptQuestion.objects.filter(attempt=attempt).first().question_id
    correct = Option.objects.get(question_id=question, is_correct=True).pk
    held, results = threading.Event(), {}

    def save():
        services.save_answer(attempt=attempt, question_id=question, option_id=correct, now=NOW)
        return "saved"

    saver = _hold_in_transaction("save", save, held, results)
    assert held.wait(10)
    submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk), now=NOW)
    saver.join(10)
    attempt.refresh_from_db()
    assert results["save"] == "saved" and Answer.objects.filter(attempt=attempt, option_id=correct).exists()
    assert attempt.score == 1  # the submit waited for the save and counted it


def test_a_save_arriving_during_a_submit_is_refused_never_lost(setup):
    """The other order: the submit holds the row, the save waits for it, then finds the
    attempt closed and writes nothing (rather than an answer the score never counted)."""
    from contests import services
    from contests.models import Answer, AttemptQuestion, Option

    contestant, round_ = setup
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    question = AttemptQuestion.objects.filter(attempt=attempt).first().question_id
    correct = Option.objects.get(question_id=question, is_correct=True).pk
    held, results = threading.Event(), {}
    submitter = _hold_in_transaction(
        "submit", lambda: submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk), now=NOW), held, results
    )
    assert held.wait(10)
    with pytest.raises(ContestError) as refusal:
        services.record_choice(
            attempt_id=attempt.pk,
            contestant_id=contestant.pk,
            question_id=question,
            value=services.option_value(attempt.pk, correct),
            now=NOW,
        )
    submitter.join(10)
    attempt.refresh_from_db()
    assert results["submit"] is True and refusal.value.code == "submitted"
    assert not Answer.objects.filter(attempt=attempt).exists() and attempt.score == 0


def test_registrations_of_one_phone_racing_create_one_contestant():
    import datetime

    from contests.models import Contestant
    from contests.services import register_contestant

    contest, unit = ContestFactory(), UnitFactory()

    def register():
        return register_contestant(
            contest=contest,
            full_name="Hoàng Văn Nam",
            phone="0387654321",
            password="thi-tot-nhe-2023",
            date_of_birth=datetime.date(1990, 5, 17),
            unit=unit,
            now=NOW,
        )

    outcomes = race(register)
    assert len(outcomes) == THREADS
    refusals = [outcome for outcome in outcomes if isinstance(outcome, ContestError)]
    assert len(refusals) == THREADS - 1 and {refusal.code for refusal in refusals} == {"phone_taken"}
    assert Contestant.objects.filter(contest=contest).count() == 1


def _in_federation(work):
    """`work` as a request runs it: inside the contest's federation (scoped managers join)."""
    from congdoan import tenancy

    def run():
        with tenancy.activate(tenancy.default_federation()):
            return work()

    return run


def _without_waiting(work):
    """`work` in a transaction that gives up after 0.2 s waiting for a row lock (LockNotAvailable):
    less than _hold_in_transaction holds its locks."""
    from django.db import transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '200ms'")
        return work()


def test_contestants_starting_at_once_do_not_wait_for_each_other(setup):
    """Each start locks its own contestant's row only: the ORM's lock, joined through the
    federation scope, also locked the contest's row, so every start of a contest queued
    behind the one before (at a round's opening, thousands)."""
    contestant, round_ = setup
    other = ContestantFactory(contest=contestant.contest, unit=contestant.unit)
    held, results = threading.Event(), {}
    first = _hold_in_transaction(
        "first", _in_federation(lambda: start_attempt(contestant=contestant, round=round_, now=NOW)), held, results
    )
    assert held.wait(10)
    second = _in_federation(lambda: _without_waiting(lambda: start_attempt(contestant=other, round=round_, now=NOW)))()
    first.join(10)
    assert second.created and results["first"].created
    assert Attempt.objects.count() == 2


def test_submits_of_two_attempts_do_not_wait_for_each_other(setup):
    """A submit locks its attempt's row only (not the round's and the contest's as before)."""
    contestant, round_ = setup
    other = ContestantFactory(contest=contestant.contest, unit=contestant.unit)
    mine = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    theirs = start_attempt(contestant=other, round=round_, now=NOW).attempt
    held, results = threading.Event(), {}
    first = _hold_in_transaction(
        "first", _in_federation(lambda: submit_attempt(attempt=Attempt.objects.get(pk=mine.pk), now=NOW)), held, results
    )
    assert held.wait(10)
    assert _in_federation(lambda: _without_waiting(lambda: submit_attempt(attempt=theirs, now=NOW)))() is True
    first.join(10)
    assert results["first"] is True


def test_an_organiser_saving_the_contest_does_not_hold_up_starts_and_submits(setup):
    from contests.models import Contest

    contestant, round_ = setup
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    held, results = threading.Event(), {}

    def edit_contest():
        list(Contest.objects.select_for_update().filter(pk=contestant.contest_id).values_list("pk", flat=True))
        list(round_.__class__.objects.select_for_update().filter(pk=round_.pk).values_list("pk", flat=True))
        return "held"

    organiser = _hold_in_transaction("organiser", _in_federation(edit_contest), held, results)
    assert held.wait(10)
    resumed = _in_federation(
        lambda: _without_waiting(lambda: start_attempt(contestant=contestant, round=round_, now=NOW))
    )()
    closed = _in_federation(lambda: _without_waiting(lambda: submit_attempt(attempt=attempt, now=NOW)))()
    organiser.join(10)
    assert resumed.attempt.pk == attempt.pk and not resumed.created and closed is True
