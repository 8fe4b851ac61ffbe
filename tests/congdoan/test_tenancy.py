"""One installation, many federations: each host serves its own federation's rows only.

Federation A is the default one (the test client's `testserver`), B is Sơn La on its own
host. Everything B's staff can reach is tried with A's ids.
"""

import io
import re

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from banners.models import Commemoration, TickerSettings
from congdoan.models import Federation, FederationHost, Redirect
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import activate, default_federation, everywhere, federation_path
from contests.models import Contest, Unit
from news.models import Article, Section, Tag
from tests.contests.factories import AttemptFactory, ContestantFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory
from tests.utils import give_role

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"


@pytest.fixture
def federation_a():
    federation = default_federation()
    FederationHost.objects.create(federation=federation, host="thainguyen.test", is_primary=True)
    return federation


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla",
        name_line2="TỈNH SƠN LA",
        short_name="LĐLĐ tỉnh Sơn La",
        province="Sơn La",
        domain="congdoansonla.vn",
        tagline="Cơ quan của Liên đoàn Lao động tỉnh Sơn La",
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


def b_client(user=None) -> Client:
    client = Client(HTTP_HOST=B_HOST)
    if user is not None:
        client.force_login(user)
    return client


def h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


# --- Public pages -----------------------------------------------------------------------------


def test_each_host_serves_its_own_federation_even_for_the_same_address(client, federation_a, federation_b):
    ArticleFactory(title="Đại hội Công đoàn tỉnh Thái Nguyên", slug="dai-hoi")
    with activate(federation_b):
        ArticleFactory(title="Đại hội Công đoàn tỉnh Sơn La", slug="dai-hoi")
    assert Article.objects.filter(slug="dai-hoi").count() == 2
    assert h1(client.get("/bai-viet/dai-hoi/")) == "Đại hội Công đoàn tỉnh Thái Nguyên"
    assert h1(client.get("/bai-viet/dai-hoi/", HTTP_HOST="thainguyen.test")) == "Đại hội Công đoàn tỉnh Thái Nguyên"
    on_b = b_client().get("/bai-viet/dai-hoi/")
    assert h1(on_b) == "Đại hội Công đoàn tỉnh Sơn La"
    assert '<span class="brand-line2">TỈNH SƠN LA</span>' in on_b.content.decode()


