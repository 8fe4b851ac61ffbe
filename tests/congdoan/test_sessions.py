"""Sessions and the logged-in user are read with plain SQL (congdoan/sessions.py,
FederationRoleBackend.get_user): the same rules as Django's own, one cheaper query each."""

import datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("thanh-vien", password="Mật-khẩu-đủ-dài-2026")


def whoami(client):
    """The user a request sees, as the attempt pages see it (request.user)."""
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    return get_user(request)


def test_the_settings_use_the_sql_session_store(settings):
    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    from congdoan import sessions

    assert settings.SESSION_ENGINE == "congdoan.sessions"
    assert issubclass(sessions.SessionStore, DatabaseSessionStore)


def test_a_logged_in_session_is_read_back_in_two_queries(client, member, django_assert_num_queries):
    assert client.login(username="thanh-vien", password="Mật-khẩu-đủ-dài-2026")
    with django_assert_num_queries(2):  # the session, then the user
        user = whoami(client)
    assert user == member and user.is_authenticated
    assert client.session[SESSION_KEY] == str(member.pk)


def test_an_expired_session_is_not_read(client, member):
    client.force_login(member)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert not whoami(client).is_authenticated


def test_logging_out_ends_the_session_everywhere(client, member):
    client.force_login(member)
    key = client.session.session_key
    client.post("/cuoc-thi/bat-ky/dang-xuat/")
    assert not Session.objects.filter(session_key=key).exists()
    assert not whoami(client).is_authenticated


def test_an_inactive_user_or_a_changed_password_ends_the_login(client, member):
    client.force_login(member)
    member.is_active = False
    member.save()
    assert not whoami(client).is_authenticated
    member.is_active = True
    member.save()
    client.force_login(member)
    member.set_password("Mật-khẩu-mới-2026")
    member.save()
    assert not whoami(client).is_authenticated  # Django's session hash no longer matches
