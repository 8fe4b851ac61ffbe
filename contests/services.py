"""What contestants do, as small functions that validate before they write, in a transaction.

Every function takes `now` so tests (and the lazy closing of expired attempts) can say
when it happens. Refusals raise `ContestError` with a message for the contestant.
"""

import datetime
import hmac
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from congdoan.caching import site_today

from .models import (
    Answer,
    Attempt,
    AttemptQuestion,
    Contest,
    Contestant,
    Option,
    Question,
    Round,
    Unit,
    answer_grace,
    contestant_username,
    normalize_phone,
)

_random = random.SystemRandom()


class ContestError(Exception):
    """A refusal to show the contestant (in Vietnamese); never a server error."""

    def __init__(self, message: str, *, code: str = "refused", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field  # the form field the message belongs to, if any


PHONE_TAKEN = "Số điện thoại này đã đăng ký cuộc thi. Hãy đăng nhập."


def register_contestant(
    *,
    contest: Contest,
    full_name: str,
    phone: str,
    password: str,
    date_of_birth: datetime.date,
    unit: Unit,
    email: str = "",
    now: datetime.datetime | None = None,
) -> Contestant:
    """Create the contestant and their login (a non-staff user named by contest and phone).

    Checks first, then writes both rows in one transaction; a phone registered by a racing
    request is caught by the unique constraints and refused like any taken phone. The
    password is hashed before the transaction: on SQLite (BEGIN IMMEDIATE) the write lock
    would otherwise be held for the whole Argon2 hash (~50 ms), serialising every writer.
    """
    now = now or timezone.now()
    if not contest.is_open_for_registration:
        raise ContestError("Cuộc thi đã ngừng nhận đăng ký.", code="registration_closed")
    full_name = (full_name or "").strip()
    if not full_name:
        raise ContestError("Hãy nhập họ và tên.", code="invalid", field="full_name")
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        raise ContestError(error.messages[0], code="invalid", field="phone") from None
    if date_of_birth > site_today(now):
        raise ContestError("Ngày sinh không được ở tương lai.", code="invalid", field="date_of_birth")
    if not unit.is_active:
        raise ContestError("Hãy chọn một đơn vị trong danh sách.", code="invalid", field="unit")
    if refusal := contest.unit_refusal(unit):
        raise ContestError(refusal, code="invalid", field="unit")
    if Contestant.objects.filter(contest=contest, phone=phone).exists():
        raise ContestError(PHONE_TAKEN, code="phone_taken", field="phone")
    user = get_user_model()(username=contestant_username(contest.pk, phone), first_name=full_name[:150], email=email)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            return Contestant.objects.create(
                user=user,
                contest=contest,
                full_name=full_name,
                phone=phone,
                email=email,
                date_of_birth=date_of_birth,
                unit=unit,
                consented_at=now,
            )
    except IntegrityError:
        raise ContestError(PHONE_TAKEN, code="phone_taken", field="phone") from None


def save_contestant(*, contestant: Contestant) -> None:
    """Save an editor's changes to a contestant; their login follows a changed phone number
    (the username names the phone, see contestant_username)."""
    with transaction.atomic():
        contestant.save()
        get_user_model().objects.filter(pk=contestant.user_id).update(
            username=contestant_username(contestant.contest_id, contestant.phone)
        )


@dataclass
class Started:
    attempt: Attempt
    created: bool


def start_attempt(*, contestant: Contestant, round: Round, now=None) -> Started:
    """Begin the contestant's next attempt in `round`, or resume the one still running.

    The next number is taken inside a transaction holding the contestant's row
    (SELECT … FOR UPDATE on PostgreSQL; SQLite's writers are serialised by BEGIN IMMEDIATE).
    Should two requests still race, the unique (contestant, round, number) constraint and the
    check `number <= attempts_allowed` let only one of them write: the other gets a message.
    """
    now = now or timezone.now()
    if round.contest_id != contestant.contest_id:
        raise ContestError("Đợt thi này không thuộc cuộc thi bạn đã đăng ký.", code="wrong_contest")
    try:
        with transaction.atomic():
            Contestant.objects.select_for_update().filter(pk=contestant.pk).first()
            # The contestant's few attempts in the round, once: expired ones are closed, a
            # running one is resumed, and their number is the count used.
            attempts = list(Attempt.objects.filter(contestant=contestant, round=round))
            for attempt in attempts:
                if attempt.is_expired(now):
                    submit_attempt(attempt=attempt, now=now, auto=True)
            running = next((attempt for attempt in attempts if attempt.is_active(now)), None)
            if running is not None:
                return Started(running, created=False)
            if round.is_upcoming(now):
                raise ContestError(
                    f"{round.name} chưa bắt đầu: mở lúc {timezone.localtime(round.starts_at):%H:%M ngày %d/%m/%Y}.",
                    code="not_open",
                )
            if round.is_closed(now):
                raise ContestError(f"{round.name} đã kết thúc.", code="closed")
            used = len(attempts)
            if used >= round.attempts_allowed:
                raise ContestError(
                    f"Bạn đã dùng hết {round.attempts_allowed} lượt thi của {round.name}.", code="no_attempts_left"
                )
            question_ids = list(Question.objects.filter(round=round).values_list("pk", flat=True))
            if len(question_ids) < round.questions_per_attempt:
                raise ContestError("Đợt thi chưa sẵn sàng: ngân hàng câu hỏi chưa đủ câu.", code="not_ready")
            attempt = Attempt.objects.create(
                contestant=contestant,
                round=round,
                number=used + 1,
                attempts_allowed=round.attempts_allowed,
                started_at=now,
                deadline=min(now + round.time_limit, round.ends_at),
            )
            _draw_questions(attempt, question_ids, round.questions_per_attempt)
            return Started(attempt, created=True)
    except IntegrityError:
        raise ContestError(
            "Một lượt thi khác của bạn vừa được bắt đầu (có thể ở thẻ hoặc thiết bị khác). "
            "Hãy mở “Lượt thi của tôi” để tiếp tục lượt đó.",
            code="race",
        ) from None


def _draw_questions(attempt: Attempt, question_ids: list[int], count: int) -> None:
    drawn = _random.sample(question_ids, count)
    options = {}
    for question_id, option_id in Option.objects.filter(question_id__in=drawn).values_list("question_id", "pk"):
        options.setdefault(question_id, []).append(option_id)
    rows = []
    for position, question_id in enumerate(drawn, start=1):
        order = options.get(question_id, [])
        _random.shuffle(order)
        rows.append(AttemptQuestion(attempt=attempt, question_id=question_id, position=position, option_order=order))
    AttemptQuestion.objects.bulk_create(rows)


def option_value(attempt_id: int, option_id: int) -> str:
    """The value an option has in one attempt's form: opaque, and different in every attempt.

    Option ids follow authoring order, and question writers (and the importer's column A)
    often put the correct answer first: with ids as values, "always pick the smallest value"
    scored full marks. A keyed hash of (attempt, option) tells nothing about which option was
    written first, needs no storage, and the server can recompute it for the question's few
    options when an answer arrives.
    """
    return salted_hmac("contests.option-value", f"{attempt_id}:{option_id}", algorithm="sha256").hexdigest()[:16]


def _refuse_closed(attempt: Attempt, now) -> None:
    if attempt.submitted_at is not None:
        raise ContestError("Lượt thi này đã nộp bài; câu trả lời không thay đổi được nữa.", code="submitted")
    if not attempt.accepts_answers(now):
        raise ContestError("Đã hết giờ làm bài: câu trả lời này không được ghi nhận.", code="late")


def _parse_id(question_id) -> int:
    try:
        return int(question_id)
    except (TypeError, ValueError):
        raise ContestError("Câu trả lời không hợp lệ.", code="invalid") from None


def _drawn_options(attempt_id: int, question_id: int | None = None) -> list[tuple[int, int]]:
    """(question id, option id) of the attempt's drawn questions, or of `question_id` alone if
    it is drawn (else none), in one query.

    In SQL: on every answer save, building this query with the ORM cost more CPU (~1 ms)
    than everything else the save does in Python."""
    sql = (
        f"SELECT o.question_id, o.id FROM {Option._meta.db_table} o JOIN {AttemptQuestion._meta.db_table} d"
        " ON d.question_id = o.question_id WHERE d.attempt_id = %s"
    )
    params = [attempt_id]
    if question_id is not None:
        sql += " AND d.question_id = %s"
        params.append(question_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _chosen_option(attempt_id: int, options: list[int], value) -> int:
    """The option among a drawn question's `options` whose per-attempt value was sent."""
    if not options:
        raise ContestError("Câu hỏi này không có trong lượt thi của bạn.", code="invalid")
    value = str(value or "")
    chosen = [pk for pk in options if hmac.compare_digest(option_value(attempt_id, pk), value)]
    if not chosen:
        raise ContestError("Phương án này không thuộc câu hỏi.", code="invalid")
    return chosen[0]


def save_choices(*, attempt: Attempt, chosen: dict, now=None) -> int:
    """The choices a whole form posts ({question id: value}): every "Lưu" button and "Nộp bài"
    send all of them, most already saved by the page's script. Two queries (the drawn options,
    the saved answers) and a write only for what changed, instead of two queries per question.
    Returns how many were accepted; the first refusal raises, after the ones before it."""
    now = now or timezone.now()
    _refuse_closed(attempt, now)
    if not chosen:
        return 0
    options = {}
    for question_id, option_id in _drawn_options(attempt.pk):
        options.setdefault(question_id, []).append(option_id)
    saved = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "option_id"))
    accepted = 0
    for question_id, value in chosen.items():
        question_id = _parse_id(question_id)
        option_id = _chosen_option(attempt.pk, options.get(question_id, []), value)
        if saved.get(question_id) != option_id:
            _store_answer(
                attempt_id=attempt.pk,
                contestant_id=attempt.contestant_id,
                question_id=question_id,
                option_id=option_id,
                now=now,
            )
        accepted += 1
    return accepted


