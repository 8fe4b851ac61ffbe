"""Option values tell nothing: playing the page's values or its order scores at chance level.

Options are created in authoring order and writers (and the importer's column A) often put
the correct answer first; the factory does too. Before per-attempt values, "always pick the
smallest value" scored full marks; without the shuffle, "always pick the first option" would.
"""

import math
import random
import re

import pytest

from contests import services
from contests.models import Attempt, Option

from .factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db
ATTEMPTS = 24
QUESTIONS = 10
OPTIONS = 4
RADIO = re.compile(r'name="q-(\d+)" value="([^"]*)"')


def chance_bounds(n: int, p: float, tail: float) -> tuple[int, int]:
    """Smallest `low` and largest `high` with P(X < low) <= tail and P(X > high) <= tail, X ~ B(n, p)."""
    pmf = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    low, below = 0, 0.0
    while below + pmf[low] <= tail:
        below += pmf[low]
        low += 1
    high, above = n, 0.0
    while above + pmf[high] <= tail:
        above += pmf[high]
        high -= 1
    return low, high


@pytest.fixture
def many_attempts(client, now, contest, contestant, monkeypatch):
    # A seeded shuffle makes the run repeatable; the bound below holds for any seed.
    monkeypatch.setattr(services, "_random", random.Random(20261201))
    round_ = RoundFactory(contest=contest, questions_per_attempt=QUESTIONS, attempts_allowed=ATTEMPTS + 2)
    for _ in range(QUESTIONS):
        QuestionFactory(round=round_)  # four options, the first written is the correct one
    assert set(Option.objects.filter(is_correct=True, order=0).values_list("question__round", flat=True)) == {round_.pk}
    client.force_login(contestant.user)
    return round_


def play(client, contest, round_, strategies) -> list[int]:
    """One attempt through the pages: each strategy picks from the values in page order; the
    first strategy's picks are submitted (its score is the site's own), the others are graded
    against the answer key the same way."""
    url = client.post(f"/cuoc-thi/{contest.slug}/dot/{round_.pk}/bat-dau/")["Location"]
    attempt_id = int(url.rstrip("/").rsplit("/", 1)[1])
    shown = {}
    for question, value in RADIO.findall(client.get(url).content.decode()):
        shown.setdefault(question, []).append(value)
    assert len(shown) == QUESTIONS and {len(values) for values in shown.values()} == {OPTIONS}
    picks = [{question: pick(values) for question, values in shown.items()} for pick in strategies]
    submitted = {f"q-{question}": value for question, value in picks[0].items()}
    assert client.post(url, {**submitted, "nop": "1"}).status_code == 302
    key = {
        str(question): services.option_value(attempt_id, pk)
        for pk, question in Option.objects.filter(is_correct=True, question__round=round_).values_list(
            "pk", "question_id"
        )
    }
    graded = [sum(key[question] == value for question, value in chosen.items()) for chosen in picks]
    assert graded[0] == Attempt.objects.get(pk=attempt_id).score
    return graded


def smallest_value(values):
    # Numerically for numbers (as ids were), else as text.
    return min(values, key=lambda value: (len(value), value))


def first_option(values):
    return values[0]


def test_smallest_value_and_first_option_score_at_chance_level(client, contest, many_attempts):
    smallest = first = 0
    for number in range(ATTEMPTS):
        # Each strategy is submitted in half of the attempts.
        strategies = (smallest_value, first_option) if number % 2 else (first_option, smallest_value)
        scores = dict(zip(strategies, play(client, contest, many_attempts, strategies), strict=True))
        smallest, first = smallest + scores[smallest_value], first + scores[first_option]
    # One-in-a-million tails on each side: a fair site fails this test once in 500,000 runs,
    # while ids as values (smallest = 240) or no shuffle (first = 240) fail it every time.
    low, high = chance_bounds(ATTEMPTS * QUESTIONS, 1 / OPTIONS, 1e-6)
    assert (low, high) == (30, 93)  # expected 60 of 240
    assert low <= smallest <= high, smallest
    assert low <= first <= high, first


def test_values_are_not_ids_and_change_from_one_attempt_to_the_next(client, contest, many_attempts):
    pages = []
    for _ in range(2):
        url = client.post(f"/cuoc-thi/{contest.slug}/dot/{many_attempts.pk}/bat-dau/")["Location"]
        pages.append(dict(RADIO.findall(client.get(url).content.decode())))
        client.post(url, {"nop": "1"})
    ids = {str(pk) for pk in Option.objects.values_list("pk", flat=True)}
    first, second = (set(page.values()) for page in pages)
    assert not first & ids and not second & ids
    assert not first & second
    assert all(re.fullmatch(r"[0-9a-f]{16}", value) for value in first | second)


def test_values_are_the_keyed_hash_they_always_were(settings):
    """Computed faster (the derived key kept), but the same values: attempts running while the
    site is updated keep the values already on their pages."""
    from django.utils.crypto import salted_hmac

    for secret in ("một-khoá-bí-mật", "khoá-khác"):
        settings.SECRET_KEY = secret
        for attempt_id, option_id in ((1, 1), (457, 12093), (10**9, 7)):
            expected = salted_hmac("contests.option-value", f"{attempt_id}:{option_id}", algorithm="sha256")
            assert services.option_value(attempt_id, option_id) == expected.hexdigest()[:16]
