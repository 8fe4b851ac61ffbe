import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from congdoan.models import Federation

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Federation.objects.count() == 1


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
