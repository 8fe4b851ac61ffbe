"""The settings module reads the environment as documented in the README."""

import ast
import os
import re
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
    assert values["HOSTS"] == ["*"]  # the federation table decides (congdoan.tenancy); no extra host
    assert values["SSL"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"].endswith("db.sqlite3")
    assert values["CACHE"].endswith("LocMemCache")
    assert values["STATIC"] == "congdoan.static_files.HashedStaticStorage"


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
    assert values["HOSTS"] == ["*", "congdoanbackan.vn", "www.congdoanbackan.vn"]


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


def environment_reads() -> set[str]:
    """Every variable settings.py (and gunicorn.conf.py) reads: os.environ.get/[…] and the
    env_bool/env_list helpers."""
    trees = [ast.parse((ROOT / name).read_text()) for name in ("congdoan/settings.py", "gunicorn.conf.py")]
    # not the helpers' own reads
    statements = [node for tree in trees for node in tree.body if not isinstance(node, ast.FunctionDef)]
    names = set()
    for node in (child for statement in statements for child in ast.walk(statement)):
        if isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "os.getenv", "env_bool", "env_list"} and node.args:
                names.add(node.args[0])
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(node.slice)
    assert all(isinstance(name, ast.Constant) for name in names), "read the environment with literal names"
    return {name.value for name in names} - {""}


def test_env_example_lists_exactly_the_variables_settings_reads():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    reads = environment_reads()
    assert "CONTEST_COUNTS_SECONDS" in reads and "DATABASE_URL" in reads  # the parser finds them
    assert sorted(reads - listed) == []
    assert sorted(listed - reads) == []


def test_readme_configuration_table_documents_every_variable():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])
    }
    assert sorted(environment_reads() - documented) == []


def test_settings_are_declared_not_guessed():
    """Every setting the project reads is declared in settings.py: no getattr(settings, …, default)."""
    sources = [
        path
        for folder in ("congdoan", "news", "banners", "campaigns", "contests", "tools")
        for path in (ROOT / folder).rglob("*.py")
    ]
    offenders = [str(path.relative_to(ROOT)) for path in sources if "getattr(settings" in path.read_text()]
    assert offenders == []
    assert (
        settings.BANNERS_SLIDE_INTERVAL_MS,
        settings.CONTEST_ANSWER_GRACE_SECONDS,
        settings.CONTEST_COUNTS_SECONDS,
    ) == (
        6000,
        30,
        30,
    )