def record_choice(*, attempt_id: int, contestant_id: int, question_id, value: str, now=None) -> Answer:
    """Store the option whose per-attempt value (option_value) the page's script sent, from
    ids alone (see contests.tokens); an unknown value is refused like an option of another
    question.

    Two queries and no Attempt loaded: the drawn question's options, then one statement that
    locks the attempt, checks owner, submission and deadline, and upserts (_store_answer).
    """
    now = now or timezone.now()
    question_id = _parse_id(question_id)
    options = [option_id for _, option_id in _drawn_options(attempt_id, question_id)]
    option_id = _chosen_option(attempt_id, options, value)
    return _store_answer(
        attempt_id=attempt_id, contestant_id=contestant_id, question_id=question_id, option_id=option_id, now=now
    )


def save_answer(*, attempt: Attempt, question_id, option_id, now=None) -> Answer:
    """Store (or replace) the chosen option for one drawn question; idempotent.

    Refused after submission or after the deadline plus the grace, for a question not
    drawn in this attempt, and for an option of another question. Pages send per-attempt
    values instead of option ids (record_choice, save_choices); this takes the id itself.
    """
    now = now or timezone.now()
    _refuse_closed(attempt, now)
    question_id = _parse_id(question_id)
    try:
        option_id = int(option_id)
    except (TypeError, ValueError):
        raise ContestError("Câu trả lời không hợp lệ.", code="invalid") from None
    options = [option_id for _, option_id in _drawn_options(attempt.pk, question_id)]
    if not options:
        raise ContestError("Câu hỏi này không có trong lượt thi của bạn.", code="invalid")
    if option_id not in options:
        raise ContestError("Phương án này không thuộc câu hỏi.", code="invalid")
    return _store_answer(
        attempt_id=attempt.pk,
        contestant_id=attempt.contestant_id,
        question_id=question_id,
        option_id=option_id,
        now=now,
    )


