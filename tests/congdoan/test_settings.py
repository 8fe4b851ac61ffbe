"""The settings module reads the environment as documented in the README."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env) -> subprocess.CompletedProcess:
    code = (
        "import json, congdoan.settings as s;"
        "print(json.dumps({'DEBUG': s.DEBUG, 'SECRET_KEY': s.SECRET_KEY, 'HOSTS': s.ALLOWED_HOSTS,"
        " 'ENGINE': s.DATABASES['default']['ENGINE'], 'NAME': str(s.DATABASES['default']['NAME']),"
        " 'CACHE': s.CACHES['default']['BACKEND'], 'STATIC': s.STORAGES['staticfiles']['BACKEND'],"
        " 'SSL': s.SECURE_SSL_REDIRECT}))"
    )
    ours = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"}
    clean_env = {key: value for key, value in os.environ.items() if key not in ours}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean_env, **env}, capture_output=True, text=True, check=False
    )


def test_secret_key_is_required_without_debug():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_debug_is_off_unless_set_and_defaults_are_production_safe():
    import json

    result = load_settings(SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["HOSTS"] == []
    assert values["SSL"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"].endswith("db.sqlite3")
    assert values["CACHE"].endswith("LocMemCache")
    assert values["STATIC"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_debug_gives_a_dev_key_and_local_hosts():
    import json

    values = json.loads(load_settings(DEBUG="1").stdout)
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("dev-only")
    assert "127.0.0.1" in values["HOSTS"]


def test_database_and_redis_urls():
    import json

    values = json.loads(
        load_settings(
            SECRET_KEY="k",
            DATABASE_URL="postgres://u:p@db.example:5432/congdoan",
            REDIS_URL="redis://cache:6379/1",
            ALLOWED_HOSTS="congdoanbackan.vn, www.congdoanbackan.vn",
        ).stdout
    )
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "congdoan"
    assert values["CACHE"] == "congdoan.caching.backends.ResilientRedisCache"
    assert values["HOSTS"] == ["congdoanbackan.vn", "www.congdoanbackan.vn"]


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_sqlite_file_databases_use_wal_and_wait_when_busy(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific: this run uses PostgreSQL")
    from django.db.backends.sqlite3.base import DatabaseWrapper

    params = {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}
    wrapper = DatabaseWrapper(params, alias="wal-check")
    try:
        wrapper.ensure_connection()
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] >= 10


def test_media_on_its_own_host_is_allowed_by_the_csp():
    code = (
        "import congdoan.settings as s;"
        "print(s.MEDIA_URL, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        " s.CONTENT_SECURITY_POLICY_ADMIN['DIRECTIVES']['img-src'])"
    )
    env = {**os.environ, "SECRET_KEY": "k", "MEDIA_URL": "https://media.congdoanbackan.vn/"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "'https://media.congdoanbackan.vn'" in result.stdout.split("]")[0]
    assert "'https://media.congdoanbackan.vn'" in result.stdout.split("]")[1]
