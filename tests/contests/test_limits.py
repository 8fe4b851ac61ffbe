"""Limits on contestants' logins and registrations (contests/limits.py): a union office behind
one address is never stopped, a password spray or a registration flood is, with a 429 page in
Vietnamese. Counters live in the Django cache (local memory here, Redis with REDIS_URL)."""

import datetime
import html
import re

import pytest
import time_machine

from contests import limits
from contests.models import Contestant

from .conftest import NOW
from .factories import ContestantFactory

pytestmark = pytest.mark.django_db
OFFICE = "203.0.113.10"
PASSWORD = "mat-khau-thi-sinh"
WRONG_LOGIN = "Số điện thoại hoặc mật khẩu không đúng."
ADDRESS_LOCKED = (
    "Có quá nhiều lần đăng nhập sai từ cùng một địa chỉ mạng nên việc đăng nhập tạm dừng trong tối đa 15 phút. "
    "Vui lòng thử lại sau."
)
PHONE_LOCKED = (
    "Số điện thoại này đã nhập sai mật khẩu 5 lần nên tạm khóa đăng nhập trong tối đa 15 phút. "
    "Nếu quên mật khẩu, hãy gọi ban tổ chức để được cấp mật khẩu tạm."
)
TOO_MANY_REGISTRATIONS = (
    "Có quá nhiều lượt đăng ký dự thi từ cùng một địa chỉ mạng trong thời gian ngắn. Vui lòng thử lại sau 1 phút."
)


def refusal_on(response) -> str:
    found = re.search(r'<p class="contest-refusal">(.*?)</p>', response.content.decode())
    return html.unescape(found.group(1)) if found else ""


def log_in(client, contest, phone, password, address=OFFICE):
    return client.post(
        f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": phone, "password": password}, REMOTE_ADDR=address
    )


def form_errors(response) -> list[str]:
    return response.context["form"].non_field_errors() if response.status_code == 200 else []


