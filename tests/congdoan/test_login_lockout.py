import datetime

import pytest
import time_machine
from django.test import RequestFactory

from congdoan.security import client_ip

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7")


def test_five_failures_lock_the_account_with_a_vietnamese_message(client, staff_user):
    for _ in range(4):
        response = attempt(client, staff_user.username, "sai-mat-khau")
        assert response.status_code == 200
        assert "Bạn hãy nhập đúng" in response.content.decode()
    response = attempt(client, staff_user.username, "sai-mat-khau")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "900 giây" in html and "15 phút" in html
    # Even the right password is refused while locked.
    assert attempt(client, staff_user.username, "mat-khau-thu").status_code == 429


def test_legitimate_login_works_after_the_cool_off(client, staff_user):
    start = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, staff_user.username, "sai")
        assert attempt(client, staff_user.username, "mat-khau-thu").status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = attempt(client, staff_user.username, "mat-khau-thu")
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_a_success_resets_the_failure_count(client, staff_user):
    for _ in range(4):
        attempt(client, staff_user.username, "sai")
    assert attempt(client, staff_user.username, "mat-khau-thu").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, staff_user.username, "sai").status_code == 200


def test_client_ip_trusts_only_our_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.9"