def test_another_federations_pages_and_lists_are_not_found(federation_b):
    section = SectionFactory(name="Tin tức", slug="tin-tuc")
    ArticleFactory(title="Tin riêng của Thái Nguyên", slug="tin-rieng", section=section)
    TagFactory(name="Thái Nguyên", slug="thai-nguyen")
    client = b_client()
    for url in ("/bai-viet/tin-rieng/", "/chuyen-muc/tin-tuc/", "/the/thai-nguyen/"):
        assert client.get(url).status_code == 404, url
    for url in ("/", "/tim-kiem/?q=tin+rieng", "/rss/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "Tin riêng của Thái Nguyên" not in body and "tin-rieng" not in body, url


def test_an_unknown_host_is_400_and_never_reaches_content_or_the_cache(client, settings, federation_a):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    ArticleFactory(title="Tin của Thái Nguyên", slug="tin")
    cache.clear()
    for host in ("evil.example", "thainguyen.test.evil.example", "xn--thinguyn-.test", "thainguyen.test:abc"):
        response = client.get("/bai-viet/tin/", HTTP_HOST=host)
        assert response.status_code == 400, host
        assert "Tên miền không thuộc mạng lưới" in response.content.decode()
        assert "Tin của Thái Nguyên" not in response.content.decode()
        assert response["Cache-Control"] == "no-store"
    assert not [key for key in cache._cache if ":page:" in key]


def test_an_edit_in_one_federation_keeps_the_others_cached_pages(client, settings, federation_a, federation_b):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    a_article = ArticleFactory(title="Tin Thái Nguyên", slug="tin-a")
    with activate(federation_b):
        b_article = ArticleFactory(title="Tin Sơn La", slug="tin-b")
    b = b_client()
    assert client.get("/bai-viet/tin-a/")["X-Page-Cache"] == "miss"
    assert b.get("/bai-viet/tin-b/")["X-Page-Cache"] == "miss"
    b_article.title = "Tin Sơn La (sửa)"
    b_article.save()
    assert client.get("/bai-viet/tin-a/")["X-Page-Cache"] == "hit"  # A's generation did not change
    edited = b.get("/bai-viet/tin-b/")
    assert edited["X-Page-Cache"] == "miss" and h1(edited) == "Tin Sơn La (sửa)"
    a_article.title = "Tin Thái Nguyên (sửa)"
    a_article.save()
    assert h1(client.get("/bai-viet/tin-a/")) == "Tin Thái Nguyên (sửa)"


# --- Merged federations and old addresses -----------------------------------------------------


def test_an_old_host_answers_every_address_with_a_301_on_the_successor(client, federation_a):
    FederationHost.objects.create(federation=federation_a, host="backan.test", redirects=True)
    Redirect.objects.create(
        federation=federation_a, old_path="/tin-tuc/123-dai-hoi.html", new_path="/bai-viet/dai-hoi/"
    )
    old = client.get("/tin-tuc/123-dai-hoi.html", HTTP_HOST="backan.test")
    assert old.status_code == 301
    assert old["Location"] == "http://thainguyen.test/bai-viet/dai-hoi/"
    same = client.get("/chuyen-muc/tin-tuc/?page=2", HTTP_HOST="backan.test:8000")
    assert (same.status_code, same["Location"]) == (301, "http://thainguyen.test:8000/chuyen-muc/tin-tuc/?page=2")


def test_a_recorded_old_address_on_the_federations_own_host_is_a_301(client, federation_a):
    ArticleFactory(title="Đại hội", slug="dai-hoi")
    Redirect.objects.create(federation=federation_a, old_path="/index.php?id=77", new_path="/bai-viet/dai-hoi/")
    response = client.get("/index.php?id=77")
    assert (response.status_code, response["Location"]) == (301, "/bai-viet/dai-hoi/")
    assert client.get("/index.php?id=78").status_code == 404
    assert b_client().get("/index.php?id=77").status_code in (400, 404)  # B's host, B's redirects


# --- The ticker: national commemorations shared, a federation's own kept to it ------------


def test_a_federations_ticker_reads_its_own_and_the_national_commemorations(client, federation_b):
    national = Federation.objects.create(code="tld", kind=Federation.Kind.NATIONAL, short_name="Tổng LĐLĐ Việt Nam")
    with activate(national):
        founding = Commemoration.objects.create(event="Ngày thành lập Công đoàn Việt Nam", origin="1929-07-28")
        labour = Commemoration.objects.create(event="Ngày Quốc tế Lao động", origin="1886-05-01")
    Commemoration.objects.create(event="Ngày tái lập tỉnh", origin="1997-01-01")
    with activate(federation_b):
        Commemoration.objects.create(event="Ngày giải phóng Sơn La", origin="1952-10-17")
        settings_b = TickerSettings.current()
        settings_b.save()
        settings_b.hidden_national.add(labour)

    def events(federation):
        return sorted(c.event for c in everywhere(Commemoration).shown_in(federation))

    assert events(default_federation()) == [
        "Ngày Quốc tế Lao động",
        "Ngày thành lập Công đoàn Việt Nam",
        "Ngày tái lập tỉnh",
    ]
    assert events(federation_b) == ["Ngày giải phóng Sơn La", "Ngày thành lập Công đoàn Việt Nam"]
    assert founding.federation_id == national.pk


# --- The admin: B's staff, A's ids ------------------------------------------------------------


def _scoped_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if federation_path(model) is not None
    ]


def _snapshot():
    return {
        model._meta.label: sorted(map(repr, model._base_manager.order_by("pk").values()))
        for model, _ in _scoped_admins()
    }


@pytest.fixture
def demo_in_a(federation_a, federation_b):
    call_command("load_demo", stdout=io.StringIO())
    contest = Contest.objects.order_by("pk").first()
    contestant = ContestantFactory(contest=contest, unit=Unit.objects.order_by("pk").first(), phone="0912345678")
    AttemptFactory(contestant=contestant, round=contest.rounds.order_by("pk").first())
    for model, _ in _scoped_admins():
        for obj in model._base_manager.order_by("pk")[:1] if reversion.is_registered(model) else ():
            with reversion.create_revision():
                obj.save()
    return federation_a


