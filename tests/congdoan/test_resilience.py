"""A dropped database connection: reads retry once, then a Vietnamese 503; writes never retry."""

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

OUTAGE_TITLE = "<title>Trang web tạm thời gián đoạn</title>"
calls = []


def flaky(failures: int, error=OperationalError):
    """A view that fails `failures` times with a database error, then answers."""

    def view(request):
        calls.append(request.method)
        if len(calls) <= failures:
            raise error("server closed the connection unexpectedly")
        return HttpResponse("đã đọc")

    return view


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("mot-lan/", flaky(1)),
    path("mot-lan-interface/", flaky(1, InterfaceError)),
    path("luon-loi/", flaky(99)),
    path("boom/", _boom),
]
handler500 = "congdoan.resilience.server_error"


@pytest.fixture(autouse=True)
def _fresh_calls(client):
    calls.clear()
    client.raise_request_exception = False
    with override_settings(DEBUG=False):
        yield


@pytest.mark.parametrize("url", ["/mot-lan/", "/mot-lan-interface/"])
def test_a_read_that_meets_a_dropped_connection_is_retried_once(client, url):
    response = client.get(url)
    assert (response.status_code, response.content.decode()) == (200, "đã đọc")
    assert calls == ["GET", "GET"]


def test_head_is_retried_too(client):
    assert client.head("/mot-lan/").status_code == 200
    assert calls == ["HEAD", "HEAD"]


def test_a_read_failing_twice_gets_the_outage_page(client):
    response = client.get("/luon-loi/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert OUTAGE_TITLE in body
    assert "<h1>Trang web tạm thời gián đoạn</h1>" in body
    assert calls == ["GET", "GET"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_is_never_retried(client, method):
    response = getattr(client, method)("/mot-lan/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert OUTAGE_TITLE in response.content.decode()
    assert calls == [method.upper()]


def test_other_errors_stay_the_500_page(client):
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "<h1>Hệ thống đang gặp sự cố</h1>" in response.content.decode()
