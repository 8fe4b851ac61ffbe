import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from congdoan.models import Federation, Redirect

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(Federation.objects.values_list("code", "state")) == [
        ("backan", "merged"),
        ("sonla", "active"),
        ("thainguyen", "active"),
        ("tld", "active"),
    ]


def test_the_demo_network_answers_by_host(client, settings):
    settings.ALLOWED_HOSTS = ["*", "127.0.0.1", "localhost"]  # as `make run` sets them
    call_command("load_demo", stdout=io.StringIO())

    def brand(host):
        response = client.get("/", HTTP_HOST=host)
        assert response.status_code == 200, host
        html = response.content.decode()
        return html.split('class="brand-line2">')[1].split("<")[0]

    assert brand("127.0.0.1:8000") == "TỈNH THÁI NGUYÊN"  # the default federation
    assert brand("thainguyen.localhost:8000") == "TỈNH THÁI NGUYÊN"
    assert brand("sonla.localhost:8000") == "TỈNH SƠN LA"
    assert brand("congdoan.localhost:8000") == "VIỆT NAM"
    old = client.get("/chuyen-muc/tin-tuc-su-kien/", HTTP_HOST="backan.localhost:8000")
    assert (old.status_code, old["Location"]) == (301, "http://thainguyen.localhost:8000/chuyen-muc/tin-tuc-su-kien/")
    recorded = Redirect.objects.order_by("pk").first()
    moved = client.get(recorded.old_path, HTTP_HOST="backan.localhost:8000")
    assert moved["Location"] == f"http://thainguyen.localhost:8000{recorded.new_path}"
    assert client.get(moved["Location"].removeprefix("http://thainguyen.localhost:8000"),
                      HTTP_HOST="thainguyen.localhost:8000").status_code == 200  # fmt: skip
    assert client.get("/", HTTP_HOST="other.localhost:8000").status_code == 400


def test_ensure_admin_prints_a_working_password_and_resets_it_each_run():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    first = out.getvalue().rsplit("mật khẩu: ", 1)[1].strip()
    assert authenticate(username="admin", password=first).is_superuser

    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    second = out.getvalue().rsplit("mật khẩu: ", 1)[1].strip()
    assert second != first
    assert authenticate(username="admin", password=second) is not None
    assert authenticate(username="admin", password=first) is None
    assert get_user_model().objects.filter(username="admin").count() == 1
