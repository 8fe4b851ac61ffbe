"""Saving answers: the page script's lean JSON endpoint with its attempt token, and the whole form."""

import datetime
import re

import pytest
import time_machine
from django.test import Client

from contests import tokens
from contests.models import Answer, AttemptQuestion, Option
from contests.services import (
    ContestError,
    option_value,
    record_choice,
    save_choices,
    start_attempt,
    submit_attempt,
)

from .conftest import NOW
from .factories import ContestantFactory

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def attempt(now, contestant, open_round):
    return start_attempt(contestant=contestant, round=open_round, now=NOW).attempt


@pytest.fixture
def script():
    """The page's script: no cookies (fetch with credentials "omit"), and Django's CSRF check on."""
    return Client(enforce_csrf_checks=True)


def save_url(contest, attempt):
    return f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/luu/"


def first_choice(attempt):
    question = AttemptQuestion.objects.filter(attempt=attempt).order_by("position").first().question_id
    option = Option.objects.filter(question_id=question).order_by("pk").first()
    return question, option


def post(script, contest, attempt, data, token):
    headers = {"X-Attempt-Token": token} if token is not None else {}
    return script.post(save_url(contest, attempt), data, headers=headers)


def test_the_attempt_page_gives_the_script_its_save_address_and_token(client, contest, contestant, attempt):
    client.force_login(contestant.user)
    html = client.get(f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/").content.decode()
    form = re.search(r'<form method="post" class="contest-attempt"[^>]*>', html).group(0)
    assert re.search(r'data-save-url="([^"]*)"', form).group(1) == f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/luu/"
    assert re.search(r'data-token="([^"]*)"', form).group(1) == tokens.attempt_token(attempt)


def test_a_save_with_the_token_is_stored_without_session_or_csrf_cookie(script, contest, attempt):
    question, option = first_choice(attempt)
    response = post(
        script, contest, attempt, {f"q-{question}": option_value(attempt.pk, option.pk)}, tokens.attempt_token(attempt)
    )
    assert response.status_code == 200 and response.json() == {"saved": 1, "errors": []}
    answer = Answer.objects.get(attempt=attempt)
    assert (answer.question_id, answer.option_id, answer.saved_at) == (question, option.pk, NOW)
    # Nothing but the JSON: no session or CSRF cookie written, no template rendered, not stored.
    assert response.cookies == {} and response.templates == []
    assert "no-store" in response["Cache-Control"].split(", ")


def test_a_save_is_two_queries(script, contest, attempt, django_assert_num_queries):
    """The options of the drawn question, then one statement that locks the attempt, checks its
    owner, submission and deadline and upserts the answer: 2, against 8 through the session-logged
    form (session, user, contest, contestant, attempt, options, lock, upsert). A contest is
    20-odd saves per contestant, thousands of contestants at once: each query saved is
    thousands of round trips a minute."""
    question, option = first_choice(attempt)
    data = {f"q-{question}": option_value(attempt.pk, option.pk)}
    with django_assert_num_queries(2):
        response = post(script, contest, attempt, data, tokens.attempt_token(attempt))
    assert response.status_code == 200


def test_saving_again_replaces_the_choice(script, contest, attempt):
    question, option = first_choice(attempt)
    other = Option.objects.filter(question_id=question).exclude(pk=option.pk).first()
    token = tokens.attempt_token(attempt)
    post(script, contest, attempt, {f"q-{question}": option_value(attempt.pk, option.pk)}, token)
    post(script, contest, attempt, {f"q-{question}": option_value(attempt.pk, other.pk)}, token)
    assert list(Answer.objects.filter(attempt=attempt).values_list("option_id", flat=True)) == [other.pk]


@pytest.mark.parametrize("token", [None, "", "1.2.3", "garbage:signature"])
def test_without_a_genuine_token_nothing_is_saved(script, contest, attempt, token):
    question, option = first_choice(attempt)
    response = post(script, contest, attempt, {f"q-{question}": option_value(attempt.pk, option.pk)}, token)
    assert response.status_code == 403
    assert response.json() == {"saved": 0, "errors": ["Phiên làm bài không hợp lệ: hãy tải lại trang rồi chọn lại."]}
    assert not Answer.objects.exists()


def test_a_token_altered_or_of_another_attempt_is_refused(script, contest, contestant, open_round, attempt):
    question, option = first_choice(attempt)
    data = {f"q-{question}": option_value(attempt.pk, option.pk)}
    genuine = tokens.attempt_token(attempt)
    payload, signature = genuine.split(":")
    attempt_id, contestant_id, expires = payload.split(".")
    for forged in (
        f"{attempt_id}.{contestant_id}.{int(expires) + 3600}:{signature}",  # a longer life
        f"{attempt_id}.{int(contestant_id) + 1}.{expires}:{signature}",  # another contestant
    ):
        assert post(script, contest, attempt, data, forged).status_code == 403
    # A genuine token of the contestant's other attempt does not open this one.
    submit_attempt(attempt=attempt, now=NOW)
    second = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    response = post(script, contest, second, data, genuine)
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_another_contestants_attempt_is_never_written_even_with_a_valid_signature(attempt):
    """The save's SQL writes only for the contestant named in the token (belt and braces:
    the signature already binds the attempt to its contestant)."""
    question, option = first_choice(attempt)
    stranger = ContestantFactory(contest=attempt.contestant.contest)
    with pytest.raises(ContestError) as refusal:
        record_choice(
            attempt_id=attempt.pk,
            contestant_id=stranger.pk,
            question_id=question,
            value=option_value(attempt.pk, option.pk),
            now=NOW,
        )
    assert (refusal.value.code, refusal.value.message) == ("not_found", "Không có lượt thi này.")
    assert not Answer.objects.exists()


def test_the_token_expires_with_the_attempt(script, contest, attempt):
    question, option = first_choice(attempt)
    data = {f"q-{question}": option_value(attempt.pk, option.pk)}
    token = tokens.attempt_token(attempt)
    with time_machine.travel(attempt.deadline + MINUTE / 4, tick=False):  # within the 30 s grace
        assert post(script, contest, attempt, data, token).status_code == 200
    with time_machine.travel(attempt.deadline + MINUTE, tick=False):
        late = post(script, contest, attempt, data, token)
    assert late.status_code == 400
    assert late.json() == {"saved": 0, "errors": ["Đã hết giờ làm bài: câu trả lời này không được ghi nhận."]}


def test_a_submitted_attempt_takes_no_more_answers(script, contest, attempt):
    question, option = first_choice(attempt)
    submit_attempt(attempt=attempt, now=NOW)
    response = post(
        script, contest, attempt, {f"q-{question}": option_value(attempt.pk, option.pk)}, tokens.attempt_token(attempt)
    )
    assert response.status_code == 400
    assert response.json() == {
        "saved": 0,
        "errors": ["Lượt thi này đã nộp bài; câu trả lời không thay đổi được nữa."],
    }
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Mỗi lần chỉ lưu một câu trả lời."),
        ({"q-1": "a", "q-2": "b"}, "Mỗi lần chỉ lưu một câu trả lời."),
        ({"q-abc": "x"}, "Câu trả lời không hợp lệ."),
        # int() reads these as numbers; a question id is ASCII digits only, at most 18 of them.
        ({"q-١": "x"}, "Câu trả lời không hợp lệ."),
        ({"q-１": "x"}, "Câu trả lời không hợp lệ."),
        ({"q- 1": "x"}, "Câu trả lời không hợp lệ."),
        ({"q-+1": "x"}, "Câu trả lời không hợp lệ."),
        ({"q-1_0": "x"}, "Câu trả lời không hợp lệ."),
        ({"q-" + "9" * 19: "x"}, "Câu trả lời không hợp lệ."),
        ({"q-" + "9" * 500: "x"}, "Câu trả lời không hợp lệ."),
        ({"q-999999": "x"}, "Câu hỏi này không có trong lượt thi của bạn."),
        ("own question, unknown value", "Phương án này không thuộc câu hỏi."),
    ],
)
def test_bad_input_is_a_400_with_the_reason(script, contest, attempt, data, message):
    if isinstance(data, str):
        question, _ = first_choice(attempt)
        data = {f"q-{question}": "0123456789abcdef"}
    response = post(script, contest, attempt, data, tokens.attempt_token(attempt))
    assert response.status_code == 400 and response.json() == {"saved": 0, "errors": [message]}
    assert not Answer.objects.exists()


