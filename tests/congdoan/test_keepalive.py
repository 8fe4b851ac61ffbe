"""nginx, not gunicorn, closes an idle keep-alive connection between them.

When gunicorn dropped an idle connection first (its threaded workers' default: 2 s), nginx now
and then sent a request down it as it closed, and answered a POST 502 rather than repeat it."""

import http.client
import os
import re
import runpy
import subprocess
import sys
import time

import pytest

from tests.servers import ROOT, Gunicorn

# What gunicorn did before gunicorn.conf.py set `keepalive`: an idle connection gone after 2 s.
GUNICORN_DEFAULT_KEEPALIVE = 2


def nginx_upstream_keepalive_timeout() -> int:
    upstream = re.search(r"upstream congdoan_app \{(.*?)\}", (ROOT / "deploy" / "nginx.conf").read_text(), re.S)
    return int(re.search(r"^\s*keepalive_timeout (\d+)s;", upstream.group(1), re.M).group(1))


def test_gunicorn_keeps_an_idle_connection_longer_than_nginx_does():
    gunicorn = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert nginx_upstream_keepalive_timeout() == 60
    assert gunicorn["keepalive"] == 75


@pytest.fixture(scope="module")
def threaded_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("keepalive")
    url = f"sqlite:///{directory / 'db.sqlite3'}"
    env = {**os.environ, "SECRET_KEY": "test-only", "DATABASE_URL": url, "REDIS_URL": ""}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stderr
    server = Gunicorn(
        {"DATABASE_URL": url, "REDIS_URL": "", "CONTENT_VERSION_FILE": str(directory / "content-version")},
        extra=("--worker-class", "gthread", "--threads", "2"),
    )
    server.start()
    yield server
    server.stop()


def test_a_connection_idle_past_gunicorns_old_timeout_still_takes_a_request(threaded_server):
    connection = http.client.HTTPConnection("127.0.0.1", threaded_server.port, timeout=10)
    answers = []
    for pause in (0, GUNICORN_DEFAULT_KEEPALIVE + 1.5):  # gunicorn looks at idle connections each second
        time.sleep(pause)
        # A closed connection fails here (RemoteDisconnected): http.client does not reconnect.
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        answers.append((response.status, response.read(), id(connection.sock)))
    connection.close()
    assert answers == [(200, b"ok", answers[0][2])] * 2
