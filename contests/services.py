"""What contestants do, as small functions that validate before they write, in a transaction.

Every function takes `now` so tests (and the lazy closing of expired attempts) can say
when it happens. Refusals raise `ContestError` with a message for the contestant.
"""

import datetime
import functools
import hashlib
import hmac
import json
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.encoding import force_bytes

from congdoan.caching import cached, site_today
from congdoan.rows import columns as _columns
from congdoan.rows import db as _db
from congdoan.rows import instance as _instance
from congdoan.text import ascii_number

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

    The next number is taken inside a transaction holding the contestant's row, and only
    that row (SELECT … FOR UPDATE OF on PostgreSQL; SQLite's writers are serialised by BEGIN
    IMMEDIATE): the ORM's lock, joined through the federation scope, also locked the contest's
    row, so every start in a contest waited for the one before. Should two requests still race,
    the unique (contestant, round, number) constraint and the check `number <= attempts_allowed`
    let only one of them write: the other gets a message. Four statements in SQL (lock and
    read the attempts, the question bank, the attempt, its drawn questions): see "The attempt
    page's hot requests" below.
    """
    now = now or timezone.now()
    if round.contest_id != contestant.contest_id:
        raise ContestError("Đợt thi này không thuộc cuộc thi bạn đã đăng ký.", code="wrong_contest")
    try:
        with transaction.atomic():
            # The contestant's few attempts in the round, once: expired ones are closed, a
            # running one is resumed, and their number is the count used.
            attempts = _lock_contestant_attempts(contestant.pk, round.pk)
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
            bank = _question_bank(round.pk)
            if len(bank) < round.questions_per_attempt:
                raise ContestError("Đợt thi chưa sẵn sàng: ngân hàng câu hỏi chưa đủ câu.", code="not_ready")
            attempt = Attempt(
                contestant=contestant,
                round=round,
                number=used + 1,
                attempts_allowed=round.attempts_allowed,
                started_at=now,
                deadline=min(now + round.time_limit, round.ends_at),
            )
            _insert(attempt)
            _insert_drawn(attempt.pk, _draw_questions(bank, round.questions_per_attempt))
            return Started(attempt, created=True)
    except IntegrityError:
        raise ContestError(
            "Một lượt thi khác của bạn vừa được bắt đầu (có thể ở thẻ hoặc thiết bị khác). "
            "Hãy mở “Lượt thi của tôi” để tiếp tục lượt đó.",
            code="race",
        ) from None


def _draw_questions(bank: dict[int, list[int]], count: int) -> list[tuple[int, list[int]]]:
    """`count` questions of the bank ({question id: its option ids}) in a random order, each
    with its options in a new random order: [(question id, option ids)]."""
    # One draw of 256 bits from the system's generator seeds a generator for this attempt:
    # drawing each of the ~60 numbers from the system's own (a system call each) was a tenth
    # of a start's CPU. What the contestant sees is no more predictable either way.
    generator = random.Random(_random.getrandbits(256))
    drawn = []
    for question_id in generator.sample(list(bank), count):
        order = list(bank[question_id])
        generator.shuffle(order)
        drawn.append((question_id, order))
    return drawn


def option_value(attempt_id: int, option_id: int) -> str:
    """The value an option has in one attempt's form: opaque, and different in every attempt.

    Option ids follow authoring order, and question writers (and the importer's column A)
    often put the correct answer first: with ids as values, "always pick the smallest value"
    scored full marks. A keyed hash of (attempt, option) tells nothing about which option was
    written first, needs no storage, and the server can recompute it for the question's few
    options when an answer arrives.
    """
    # salted_hmac("contests.option-value", f"{attempt_id}:{option_id}", algorithm="sha256"): the
    # attempt page computes 80 of these, the whole form's post as many. The HMAC is computed
    # from its two SHA-256 states after the padded key (RFC 2104), kept with the derived key:
    # `hmac.digest` looked up OpenSSL's SHA-256 by name on every call, which cost more than
    # the hashing (18 % of the attempt page's instructions for 80 values; now about 40 %).
    return option_values(attempt_id, [option_id])[0]


def option_values(attempt_id: int, option_ids: list[int]) -> list[str]:
    """`option_value` of each option, the derived key looked up once (the attempt page's 80)."""
    inner_key, outer_key = _option_value_states(settings.SECRET_KEY)
    values = []
    for option_id in option_ids:
        inner = inner_key.copy()
        inner.update(f"{attempt_id}:{option_id}".encode())
        outer = outer_key.copy()
        outer.update(inner.digest())
        values.append(outer.hexdigest()[:16])
    return values


@functools.lru_cache(maxsize=4)
def _option_value_states(secret: str):
    """SHA-256 after the inner and after the outer padded key of the derived key (its 32 bytes
    are shorter than SHA-256's 64-byte block: padded with zeros, as HMAC does)."""
    key = hashlib.sha256(b"contests.option-value" + force_bytes(secret)).digest().ljust(64, b"\0")
    return hashlib.sha256(bytes(byte ^ 0x36 for byte in key)), hashlib.sha256(bytes(byte ^ 0x5C for byte in key))


def _refuse_closed(attempt: Attempt, now) -> None:
    if attempt.submitted_at is not None:
        raise ContestError("Lượt thi này đã nộp bài; câu trả lời không thay đổi được nữa.", code="submitted")
    if not attempt.accepts_answers(now):
        raise ContestError("Đã hết giờ làm bài: câu trả lời này không được ghi nhận.", code="late")


def _parse_id(posted) -> int:
    """An id as a form posts it: ASCII digits only (int() would also read " 12", "1_2" or
    "١٢" as numbers), at most a bigint's 18."""
    number = ascii_number(posted, 18) if isinstance(posted, (int, str)) else None
    if number is None:
        raise ContestError("Câu trả lời không hợp lệ.", code="invalid")
    return number


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


def _chosen_option(attempt_id: int, options: list[int], value, saved_id: int | None = None) -> int:
    """The option among a drawn question's `options` whose per-attempt value was sent; the
    already saved option `saved_id` is tried first (a submitted form mostly repeats what the
    page's script saved: one value to work out instead of each option's)."""
    if not options:
        raise ContestError("Câu hỏi này không có trong lượt thi của bạn.", code="invalid")
    # Compared as bytes: compare_digest refuses str with non-ASCII characters (a TypeError,
    # a 500), and a posted value may hold any (other scripts' digits, an RTL mark).
    sent = str(value or "").encode()
    if saved_id in options and hmac.compare_digest(option_value(attempt_id, saved_id).encode(), sent):
        return saved_id
    chosen = [pk for pk in options if hmac.compare_digest(option_value(attempt_id, pk).encode(), sent)]
    if not chosen:
        raise ContestError("Phương án này không thuộc câu hỏi.", code="invalid")
    return chosen[0]


def save_choices(*, attempt: Attempt, chosen: dict, now=None) -> int:
    """The choices a whole form posts ({question id: value}): every "Lưu" button and "Nộp bài"
    send all of them, most already saved by the page's script. One query (the drawn options
    with the saved answers) and a write only for what changed, instead of two queries per
    question. Returns how many were accepted; the first refusal raises, after the ones before it."""
    now = now or timezone.now()
    _refuse_closed(attempt, now)
    if not chosen:
        return 0
    options, saved = {}, {}
    for question_id, option_id, saved_id in _drawn_options_and_answers(attempt.pk):
        options.setdefault(question_id, []).append(option_id)
        saved[question_id] = saved_id
    accepted = 0
    for question_id, value in chosen.items():
        question_id = _parse_id(question_id)
        option_id = _chosen_option(attempt.pk, options.get(question_id, []), value, saved.get(question_id))
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
    option_id = _parse_id(option_id)
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

    The attempt's row is locked first (a save holding it is waited for), then one conditional
    UPDATE (… WHERE submitted_at IS NULL) closes it with the score counted in the same
    statement, so two submits racing score once and no save slips in between. A late submit
    (or the lazy closing) is recorded at the deadline. Two statements in SQL, locking the
    attempt's row only (the ORM's lock, joined through the federation scope, also locked the
    round's and the contest's rows: every submit of a contest waited for the one before).
    """
    now = now or timezone.now()
    closed_at = min(now, attempt.deadline)
    closed = {
        "submitted_at": closed_at,
        "duration": closed_at - attempt.started_at,
        "auto_closed": auto or now > attempt.deadline,
    }
    with transaction.atomic():
        score = _close_attempt(attempt.pk, closed) if _lock_open_attempt(attempt.pk) else None
    if score is None:
        attempt.refresh_from_db()
        return False
    for name, value in {**closed, "score": score}.items():
        setattr(attempt, name, value)
    return True


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


# --- The attempt page's hot requests, in SQL -------------------------------------------------
# Start, the attempt page and its submit come once or twice per contestant, all of them at a
# round's opening. Composed by the ORM, each of their queries cost 0.5–1.7 ms of CPU (the
# federation scope adds its joins), the same statement in SQL 0.03–0.07 ms (measured on the
# 2-core bench machine, see docs/bench.md): so they are SQL here, like the answer save. Each
# starts from a row the ORM already scoped to the current federation (the published contest
# of views._published_contest) and names the tables through the models' metadata; rows
# become model instances through the same converters the ORM applies (SQLite's datetimes,
# JSON), and rows are written with the values the ORM would write (defaults, prepared values).


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _insert(obj) -> None:
    """INSERT `obj` with the values the ORM would write; its primary key is set."""
    db, model = _db(), type(obj)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(field.pre_save(obj, True), db) for field in fields]
    sql = (
        f"INSERT INTO {_quoted(model._meta.db_table)} ({', '.join(_quoted(field.column) for field in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {_quoted(model._meta.pk.column)}"
    )
    with db.cursor() as cursor:
        cursor.execute(sql, values)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding, obj._state.db = False, db.alias


def _insert_drawn(attempt_id: int, drawn: list[tuple[int, list[int]]]) -> None:
    """The attempt's drawn questions (question id, option order), numbered from 1, in one
    INSERT whose rows the database unpacks from one JSON parameter: model instances cost 20
    times more, and even 80 plain parameters cost the driver more to quote than the rest of
    the start's writes."""
    db, meta = _db(), AttemptQuestion._meta
    names = ("attempt", "question", "position", "option_order")
    columns = ", ".join(_quoted(meta.get_field(name).column) for name in names)
    if db.vendor == "postgresql":
        rows = (
            "SELECT %s, (x.value->>0)::integer, x.ordinality, x.value->1"
            " FROM jsonb_array_elements(CAST(%s AS jsonb)) WITH ORDINALITY AS x"
        )
    else:  # SQLite's JSON functions; its JSON column holds the text
        rows = "SELECT %s, json_extract(value, '$[0]'), key + 1, json_extract(value, '$[1]') FROM json_each(%s)"
    pairs = [[int(question_id), [int(option_id) for option_id in order]] for question_id, order in drawn]
    with db.cursor() as cursor:
        cursor.execute(f"INSERT INTO {_quoted(meta.db_table)} ({columns}) {rows}", [attempt_id, json.dumps(pairs)])


def _fetch(sql: str, params) -> list[tuple]:
    with _db().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def find_contestant(*, user_id: int, contest: Contest) -> Contestant | None:
    """The contestant `user_id` is in `contest`, or None: one query."""
    rows = _fetch(
        f"SELECT {_columns(Contestant, 'c')} FROM {Contestant._meta.db_table} c"
        " WHERE c.user_id = %s AND c.contest_id = %s",
        [user_id, contest.pk],
    )
    if not rows:
        return None
    contestant = _instance(Contestant, rows[0])
    contestant.contest = contest
    return contestant


def contest_round(*, contest: Contest, round_id: int) -> Round | None:
    """The round `round_id` of `contest`, or None: one query."""
    rows = _fetch(
        f"SELECT {_columns(Round, 'r')} FROM {Round._meta.db_table} r WHERE r.id = %s AND r.contest_id = %s",
        [round_id, contest.pk],
    )
    return _instance(Round, rows[0]) if rows else None


def own_attempt(*, user_id: int, contest: Contest, attempt_id: int) -> Attempt | None:
    """The attempt `attempt_id` with its round if it is the attempt of `user_id`'s contestant
    in `contest`, else None (another contestant's attempt is simply not found): one query,
    the contestant's check included."""
    rows = _fetch(
        f"SELECT {_columns(Attempt, 'a')}, {_columns(Round, 'r')} FROM {Attempt._meta.db_table} a"
        f" JOIN {Contestant._meta.db_table} c ON c.id = a.contestant_id"
        f" JOIN {Round._meta.db_table} r ON r.id = a.round_id"
        " WHERE a.id = %s AND c.user_id = %s AND c.contest_id = %s",
        [attempt_id, user_id, contest.pk],
    )
    if not rows:
        return None
    split = len(Attempt._meta.concrete_fields)
    attempt = _instance(Attempt, rows[0][:split])
    attempt.round = _instance(Round, rows[0][split:])
    return attempt


@dataclass
class DrawnQuestion:
    """A drawn question as the attempt page shows it: options in the attempt's order, as
    (id, text, is_correct)."""

    position: int
    question_id: int
    text: str
    explanation: str
    options: list[tuple[int, str, bool]]
    chosen_id: int | None


def drawn_questions(attempt: Attempt) -> list[DrawnQuestion]:
    """The attempt's drawn questions in order, with their options and the saved choice: one
    query for the drawn rows and their answers, the texts from the kept bank (`question_bank`)."""
    db, order_field = _db(), AttemptQuestion._meta.get_field("option_order")
    rows = _fetch(
        # The option order as text, decoded here: as JSON, PostgreSQL's driver decoded it
        # through the field's per-value machinery.
        "SELECT d.position, d.question_id, CAST(d.option_order AS TEXT), s.option_id"
        f" FROM {AttemptQuestion._meta.db_table} d"
        f" LEFT JOIN {Answer._meta.db_table} s ON s.attempt_id = d.attempt_id AND s.question_id = d.question_id"
        " WHERE d.attempt_id = %s ORDER BY d.position",
        [attempt.pk],
    )
    bank = question_bank(attempt.round_id)
    if any(question_id not in bank for _, question_id, _, _ in rows):  # kept before a change reached it
        bank = _read_question_bank(attempt.round_id)
    questions = []
    for position, question_id, order, chosen_id in rows:
        text, explanation, options = bank[question_id]  # a drawn question cannot be deleted (PROTECT)
        order = order_field.from_db_value(order, None, db) if isinstance(order, str) else order
        own = {option[0]: option for option in options}
        # Options added after the draw come last, in authoring order.
        ordered = [own.pop(pk) for pk in order if pk in own] + list(own.values())
        questions.append(DrawnQuestion(position, question_id, text, explanation, ordered, chosen_id))
    return questions


def _drawn_options_and_answers(attempt_id: int) -> list[tuple[int, int, int | None]]:
    """(question id, option id, the question's saved option id or None) for every option of
    the attempt's drawn questions: one query."""
    return _fetch(
        f"SELECT o.question_id, o.id, s.option_id FROM {AttemptQuestion._meta.db_table} d"
        f" JOIN {Option._meta.db_table} o ON o.question_id = d.question_id"
        f" LEFT JOIN {Answer._meta.db_table} s ON s.attempt_id = d.attempt_id AND s.question_id = d.question_id"
        " WHERE d.attempt_id = %s",
        [attempt_id],
    )


def _lock(alias: str) -> str:
    """The row-lock clause naming only `alias`'s rows (PostgreSQL); SQLite serialises writers."""
    if not connection.features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {alias}" if connection.features.has_select_for_update_of else " FOR UPDATE"


def _lock_contestant_attempts(contestant_id: int, round_id: int) -> list[Attempt]:
    """Lock the contestant's row and read their attempts in the round: one statement."""
    rows = _fetch(
        f"SELECT {_columns(Attempt, 'a')} FROM {Contestant._meta.db_table} c"
        f" LEFT JOIN {Attempt._meta.db_table} a ON a.contestant_id = c.id AND a.round_id = %s"
        f" WHERE c.id = %s{_lock('c')}",
        [round_id, contestant_id],
    )
    return [_instance(Attempt, row) for row in rows if row[0] is not None]


# A question of a round's bank: (text, explanation, its options in authoring order as
# (id, text, is_correct)). Plain tuples: the kept bank is unpickled on every start and attempt
# page, and a dataclass per question took three times as long to unpickle.
BankQuestion = tuple[str, str, tuple[tuple[int, str, bool], ...]]
BANK_MODELS = ("contests.question", "contests.option")


def question_bank(round_id: int) -> dict[int, BankQuestion]:
    """{question id: BankQuestion} of the round, in the models' order: every start draws from
    it and every attempt page shows twenty of its questions, so it is kept per the versions
    of questions and options (Question and Option are public models: an edit, an import or a
    deletion renews it at once) and read in one query only when those change."""
    return cached("question-bank", round_id, lambda: _read_question_bank(round_id), apps=BANK_MODELS)


def _read_question_bank(round_id: int) -> dict[int, BankQuestion]:
    rows = _fetch(
        f"SELECT q.id, q.text, q.explanation, o.id, o.text, o.is_correct FROM {Question._meta.db_table} q"
        f" LEFT JOIN {Option._meta.db_table} o ON o.question_id = q.id WHERE q.round_id = %s"
        f" ORDER BY q.{_quoted('order')}, q.id, o.{_quoted('order')}, o.id",  # as the models order them
        [round_id],
    )
    texts, options = {}, {}
    for question_id, text, explanation, option_id, option_text, is_correct in rows:
        texts.setdefault(question_id, (text, explanation))
        own = options.setdefault(question_id, [])
        if option_id is not None:
            own.append((option_id, option_text, bool(is_correct)))
    return {pk: (*texts[pk], tuple(options[pk])) for pk in texts}


def _question_bank(round_id: int) -> dict[int, list[int]]:
    """{question id: its option ids} of the round's question bank (to draw from)."""
    return {pk: [option[0] for option in options] for pk, (_, _, options) in question_bank(round_id).items()}


def _lock_open_attempt(attempt_id: int) -> bool:
    """Lock the attempt's row (PostgreSQL; SQLite serialises writers) if it is still open."""
    return bool(
        _fetch(
            f"SELECT a.id FROM {Attempt._meta.db_table} a WHERE a.id = %s AND a.submitted_at IS NULL{_lock('a')}",
            [attempt_id],
        )
    )


def _close_attempt(attempt_id: int, closed: dict) -> int | None:
    """Close the open attempt with `closed`'s values and its score, counted in the same
    statement (under the row lock): the score, or None if it was already closed."""
    db, fields = _db(), [Attempt._meta.get_field(name) for name in closed]
    assignments = ", ".join(f"{_quoted(field.column)} = %s" for field in fields)
    score = (
        f"SELECT COUNT(*) FROM {Answer._meta.db_table} s JOIN {Option._meta.db_table} o ON o.id = s.option_id"
        " WHERE s.attempt_id = %s AND o.is_correct"
    )
    rows = _fetch(
        f"UPDATE {Attempt._meta.db_table} SET {assignments}, score = ({score})"
        " WHERE id = %s AND submitted_at IS NULL RETURNING score",
        [*(field.get_db_prep_save(closed[field.name], db) for field in fields), attempt_id, attempt_id],
    )
    return rows[0][0] if rows else None