LOOK_ALIKES = [
    "١٢٣٤",  # Arabic-Indic digits
    "¹²³",  # superscripts
    "０１２３",  # full-width digits
    "𝟙𝟚𝟛",  # mathematical double-struck digits
    "\u200f0123456789abcdef",  # a right-to-left mark before hex digits
]


@pytest.mark.parametrize("sent", LOOK_ALIKES)
def test_a_value_in_other_scripts_is_a_400_not_a_500(script, contest, attempt, sent):
    question, option = first_choice(attempt)
    valid = option_value(attempt.pk, option.pk)
    for value in (
        sent,
        "\u200f" + valid,
        valid + "\u200e",
        valid.upper().translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ):
        response = post(script, contest, attempt, {f"q-{question}": value}, tokens.attempt_token(attempt))
        assert (response.status_code, response.json()) == (
            400,
            {"saved": 0, "errors": ["Phương án này không thuộc câu hỏi."]},
        )
    assert not Answer.objects.exists()


@pytest.mark.parametrize("sent", LOOK_ALIKES)
def test_the_whole_form_with_a_value_in_other_scripts_is_refused_and_saves_nothing(
    client, contest, contestant, attempt, sent
):
    client.force_login(contestant.user)
    first, second = (
        AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("question_id", flat=True)[:2]
    )
    kept = Option.objects.filter(question_id=first).order_by("pk").first()
    save_choices(attempt=attempt, chosen={str(first): option_value(attempt.pk, kept.pk)}, now=NOW)
    form = {
        tokens.FIELD: tokens.attempt_token(attempt),
        f"q-{first}": option_value(attempt.pk, kept.pk),
        f"q-{second}": sent,
        "luu": "tat-ca",
    }
    response = client.post(f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/", form, headers={"Accept": "application/json"})
    assert (response.status_code, response.json()) == (
        400,
        {"saved": 0, "errors": ["Phương án này không thuộc câu hỏi."]},
    )
    assert dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "option_id")) == {first: kept.pk}


