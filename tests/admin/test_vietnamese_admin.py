"""The admin speaks only Vietnamese: no English message from Django's, django-reversion's or
the editor uploader's catalogues reaches a writer or an editor, on any page they can open."""

import io
import re

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from reversion.admin import VersionAdmin

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import default_federation
from tests.utils import jpeg_bytes

from .catalogues import english_pattern
from .crawl import AdminCrawl, Page, visible_text

pytestmark = pytest.mark.django_db


def english_on(pages) -> dict[str, tuple[str, str]]:
    """Each English phrase found, with the first page and the text it was found in."""
    pattern = english_pattern()
    found = {}
    for page in pages:
        for text in page.texts:
            for match in pattern.finditer(text):
                found.setdefault(match.group(), (page.url, text[:200]))
    return found


def _delete_one(model) -> None:
    """Leave a deleted version of `model` behind, for django-reversion's recover pages (the
    first object stays: the crawl opens it)."""
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    for obj in model._default_manager.exclude(pk=first).order_by("-pk")[:20]:
        try:
            with transaction.atomic():
                with reversion.create_revision():
                    obj.save()
                obj.delete()
            return
        except (ProtectedError, IntegrityError):
            continue


@pytest.fixture
def demo_site(settings):
    """The demo content, one image in the uploader's folder, and for every versioned model a
    saved version of its first object and a deleted object."""
    from django.contrib import admin

    call_command("load_demo", stdout=io.StringIO())
    upload_dir = settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH / default_federation().code / "2026" / "12"
    upload_dir.mkdir(parents=True, exist_ok=True)
    (upload_dir / "anh-mau.jpg").write_bytes(jpeg_bytes())
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, VersionAdmin):
            # The crawl opens the first object of each list: it gets a version to revert to.
            for obj in model._default_manager.order_by("pk")[:1]:
                with reversion.create_revision():
                    obj.save()
            _delete_one(model)


SUPERUSER = "quản trị hệ thống"


def _user(role):
    if role == SUPERUSER:
        return get_user_model().objects.create_superuser("quantri-thu", "quantri@example.org", "mat-khau-thu")
    return get_user_model().objects.filter(memberships__role__name=role).order_by("pk").first()


EVERY_ROLE_OPENS = {
    "index",
    "browse",
    "browse_search",
    "changelist",
    "changelist_counts",
    "changelist_filtered",
    "add",
    "add_invalid",
    "add_popup",
    "change",
    "history",
}
EDITORS_ALSO_OPEN = {"delete", "recoverlist", "recover", "revision", "action:delete_selected", "view:banners_preview"}


def test_every_admin_page_is_in_vietnamese(client, demo_site):
    """One crawl per role over the same demo site (loaded once: it is the slow part)."""
    english, not_opened = {}, {}
    for role in (WRITER_GROUP, EDITOR_GROUP, SUPERUSER):
        user = _user(role)
        client.force_login(user)
        crawl = AdminCrawl(client, user)
        crawl.crawl()
        english[role] = english_on(crawl.pages)
        # The crawl really went everywhere the role may go.
        expected = EVERY_ROLE_OPENS | (EDITORS_ALSO_OPEN if role != WRITER_GROUP else set())
        not_opened[role] = expected - {kind for _model, kind in crawl.kinds}

    assert english == {WRITER_GROUP: {}, EDITOR_GROUP: {}, SUPERUSER: {}}
    assert not_opened == {WRITER_GROUP: set(), EDITOR_GROUP: set(), SUPERUSER: set()}


def _page(url, response):
    return Page(url, response.status_code, visible_text(response.content.decode()))


def test_the_login_page_is_in_vietnamese(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 200
    assert english_on([_page("/admin/login/", response)]) == {}


def test_a_refused_form_submission_is_explained_in_vietnamese(settings):
    """An expired form (no CSRF cookie, or no Referer over HTTPS) answers Django's 403 page."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    over_https = client.post("/admin/login/", {"username": "a"}, secure=True)
    assert over_https.status_code == 403
    assert english_on([_page("/admin/login/", response), _page("/admin/login/ (https)", over_https)]) == {}
    html = response.content.decode()
    assert re.search(r"<h1>(.*?)</h1>", html).group(1) == "Biểu mẫu không gửi được"
