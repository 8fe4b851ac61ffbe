"""Shared fixtures: isolated media, a clean cache, fast hashing, and real Chromium."""

import datetime
import os
import shutil
import time
from pathlib import Path

import pytest
import time_machine

from tests.servers import RedisServer
from tests.utils import clear_cache

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# made from that thread by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Tests never write into the project's media/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Hashed static names need `collectstatic`; tests read static files from the source."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "congdoan.static_files.PlainStaticStorage"},
    }


def pytest_configure(config):
    """Parallel workers (pytest-xdist) share one Redis: give each its own key prefix, and
    clearing the cache clears only that prefix; patient timeouts for that shared server."""
    from django.conf import settings

    default = settings.CACHES["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        default["KEY_PREFIX"] = f"{default.get('KEY_PREFIX', '')}-{worker}"
    if "SOCKET_TIMEOUT" in default.get("OPTIONS", {}):
        # The shared Redis answers in microseconds, but on a loaded 2-core machine (two
        # workers, Chromium, gunicorns) a reply can wait on the scheduler: a stall past the
        # production 0.25 s would open the breaker for seconds and fail an unrelated test.
        # Fault tests use a Redis of their own with the production timeouts (`redis_cache`).
        default["OPTIONS"] = {**default["OPTIONS"], "SOCKET_TIMEOUT": 2, "SOCKET_CONNECT_TIMEOUT": 2}
    _clear_only_own_keys()


def _clear_only_own_keys():
    """`cache.clear()` on Redis is FLUSHDB: called by one worker, it emptied the other's cache
    between two requests of a test (a page stored, then a miss). In tests it deletes only
    the keys of this process's prefix."""
    from congdoan.caching.backends import ResilientRedisCache

    def clear(self):
        self.delete_pattern("*")

    ResilientRedisCache.clear = clear


@pytest.fixture(autouse=True)
def _own_content_version_file(settings, tmp_path):
    """Without Redis the content version lives in a file (congdoan.caching): one per test, so
    parallel workers never invalidate each other's caches."""
    settings.CONTENT_VERSION_FILE = str(tmp_path / "content-version")


# Longer than the slowest test (the multi-process ones take up to a minute on a slow machine).
MIDNIGHT_MARGIN_SECONDS = 90


@pytest.fixture(autouse=True)
def _not_across_local_midnight():
    """Cached pages and fragments, the header's date and the ticker turn over at local midnight
    (tests of that travel in time, see tests/congdoan/test_page_cache.py). A test started in
    a day's last seconds would store a page in one day and read it in the next: start it in
    the new day instead. Costs a run that crosses 17:00 UTC at most this margin, once."""
    from congdoan.caching import seconds_until_local_midnight

    hatch = time_machine.escape_hatch
    real_now = hatch.time.time() if hatch.is_travelling() else time.time()
    left = seconds_until_local_midnight(datetime.datetime.fromtimestamp(real_now, datetime.UTC))
    if left < MIDNIGHT_MARGIN_SECONDS:
        time.sleep(left + 1)


@pytest.fixture(autouse=True)
def _clean_cache(_own_content_version_file):
    clear_cache(warm_directory=False)
    yield
    clear_cache(warm_directory=False)


@pytest.fixture(autouse=True)
def _fresh_view_counts():
    """Views buffered by one test (news.view_counts) never reach another test's database."""
    from news import view_counts

    view_counts._buffer = None
    yield
    view_counts._buffer = None


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway redis-server of our own (stopped and started by fault tests)."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install -y redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The production cache setup (congdoan.caching.backends) on a throwaway Redis of our own,
    with short timeouts so a stopped or hung server shows quickly."""
    settings.CACHE_RETRY_SECONDS = 0.3
    settings.CACHES = {
        "default": {
            "BACKEND": "congdoan.caching.backends.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        }
    }
    yield redis_server
    redis_server.resume()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Views are tested uncached; tests/congdoan/test_page_cache.py and test_fragments.py
    turn the page and fragment caches on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs a request in authenticate(); Client.login() has none.
    tests/congdoan/test_login_lockout.py turns it on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(django_user_model):
    """A staff account with no role (no permission) in the default federation."""
    from django.contrib.auth.models import Group

    from tests.utils import give_role

    user = django_user_model.objects.create_user("bientap-test", password="mat-khau-thu", is_staff=True)
    return give_role(user, Group.objects.get_or_create(name="Không quyền")[0])


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri-test", "qt@example.org", "mat-khau-thu")


# --- Browser tests -----------------------------------------------------------


def _chromium_missing_message() -> str:
    return (
        f"Chromium not found at {CHROMIUM_PATH}. Install Debian's package: "
        "`apt-get install -y chromium` (or set CHROMIUM_PATH)."
    )


@pytest.fixture(scope="session")
def _browser():
    if not Path(CHROMIUM_PATH).exists() and not shutil.which(CHROMIUM_PATH):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(_chromium_missing_message())
        pytest.skip(_chromium_missing_message())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(_browser):
    """A fresh desktop browser context (cookies, storage) per test."""
    context = _browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def phone_page(_browser):
    """A 390×844 phone viewport with touch, as most readers see the site."""
    context = _browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