@pytest.mark.parametrize("role", [WRITER_GROUP, EDITOR_GROUP])
def test_b_staff_reach_none_of_a_rows_through_any_admin_url(django_user_model, demo_in_a, federation_b, role):
    user = give_role(django_user_model.objects.create_user("bt-sonla", password="x", is_staff=True), role, federation_b)
    client = b_client(user)
    before = _snapshot()
    checked = 0
    for model, _model_admin in _scoped_admins():
        opts = model._meta
        rows = list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:2])
        assert rows, f"the demo has no {opts.label}"
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        listing = client.get(base)
        assert listing.status_code in (200, 403), base
        if listing.status_code == 200:
            assert listing.context["cl"].result_count == 0, base  # B has none of these yet
        for pk in rows:
            for url in (f"{base}{pk}/change/", f"{base}{pk}/delete/", f"{base}{pk}/history/"):
                response = client.get(url)
                assert response.status_code in (302, 403, 404), url
                if response.status_code == 302:
                    assert response["Location"] == "/admin/", url  # "does not exist": back to the index
                checked += 1
            for url in (f"{base}{pk}/change/", f"{base}{pk}/delete/"):
                assert client.post(url, {"post": "yes", "version": "0"}).status_code in (302, 403, 404), url
            versions = Version.objects.get_for_object_reference(model, pk) if reversion.is_registered(model) else []
            for version in versions[:1]:
                for url in (f"{base}{pk}/history/{version.pk}/", f"{base}recover/{version.pk}/"):
                    assert client.get(url).status_code in (403, 404), url
        deleted_selected = client.post(base, {"action": "delete_selected", "_selected_action": rows, "post": "yes"})
        assert deleted_selected.status_code in (200, 302, 403), base
    assert checked > 50
    assert _snapshot() == before  # nothing of A's was changed, deleted or restored


def test_b_editor_cannot_recover_or_list_a_deleted_rows(django_user_model, federation_b):
    with reversion.create_revision():
        tag = TagFactory(name="Thẻ đã xóa của Thái Nguyên")
    with reversion.create_revision():
        tag.delete()
    version = Version.objects.get_deleted(Tag).get()
    editor = give_role(django_user_model.objects.create_user("bt-sonla", is_staff=True), EDITOR_GROUP, federation_b)
    client = b_client(editor)
    assert "Thẻ đã xóa của Thái Nguyên" not in client.get("/admin/news/tag/recover/").content.decode()
    assert client.get(f"/admin/news/tag/recover/{version.pk}/").status_code == 404
    assert client.post(f"/admin/news/tag/recover/{version.pk}/", {"name": "x", "slug": "x"}).status_code == 404
    assert not Tag.objects.exists()
    own = give_role(django_user_model.objects.create_user("bt-tn", is_staff=True), EDITOR_GROUP)
    home = Client()
    home.force_login(own)
    assert "Thẻ đã xóa của Thái Nguyên" in home.get("/admin/news/tag/recover/").content.decode()


def test_a_foreign_key_to_a_row_of_a_is_a_form_error_on_b(django_user_model, federation_b):
    a_section = SectionFactory(name="Tin tức Thái Nguyên")
    a_tag = TagFactory(name="Thái Nguyên")
    editor = give_role(django_user_model.objects.create_user("bt-sonla", is_staff=True), EDITOR_GROUP, federation_b)
    client = b_client(editor)
    response = client.post(
        "/admin/news/article/add/",
        {"title": "Bài chèn", "section": a_section.pk, "tags": [a_tag.pk], "status": "draft", "body": "<p>x</p>"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["section"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    assert "tags" in errors
    assert not Article.objects.filter(title="Bài chèn").exists()


def test_autocomplete_on_b_lists_none_of_a(django_user_model, federation_b):
    TagFactory(name="Sơn Dương")
    with activate(federation_b):
        TagFactory(name="Sơn La")
    writer = give_role(django_user_model.objects.create_user("pv-sonla", is_staff=True), WRITER_GROUP, federation_b)
    response = b_client(writer).get(
        "/admin/autocomplete/", {"term": "Sơn", "app_label": "news", "model_name": "article", "field_name": "tags"}
    )
    assert [item["text"] for item in response.json()["results"]] == ["Sơn La"]


def test_staff_of_a_are_not_staff_on_b(django_user_model, federation_b):
    editor = give_role(django_user_model.objects.create_user("bt-tn", is_staff=True), EDITOR_GROUP)
    SectionFactory(name="Tin tức")
    client = b_client(editor)
    assert client.get("/admin/news/section/")["Location"] == "/admin/login/?next=/admin/news/section/"
    assert client.post("/admin/news/section/add/", {"name": "Chèn"}).status_code == 302
    assert not Section.objects.filter(name="Chèn").exists()
    assert client.post("/ckeditor/upload/", {}).status_code == 403


def test_a_role_without_permissions_opens_the_admin_but_no_model(django_user_model, federation_b):
    nobody = Group.objects.create(name="Cộng tác viên")
    user = give_role(django_user_model.objects.create_user("ctv", is_staff=True), nobody, federation_b)
    client = b_client(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/news/article/").status_code == 403
