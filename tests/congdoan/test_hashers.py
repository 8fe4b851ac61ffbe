"""Passwords are stored with Argon2id at OWASP's parameters; older PBKDF2 hashes still log in."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, identify_hasher, make_password

from congdoan.hashers import Argon2idPasswordHasher

PRODUCTION_HASHERS = [
    "congdoan.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


def test_new_passwords_use_argon2id_with_owasp_parameters(production_hashers):
    encoded = make_password("Mật-khẩu-đủ-dài-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), Argon2idPasswordHasher)
    assert check_password("Mật-khẩu-đủ-dài-2026", encoded)
    assert not check_password("sai", encoded)


def test_an_old_pbkdf2_hash_still_logs_in_and_is_upgraded(production_hashers):
    old = PBKDF2PasswordHasher().encode("mat-khau-cu-2020", PBKDF2PasswordHasher().salt())
    upgraded = []
    assert check_password("mat-khau-cu-2020", old, setter=lambda raw: upgraded.append(make_password(raw)))
    assert upgraded and upgraded[0].startswith("argon2$argon2id$")


def test_the_settings_name_the_project_hasher_first():
    from congdoan import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[:2] == PRODUCTION_HASHERS


@pytest.fixture
def real_hashers(settings):
    """The project's own list (tests/conftest.py swaps in MD5 for speed)."""
    from congdoan import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_the_settings_list_one_hasher_per_algorithm_name(real_hashers):
    from django.contrib.auth.hashers import get_hashers

    names = [hasher.algorithm for hasher in get_hashers()]
    assert len(names) == len(set(names))


def test_a_fresh_hash_is_not_flagged_for_update(real_hashers):
    encoded = make_password("Mật-khẩu-đủ-dài-2026")
    assert isinstance(identify_hasher(encoded), Argon2idPasswordHasher)
    assert identify_hasher(encoded).must_update(encoded) is False
    rehashed = []
    assert check_password("Mật-khẩu-đủ-dài-2026", encoded, setter=rehashed.append)
    assert rehashed == []


@pytest.mark.django_db
def test_a_correct_login_does_not_write_the_password_again(real_hashers, django_user_model, django_assert_num_queries):
    user = django_user_model.objects.create_user("thisinh-1-0912345678", password="Mật-khẩu-đủ-dài-2026")
    with django_assert_num_queries(0):
        assert user.check_password("Mật-khẩu-đủ-dài-2026")


def test_a_hash_with_djangos_heavier_argon2_defaults_logs_in_and_is_upgraded(real_hashers):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    heavy = Argon2PasswordHasher().encode("mat-khau-cu-2024", Argon2PasswordHasher().salt())
    assert identify_hasher(heavy).must_update(heavy) is True
    upgraded = []
    assert check_password("mat-khau-cu-2024", heavy, setter=lambda raw: upgraded.append(make_password(raw)))
    assert upgraded[0].startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.mark.django_db
def test_a_contestant_logging_in_keeps_the_stored_hash(real_hashers, client):
    """The login path end to end with the project's hashers: the hash made at registration is
    checked, not flagged for update, so the login writes no new hash (only `last_login`)."""
    from contests.models import contestant_username
    from tests.contests.factories import ContestantFactory, ContestFactory

    contest = ContestFactory(campaign__slug="cuoc-thi-phap-luat", slug="phap-luat-2023")
    contestant = ContestantFactory(contest=contest, phone="0912345678")
    user = contestant.user
    user.set_password("Mật-khẩu-đủ-dài-2026")
    user.save()
    stored = user.password
    assert stored.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    response = client.post(
        f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": "0912345678", "password": "Mật-khẩu-đủ-dài-2026"}
    )
    assert response.status_code == 302 and response["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"
    user.refresh_from_db()
    assert user.username == contestant_username(contest.pk, "0912345678")
    assert user.password == stored and user.last_login is not None