@pytest.fixture
def local_cache(settings):
    """For tests that move the clock: Redis expires keys by its own clock, which time-machine
    cannot move, so these run on the local-memory cache (the other tests use whichever cache
    the settings name, Redis included)."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def members(contest, unit):
    return [ContestantFactory(contest=contest, unit=unit, phone=f"0912{n:06d}") for n in range(40)]


def test_a_spray_of_40_wrong_passwords_over_10_phones_is_stopped(client, now, contest, members):
    phones = [member.phone for member in members[:10]]
    answers = [log_in(client, contest, phones[n % 10], f"doan-bua-{n}") for n in range(40)]
    assert [response.status_code for response in answers] == [200] * 30 + [429] * 10
    assert all(form_errors(response) == [WRONG_LOGIN] for response in answers[:30])
    assert refusal_on(answers[30]) == ADDRESS_LOCKED and answers[30]["Retry-After"] == "900"
    # No phone reached its own limit: its owner logs in from home.
    assert log_in(client, contest, phones[0], PASSWORD, address="198.51.100.7").status_code == 302


def test_an_office_behind_one_address_is_never_stopped(client, now, contest, members):
    """40 members mistype once and then log in (40 failures, more than the address limit, all
    redeemed); 25 more give up after one wrong password (under the limit of 30)."""
    for member in members:
        assert form_errors(log_in(client, contest, member.phone, "go-nham")) == [WRONG_LOGIN]
        assert log_in(client, contest, member.phone, PASSWORD).status_code == 302
    quitters = [ContestantFactory(contest=contest, unit=member.unit, phone=f"0387{n:06d}") for n in range(25)]
    for member in quitters:
        assert log_in(client, contest, member.phone, "quen-roi").status_code == 200
    assert log_in(client, contest, members[0].phone, PASSWORD).status_code == 302


def test_hundreds_of_members_through_one_nat_over_a_morning(settings):
    """At the scale the office really has: 400 members, one in four mistyping first, one in
    twenty giving up, all within one window."""
    for n in range(400):
        who = {"contest_id": 1, "phone": f"09{n:08d}", "address": OFFICE}
        assert limits.login_refusal(**who) is None
        if n % 4 == 0 or n % 20 == 1:
            limits.record_login_failure(**who)
        if n % 20 != 1:
            limits.record_login_success(**who)


def test_a_phone_is_locked_after_five_wrong_passwords_from_any_address(local_cache, client, contest, contestant):
    start = datetime.datetime(2026, 3, 1, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(5):
            assert log_in(client, contest, "0912345678", "sai", address=f"198.51.100.{n}").status_code == 200
        locked = log_in(client, contest, "0912 345 678", PASSWORD, address="192.0.2.1")
        assert locked.status_code == 429 and refusal_on(locked) == PHONE_LOCKED
        assert locked["Retry-After"] == "900"
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = log_in(client, contest, "0912345678", PASSWORD)
        assert response.status_code == 302 and response["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"


def test_a_correct_password_clears_the_phones_failures(client, contest, contestant):
    for _ in range(4):
        log_in(client, contest, "0912345678", "sai")
    assert log_in(client, contest, "0912345678", PASSWORD).status_code == 302
    for _ in range(4):
        assert form_errors(log_in(client, contest, "0912345678", "sai")) == [WRONG_LOGIN]


def test_the_limits_come_from_settings(client, settings, contest, contestant):
    settings.CONTEST_LOGIN_FAILURES_PER_PHONE = 2
    for _ in range(2):
        log_in(client, contest, "0912345678", "sai")
    response = log_in(client, contest, "0912345678", PASSWORD)
    assert response.status_code == 429
    assert refusal_on(response).startswith("Số điện thoại này đã nhập sai mật khẩu 2 lần")


def test_without_a_reachable_cache_nothing_is_limited(client, contest, contestant, monkeypatch):
    class Unreachable:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(limits, "cache", Unreachable())
    for _ in range(10):
        assert form_errors(log_in(client, contest, "0912345678", "sai")) == [WRONG_LOGIN]
    assert log_in(client, contest, "0912345678", PASSWORD).status_code == 302


def registration(unit, n):
    return {
        "full_name": f"Đoàn viên số {n}",
        "phone": f"0387{n:06d}",
        "password1": "thi-tot-nhe-2023",
        "password2": "thi-tot-nhe-2023",
        "email": "",
        "date_of_birth": "17/05/1990",
        "unit": unit.pk,
        "consent": "on",
    }


def test_a_registration_flood_gets_a_vietnamese_429_page(local_cache, client, now, contest, unit):
    url = f"/cuoc-thi/{contest.slug}/dang-ky/"
    statuses = []
    for n in range(65):
        client.logout()
        statuses.append(client.post(url, registration(unit, n), REMOTE_ADDR=OFFICE).status_code)
    assert statuses == [302] * 60 + [429] * 5
    assert Contestant.objects.count() == 60
    refused = client.post(url, registration(unit, 99), REMOTE_ADDR=OFFICE)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refusal_on(refused) == TOO_MANY_REGISTRATIONS
    assert '<h1 class="contest-title">Tạm dừng trong ít phút</h1>' in refused.content.decode()
    # Another address is not affected, and the office may go on a minute later.
    assert client.post(url, registration(unit, 100), REMOTE_ADDR="198.51.100.7").status_code == 302
    client.logout()
    now.shift(datetime.timedelta(seconds=61))
    assert client.post(url, registration(unit, 101), REMOTE_ADDR=OFFICE).status_code == 302


def test_an_office_registering_its_members_passes(local_cache):
    """300 members over an afternoon (one every 48 s), then a meeting of 300 within ten
    minutes (one every 2 s): never refused."""
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(300):
            assert limits.registration_refusal(address=OFFICE) is None
            clock.shift(datetime.timedelta(seconds=48))
        clock.shift(datetime.timedelta(hours=1))
        for _ in range(300):
            assert limits.registration_refusal(address=OFFICE) is None
            clock.shift(datetime.timedelta(seconds=2))


def test_registrations_are_also_capped_per_hour(local_cache):
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(600):
            assert limits.registration_refusal(address=OFFICE) is None
            clock.shift(datetime.timedelta(seconds=5))
        refusal = limits.registration_refusal(address=OFFICE)
    assert refusal == limits.Refusal(
        "Có quá nhiều lượt đăng ký dự thi từ cùng một địa chỉ mạng trong thời gian ngắn. Vui lòng thử lại sau 60 phút.",
        3600,
    )


LIMIT_SETTINGS = {
    "CONTEST_LOGIN_FAILURES_PER_PHONE": 5,
    "CONTEST_LOGIN_FAILURES_PER_ADDRESS": 30,
    "CONTEST_LOGIN_WINDOW_SECONDS": 900,
    "CONTEST_REGISTRATIONS_PER_MINUTE": 60,
    "CONTEST_REGISTRATIONS_PER_HOUR": 600,
}


def test_limits_are_read_from_the_environment_and_documented():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        f"import json, congdoan.settings as s; print(json.dumps({{n: getattr(s, n) for n in {list(LIMIT_SETTINGS)}}}))"
    )
    base = {key: value for key, value in os.environ.items() if not key.startswith("CONTEST_")}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env={**base, "SECRET_KEY": "k"}, capture_output=True, text=True
    )
    assert json.loads(run.stdout) == LIMIT_SETTINGS
    changed = {name: str(value + 1) for name, value in LIMIT_SETTINGS.items()}
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**base, "SECRET_KEY": "k", **changed},
        capture_output=True,
        text=True,
    )
    assert json.loads(run.stdout) == {name: value + 1 for name, value in LIMIT_SETTINGS.items()}
    example = (root / ".env.example").read_text().splitlines()
    readme = (root / "README.md").read_text()
    for name, value in LIMIT_SETTINGS.items():
        assert f"{name}={value}" in example
        assert f"`{name}`" in readme
