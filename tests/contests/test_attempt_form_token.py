"""The attempt page's form proves it came from the page with the attempt token, in place of
Django's CSRF token (contests.views._forged): a browser with the page posts, a forged form
does not, an old page with a CSRF token still does."""

import datetime
import re

import pytest
import time_machine
from django.test import Client

from contests import tokens
from contests.models import Answer, Attempt, AttemptQuestion, Option
from contests.services import option_value, start_attempt

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(now, contestant, open_round):
    return start_attempt(contestant=contestant, round=open_round, now=NOW).attempt


@pytest.fixture
def browser(contestant):
    """A contestant's browser with Django's CSRF check on, as in production."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(contestant.user)
    return client


def url(contest, attempt):
    return f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/"


def an_answer(attempt):
    question = AttemptQuestion.objects.filter(attempt=attempt).order_by("position").first().question_id
    option = Option.objects.filter(question_id=question).order_by("pk").first()
    return question, {f"q-{question}": option_value(attempt.pk, option.pk)}, option


def test_the_form_carries_the_attempt_token_and_no_csrf_token(browser, contest, attempt):
    html = browser.get(url(contest, attempt)).content.decode()
    form = html.split('<form method="post" class="contest-attempt"', 1)[1].split("</form>", 1)[0]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert hidden == [("ma-luot", tokens.attempt_token(attempt))]
    assert "csrfmiddlewaretoken" not in html


def test_a_post_with_the_token_is_saved_without_a_csrf_cookie(browser, contest, attempt):
    question, form, option = an_answer(attempt)
    response = browser.post(url(contest, attempt), {**form, "ma-luot": tokens.attempt_token(attempt), "luu": "tat-ca"})
    assert response.status_code == 302
    assert response["Location"] == url(contest, attempt)
    assert Answer.objects.get(attempt=attempt, question_id=question).option_id == option.pk


def test_a_submit_with_the_token_submits(browser, contest, attempt):
    _, form, _ = an_answer(attempt)
    response = browser.post(url(contest, attempt), {**form, "ma-luot": tokens.attempt_token(attempt), "nop": "1"})
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).submitted_at == NOW


@pytest.mark.parametrize(
    "token",
    ["", "rác", "1.2.3:giả-mạo", "١٢٣", "\u200f" + "x" * 40],
    ids=["missing", "garbage", "forged", "arabic-digits", "rtl-mark"],
)
def test_a_forged_form_is_refused_and_changes_nothing(browser, contest, attempt, token):
    _, form, _ = an_answer(attempt)
    response = browser.post(url(contest, attempt), {**form, "ma-luot": token, "nop": "1"})
    assert response.status_code == 403
    assert not Answer.objects.filter(attempt=attempt).exists()
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is None


def test_the_token_of_another_attempt_is_refused(browser, contest, attempt, contestant, open_round):
    other = Attempt.objects.create(
        contestant=contestant,
        round=open_round,
        number=2,
        attempts_allowed=open_round.attempts_allowed,
        started_at=NOW,
        deadline=NOW + datetime.timedelta(minutes=20),
        submitted_at=NOW,
    )
    _, form, _ = an_answer(attempt)
    response = browser.post(url(contest, attempt), {**form, "ma-luot": tokens.attempt_token(other), "nop": "1"})
    assert response.status_code == 403
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is None


def test_an_expired_token_is_the_pages_own_and_meets_the_deadline_rule(browser, contest, attempt):
    token = tokens.attempt_token(attempt)
    _, form, _ = an_answer(attempt)
    with time_machine.travel(attempt.deadline + datetime.timedelta(hours=1), tick=False):
        response = browser.post(url(contest, attempt), {**form, "ma-luot": token, "luu": "tat-ca"}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert "Đã hết giờ làm bài: câu trả lời này không được ghi nhận." in messages
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_a_page_opened_before_the_change_posts_with_its_csrf_token(browser, contest, attempt):
    browser.get(f"/cuoc-thi/{contest.slug}/cua-toi/")  # a page with Django's CSRF token sets the cookie
    question, form, option = an_answer(attempt)
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(url(contest, attempt), {**form, "csrfmiddlewaretoken": csrf, "luu": "tat-ca"})
    assert response.status_code == 302
    assert Answer.objects.get(attempt=attempt, question_id=question).option_id == option.pk
