"""Two editors saving at once on the embedded SQLite never see "database is locked".

Runs real processes against a real SQLite file with the project's settings (WAL, a busy
timeout, BEGIN IMMEDIATE): each process reads and then writes inside one transaction many
times — the pattern that makes SQLite's default DEFERRED transactions fail at once.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import os, sys, time
import django
django.setup()
from django.db import transaction
from congdoan.models import Federation
from congdoan.tenancy import default_federation

name = sys.argv[1]
for number in range(40):
    with transaction.atomic():
        identity = Federation.objects.order_by("pk").first()  # read ...
        time.sleep(0.005)  # ... think while the other editor writes ...
        identity.tagline = f"{name} {number}"  # ... then write
        identity.save()
print("ok")
"""


def run(code, env, *args):
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_wait_for_each_other_instead_of_failing(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congdoan.settings",
        "SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'editors.sqlite3'}",
        "REDIS_URL": "",
        "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
    }
    setup = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert setup.returncode == 0, setup.stderr
    seed = run(
        "import django; django.setup(); from congdoan.tenancy import default_federation; default_federation()", env
    )
    assert seed.wait(timeout=60) == 0, seed.stderr.read()

    writers = [run(WRITER, env, name) for name in ("bientap-1", "bientap-2", "bientap-3")]
    results = [(writer.wait(timeout=120), writer.stdout.read(), writer.stderr.read()) for writer in writers]
    for code, out, err in results:
        assert "database is locked" not in err
        assert code == 0, err
        assert out.strip() == "ok"


@pytest.mark.parametrize("pragma", ["journal_mode", "busy_timeout"])
def test_pragmas_of_a_fresh_connection(tmp_path, pragma):
    code = (
        "import django; django.setup(); from django.db import connection;"
        f"cursor = connection.cursor(); cursor.execute('PRAGMA {pragma}'); print(cursor.fetchone()[0])"
    )
    env = {**os.environ, "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "congdoan.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == {"journal_mode": "wal", "busy_timeout": "20000"}[pragma]


EDIT_IDENTITY = r"""
import django
django.setup()
from congdoan.models import Federation
from congdoan.tenancy import default_federation
identity = Federation.objects.get(pk=default_federation().pk)
identity.name_line2 = "TỈNH THỬ NGHIỆM"
identity.save()
"""


def test_without_redis_an_edit_reaches_every_worker_at_once(tmp_path):
    """Two gunicorn workers, each with its own local-memory cache, and an edit saved by a third
    process: every worker serves the new page at once (the shared content-version file)."""
    from tests.servers import Gunicorn

    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
        "REDIS_URL": "",
        "PAGE_CACHE_SECONDS": "600",
        "FRAGMENT_CACHE_SECONDS": "600",
    }
    process_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "congdoan.settings", "SECRET_KEY": "test-only", **env}
    setup = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=process_env, capture_output=True
    )
    assert setup.returncode == 0, setup.stderr
    server = Gunicorn(env, workers=2)
    server.start()

    def many_at_once():
        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(lambda _: server.get("/"), range(48)))

    try:
        # Until both workers have rendered and cached the page (one miss each).
        misses = 0
        for _ in range(10):
            before = many_at_once()
            assert all(status == 200 for status, _, _ in before)
            misses += [headers.get("X-Page-Cache") for _, headers, _ in before].count("miss")
            if misses == 2:
                break
        assert misses == 2
        edit = run(EDIT_IDENTITY, process_env)
        assert edit.wait(timeout=60) == 0, edit.stderr.read()
        after = many_at_once()
        assert all("TỈNH THỬ NGHIỆM" in body for _, _, body in after)
    finally:
        server.stop()