# One statement, so one round trip and no transaction to open and commit. On PostgreSQL the
# SELECT … FOR UPDATE locks the attempt's row: a submit racing this save waits for it (and
# counts the answer) or has already closed the attempt, and then the re-checked WHERE finds
# no row and nothing is written; never stored but unscored. SQLite serialises writers. The
# owner, the submission and the deadline plus the grace are checked by the database in the
# same statement that writes; ON CONFLICT makes it an idempotent upsert on the unique
# (attempt, question): two racing saves of one question leave one row with the last choice.
# The ORM has no INSERT … SELECT, hence SQL.
_UPSERT_ANSWER = """
INSERT INTO {answer} (attempt_id, question_id, option_id, saved_at)
SELECT id, %s, %s, %s FROM {attempt}
WHERE id = %s AND contestant_id = %s AND submitted_at IS NULL AND deadline >= %s{lock}
ON CONFLICT (attempt_id, question_id) DO UPDATE SET option_id = excluded.option_id, saved_at = excluded.saved_at
RETURNING id
"""


def _store_answer(*, attempt_id: int, contestant_id: int, question_id: int, option_id: int, now) -> Answer:
    sql = _UPSERT_ANSWER.format(
        answer=Answer._meta.db_table,
        attempt=Attempt._meta.db_table,
        lock=" FOR UPDATE" if connection.features.has_select_for_update else "",
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = [question_id, option_id, adapt(now), attempt_id, contestant_id, adapt(now - answer_grace())]
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
    except IntegrityError:  # the option was deleted by an editor between the two queries
        raise ContestError("Phương án này không thuộc câu hỏi.", code="invalid") from None
    if row is None:
        raise _why_closed(attempt_id, contestant_id)
    return Answer(pk=row[0], attempt_id=attempt_id, question_id=question_id, option_id=option_id, saved_at=now)


def _why_closed(attempt_id: int, contestant_id: int) -> ContestError:
    """The refusal to show when the upsert wrote nothing (one more query, on refusals only)."""
    found = Attempt.objects.filter(pk=attempt_id, contestant_id=contestant_id).values_list("submitted_at").first()
    if found is None:
        return ContestError("Không có lượt thi này.", code="not_found")
    if found[0] is not None:
        return ContestError("Lượt thi này đã nộp bài; câu trả lời không thay đổi được nữa.", code="submitted")
    return ContestError("Đã hết giờ làm bài: câu trả lời này không được ghi nhận.", code="late")


def _lock_open_attempt(attempt: Attempt) -> bool:
    """Lock the attempt's row (PostgreSQL; SQLite serialises writers) if it is still open."""
    open_rows = Attempt.objects.select_for_update().filter(pk=attempt.pk, submitted_at__isnull=True)
    return bool(list(open_rows.values_list("pk", flat=True)))


def save_extras(*, attempt: Attempt, tiebreak_answer=None, essay_answer=None, now=None) -> None:
    """The tie-break number and the essay, under the same timing rules as answers."""
    now = now or timezone.now()
    _refuse_closed(attempt, now)
    changes = {}
    if tiebreak_answer is not None:
        changes["tiebreak_answer"] = tiebreak_answer
    if essay_answer is not None:
        words = len(essay_answer.split())
        if words > attempt.round.essay_max_words:
            raise ContestError(
                f"Bài tự luận dài {words} chữ, vượt giới hạn {attempt.round.essay_max_words} chữ.", code="too_long"
            )
        changes["essay_answer"] = essay_answer
    if changes:
        Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(**changes)
        for name, value in changes.items():
            setattr(attempt, name, value)


def score_of(attempt: Attempt) -> int:
    return Answer.objects.filter(attempt=attempt, option__is_correct=True).count()


def submit_attempt(*, attempt: Attempt, now=None, auto=False) -> bool:
    """Close and score the attempt once. True if this call closed it, False if it already was.

    The close is a conditional UPDATE (… WHERE submitted_at IS NULL), so two submits racing
    score once. A late submit (or the lazy closing) is recorded at the deadline.
    """
    now = now or timezone.now()
    closed_at = min(now, attempt.deadline)
    updated = 0
    with transaction.atomic():
        if _lock_open_attempt(attempt):
            closed = {
                "submitted_at": closed_at,
                "score": score_of(attempt),  # counted under the lock: no save can slip in meanwhile
                "duration": closed_at - attempt.started_at,
                "auto_closed": auto or now > attempt.deadline,
            }
            updated = Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(**closed)
    if updated:
        for name, value in closed.items():
            setattr(attempt, name, value)
    else:
        attempt.refresh_from_db()
    return bool(updated)


def close_expired_attempts(*, now=None, queryset=None) -> int:
    """Score every attempt left open past its deadline (plus the grace) at its deadline."""
    now = now or timezone.now()
    queryset = Attempt.objects.all() if queryset is None else queryset
    closed = 0
    for attempt in queryset.expired(now).select_related("round"):
        closed += submit_attempt(attempt=attempt, now=now, auto=True)
    return closed


def answered_counts(round_ids) -> dict[int, int]:
    """round id → number of finished attempts (for live figures)."""
    rows = (
        Attempt.objects.filter(round_id__in=round_ids)
        .values("round_id")
        .annotate(n=Count("pk", filter=Q(submitted_at__isnull=False)))
    )
    return {row["round_id"]: row["n"] for row in rows}