def test_only_post_is_allowed(script, contest, attempt):
    assert (
        script.get(save_url(contest, attempt), headers={"X-Attempt-Token": tokens.attempt_token(attempt)}).status_code
        == 405
    )


def test_the_whole_form_writes_only_the_answers_that_changed(attempt, django_assert_num_queries):
    """ "Nộp bài" and every "Lưu" button post all chosen options, most already saved by the
    script: the drawn options with the saved answers are read once (1 query) and only the
    changed answer is written (1), where saving each posted choice cost 2 queries apiece."""
    drawn = list(
        AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("question_id", flat=True)
    )
    picks = {question: Option.objects.filter(question_id=question).order_by("pk").first() for question in drawn}
    form = {str(question): option_value(attempt.pk, option.pk) for question, option in picks.items()}
    assert save_choices(attempt=attempt, chosen=form, now=NOW) == 3
    changed = Option.objects.filter(question_id=drawn[0]).order_by("pk").last()
    form[str(drawn[0])] = option_value(attempt.pk, changed.pk)
    with django_assert_num_queries(2):
        assert save_choices(attempt=attempt, chosen=form, now=NOW + MINUTE) == 3
    stored = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "option_id"))
    assert stored == {drawn[0]: changed.pk, drawn[1]: picks[drawn[1]].pk, drawn[2]: picks[drawn[2]].pk}
    assert Answer.objects.get(attempt=attempt, question_id=drawn[0]).saved_at == NOW + MINUTE


def test_the_whole_form_refuses_a_value_of_another_question(attempt):
    first, second = (
        AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("question_id", flat=True)[:2]
    )
    foreign = Option.objects.filter(question_id=second).first()
    with pytest.raises(ContestError, match="Phương án này không thuộc câu hỏi"):
        save_choices(attempt=attempt, chosen={str(first): option_value(attempt.pk, foreign.pk)}, now=NOW)
    assert not Answer.objects.exists()
