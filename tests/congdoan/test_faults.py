"""The site keeps serving through Redis and PostgreSQL outages, against real servers."""

import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
from django.db import connection, transaction

from congdoan.caching import CacheUnavailable
from congdoan.models import Federation
from congdoan.tenancy import default_federation
from tests.news.factories import ArticleFactory
from tests.servers import Gunicorn

PUBLIC_URLS = ["/", "/khong-co-trang-nay/", "/robots.txt"]


def requires_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: this run uses SQLite (set DATABASE_URL)")


def database_url() -> str:
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{params['NAME']}"
    )


@pytest.fixture
def page_cache_on_redis(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 600
    return redis_cache


def status_and_cache(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache")


@pytest.mark.django_db
def test_pages_render_from_the_database_while_redis_is_down_and_cache_again_after(client, page_cache_on_redis):
    redis = page_cache_on_redis
    assert status_and_cache(client, "/") == (200, "miss")
    assert status_and_cache(client, "/") == (200, "hit")

    redis.stop()
    for url, status in zip(PUBLIC_URLS, (200, 404, 200), strict=True):
        response = client.get(url)
        assert response.status_code == status, url
        assert "X-Page-Cache" not in response
    identity = Federation.objects.get(pk=default_federation().pk)
    identity.name_line2 = "TỈNH HÀ GIANG"
    # The cache cannot be told, so the edit is refused rather than left unseen behind old pages
    # (tests/congdoan/test_retraction.py follows this through the admin).
    with pytest.raises(CacheUnavailable), transaction.atomic():
        identity.save()
    assert not Federation.objects.filter(name_line2="TỈNH HÀ GIANG").exists()

    redis.start()
    time.sleep(0.3)  # CACHE_RETRY_SECONDS: then the next call tries the server again
    identity.save()
    seen = [status_and_cache(client, "/") for _ in range(2)]
    assert seen == [(200, "miss"), (200, "hit")]
    assert "TỈNH HÀ GIANG" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_gunicorn_survives_postgresql_dropping_its_connections():
    requires_postgres()
    Federation.objects.filter(pk=default_federation().pk).update(name_line2="TỈNH TUYÊN QUANG")
    server = Gunicorn({"DATABASE_URL": database_url(), "REDIS_URL": "", "PAGE_CACHE_SECONDS": "0"})
    server.start()
    try:
        status, _, body = server.get("/")
        assert status == 200 and "TỈNH TUYÊN QUANG" in body
        # What a database restart does to every open connection.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        time.sleep(0.2)
        statuses = [server.get("/")[0] for _ in range(3)]
        assert statuses == [200, 200, 200]
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_edits_at_once(redis_server, django_user_model, settings):
    requires_postgres()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what gunicorn checks with
    default_federation()
    django_user_model.objects.create_superuser("quantri", "qt@example.org", "mat-khau-dai-123")
    env = {"DATABASE_URL": database_url(), "REDIS_URL": redis_server.url}
    first, second = Gunicorn(env), Gunicorn(env)
    first.start()
    second.start()
    try:
        assert second.get("/")[0] == 200
        assert second.get("/")[1]["X-Page-Cache"] == "hit"

        # Log in and edit through the first server's admin, as an editor would.
        _, _, login_page = first.get("/admin/login/")
        token = login_page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        form = f"csrfmiddlewaretoken={token}&username=quantri&password=mat-khau-dai-123&next=/admin/"
        first.get("/admin/login/", form.encode(), {"Referer": first.url + "/admin/login/"})
        _, _, change_page = first.get("/admin/congdoan/federation/1/change/")
        token = change_page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        from urllib.parse import urlencode

        identity = Federation.objects.get(pk=default_federation().pk)
        kept = ["name_line1", "short_name", "province", "domain", "tagline"]
        kept += ["address", "phone", "email", "responsible_person", "licence"]
        fields = {name: getattr(identity, name) for name in kept}
        # The version the form carries (congdoan.versioning: a stale form is refused).
        version = re.search(r'name="version" value="([^"]*)"', change_page).group(1)
        form = urlencode({**fields, "name_line2": "TỈNH ĐIỆN BIÊN", "csrfmiddlewaretoken": token, "version": version})
        status, _, saved_page = first.get(
            "/admin/congdoan/federation/1/change/", form.encode(), {"Referer": first.url + "/admin/"}
        )
        assert status == 200  # the redirect after saving was followed
        assert "errornote" not in saved_page, saved_page[:3000]

        status, _, body = second.get("/")
        assert status == 200
        assert "TỈNH ĐIỆN BIÊN" in body
    finally:
        first.stop()
        second.stop()


def terminate_backends_until(stop: threading.Event, spare_pid: int) -> int:
    """Kill every other connection to the test database every 20 ms, as a flapping
    PostgreSQL (restarts, failover, an admin's pg_terminate_backend) would."""
    params = connection.settings_dict
    killer = psycopg2.connect(
        dbname=params["NAME"], user=params.get("USER") or "postgres", password=params.get("PASSWORD") or None,
        host=params.get("HOST") or "127.0.0.1", port=params.get("PORT") or 5432,
    )  # fmt: skip
    killer.autocommit = True
    killed = 0
    try:
        while not stop.wait(0.02):
            with killer.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                    [spare_pid],
                )
                killed += cursor.fetchone()[0]
    finally:
        killer.close()
    return killed


@pytest.mark.django_db(transaction=True)
def test_connections_killed_mid_burst_give_a_retry_or_a_503_never_a_500():
    requires_postgres()
    Federation.objects.filter(pk=default_federation().pk).update(name_line2="TỈNH TUYÊN QUANG")
    articles = ArticleFactory.create_batch(5)
    reads = [
        "/",
        f"/bai-viet/{articles[0].slug}/",
        f"/chuyen-muc/{articles[1].section.slug}/",
        "/tim-kiem/?q=cong+doan",
    ]
    server = Gunicorn(
        {
            "DATABASE_URL": database_url(),
            "REDIS_URL": "",
            "PAGE_CACHE_SECONDS": "0",
            "FRAGMENT_CACHE_SECONDS": "0",
        },
        workers=2,
    )
    server.start()
    stop = threading.Event()
    try:
        assert [server.get(url)[0] for url in reads] == [200, 200, 200, 200]
        with ThreadPoolExecutor(5) as pool:
            killer = pool.submit(terminate_backends_until, stop, connection.connection.get_backend_pid())
            try:
                answers = list(pool.map(server.get, reads * 60))
            finally:
                stop.set()
            killed = killer.result()
    finally:
        stop.set()
        server.stop()

    statuses = Counter(status for status, _, _ in answers)
    assert killed >= 20, killed  # the burst really ran into dropped connections
    assert statuses[500] == 0, statuses
    assert set(statuses) <= {200, 503}, statuses
    for status, headers, body in answers:
        if status == 503:
            assert headers["Retry-After"] == "5"
            assert "<h1>Trang web tạm thời gián đoạn</h1>" in body
