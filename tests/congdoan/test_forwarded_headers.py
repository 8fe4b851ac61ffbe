"""A client's X-Forwarded-* headers are believed only when a proxy is trusted, so one request
cannot store `https://` (or another host) in a cached page for everyone; against gunicorn."""

import os
import subprocess
import sys

import pytest

from tests.servers import ROOT, Gunicorn

POISON = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-Ssl": "on"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('forwarded') / 'db.sqlite3'}"
    env = {**os.environ, "SECRET_KEY": "test-only", "DATABASE_URL": url, "REDIS_URL": ""}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stderr
    return url


@pytest.fixture
def server(tmp_path, database):
    def start(**env):
        started = Gunicorn(
            {
                "DATABASE_URL": database,
                "REDIS_URL": "",
                "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
                "PAGE_CACHE_SECONDS": "600",
                **env,
            }
        )
        started.start()
        servers.append(started)
        return started

    servers = []
    yield start
    for started in servers:
        started.stop()


def sitemap_line(server, headers=None):
    status, response_headers, body = server.get("/robots.txt", headers=headers)
    assert status == 200
    return body.splitlines()[-1], response_headers.get("X-Page-Cache")


def test_a_poisoned_fresh_key_is_read_back_plain(server):
    gunicorn = server()
    plain = f"Sitemap: http://127.0.0.1:{gunicorn.port}/sitemap.xml"
    assert sitemap_line(gunicorn, POISON) == (plain, "miss")
    assert sitemap_line(gunicorn) == (plain, "hit")


def test_behind_a_trusted_proxy_its_scheme_is_used(server):
    gunicorn = server(BEHIND_HTTPS_PROXY="1", SECURE_SSL_REDIRECT="0")
    secure = f"Sitemap: https://127.0.0.1:{gunicorn.port}/sitemap.xml"
    assert sitemap_line(gunicorn, {"X-Forwarded-Proto": "https"}) == (secure, "miss")
    # The plain request is another page (another scheme), never the https one.
    assert sitemap_line(gunicorn) == (f"Sitemap: http://127.0.0.1:{gunicorn.port}/sitemap.xml", "miss")
