"""Real Chromium on pages full of the nastiest payloads: nothing may run.

Every payload that would run sets `window.__xss` (or opens a dialog); the pages' own
CSP would also report blocked inline code in the console.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from congdoan.roles import EDITOR_GROUP
from tests.utils import give_role

from . import corpus
from .payloads import NASTIEST

PLAN = corpus.Plan(NASTIEST, rounds=1)


class Watch:
    """Records dialogs and console messages of a page."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def csp_violations(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line or "pageerror" in line]


# In the live DOM of a public page: no frame, plugin, <base>, and no inline script but JSON-LD.
FOREIGN_ELEMENTS = (
    "[...document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv], "
    'script:not([src]):not([type="application/ld+json"])\')].map(e => e.outerHTML.slice(0, 120))'
)


def visit(page, watch, url, *, public=True):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    assert "/admin/login/" not in page.url, f"{url} redirected to the login page"
    page.wait_for_timeout(150)  # let autofocus, ontoggle, animations and timers fire
    assert page.evaluate("typeof window.__xss") == "undefined", f"injected code ran on {url}"
    assert not watch.dialogs, f"dialog opened on {url}: {watch.dialogs}"
    if public:  # the admin has CKEditor's own frames and inline scripts
        assert page.evaluate(FOREIGN_ELEMENTS) == [], f"foreign element on {url}"


def build(now):
    today = timezone.localdate(now)
    return corpus.build_round(0, today, now, PLAN)


def public_urls(built):
    urls = [reverse("news:home"), reverse("campaigns:list")]
    urls += [
        reverse("news:section", args=[built["sections"][0].slug]),
        reverse("news:tag", args=[built["tags"][0].slug]),
    ]
    urls += [a.get_absolute_url() for a in built["articles"]]
    urls += [c.get_absolute_url() for c in built["campaigns"][:3]]
    urls += [f"{reverse('news:search')}?{urlencode({'q': payload})}" for payload in NASTIEST[:5]]
    urls.append(f"{reverse('news:search')}?{urlencode({'q': 'xss'})}")
    return urls


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_on_public_pages(page, phone_page, live_server):
    built = build(timezone.now())
    urls = public_urls(built)
    # The phone layout (menu, ticker, slides differ) on the pages built from other templates.
    for current, paths in ((page, urls), (phone_page, [*urls[:4], built["articles"][0].get_absolute_url()])):
        watch = Watch(current)
        for path in paths:
            visit(current, watch, live_server.url + path)
        assert not watch.csp_violations(), watch.csp_violations()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_the_admin(page, live_server, django_user_model):
    """The admin allows inline scripts (CKEditor), so there escaping is the only guard."""
    built = build(timezone.now())
    user = django_user_model.objects.create_user("bientap-xss", password="mat-khau-thu", is_staff=True)
    give_role(user, EDITOR_GROUP)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    watch = Watch(page)
    paths = [reverse("admin:index"), reverse("admin:banners_preview")]
    for key in ("articles", "sections", "tags", "slides", "slogans", "commemorations", "kinds", "campaigns"):
        obj = built[key][0]
        info = (obj._meta.app_label, obj._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        paths.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    paths.append(reverse("admin:banners_tickersettings_change", args=[1]))
    paths.append(reverse("admin:campaigns_progressreport_changelist"))
    for path in paths:
        visit(page, watch, live_server.url + path, public=False)
    assert not [line for line in watch.console if "pageerror" in line], watch.console


def test_plan_puts_every_nasty_payload_in_every_field():
    for model, fields in corpus.FIELDS.items():
        for field in fields:
            limit = model._meta.get_field(field).max_length or corpus.TEXT_CAP
            joined = "\n".join(PLAN.field_chunks(model, field))
            assert all(p[:limit] in joined for p in NASTIEST), (model, field)


@pytest.mark.browser
def test_watch_sees_a_real_injection(page):
    """The harness itself: an unescaped payload does set window.__xss and open a dialog."""
    watch = Watch(page)
    page.set_content('<img src=x onerror="window.__xss=1; alert(1)">')
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") == 1
    assert watch.dialogs == ["alert: 1"]
