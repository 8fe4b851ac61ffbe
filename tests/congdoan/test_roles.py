"""Roles are declared by the apps and synced by the core after every `migrate` (congdoan.roles):
writers and editors from `writer_permissions`/`editorial`, an app's own roles from
`AppConfig.roles` (the legal advisers'), and the admin's memberships offer exactly these."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP, Role, editor_app_labels, role_names
from legal.roles import ADVISER_GROUP
from tests.news.factories import UserFactory
from tests.utils import give_role

pytestmark = pytest.mark.django_db

# What writers held before roles became declarations (unchanged since).
WRITER_PERMISSIONS = {
    "albums.add_album",
    "albums.add_albumphoto",
    "albums.change_album",
    "albums.change_albumphoto",
    "albums.delete_albumphoto",
    "albums.view_album",
    "albums.view_albumphoto",
    "documents.add_document",
    "documents.add_documentfile",
    "documents.add_documentrelation",
    "documents.change_document",
    "documents.change_documentfile",
    "documents.change_documentrelation",
    "documents.delete_documentfile",
    "documents.delete_documentrelation",
    "documents.view_document",
    "documents.view_documentfile",
    "documents.view_documentrelation",
    "documents.view_issuer",
    "documents.view_topic",
    "news.add_article",
    "news.add_tag",
    "news.change_article",
    "news.view_article",
    "news.view_section",
    "news.view_tag",
}
EDITORIAL_APPS = [
    *("news", "banners", "campaigns", "contests", "documents"),
    *("legal", "about", "schedule", "albums", "videos"),
]
# The advisers' role as legal kept it itself (every permission of the app), plus reading the
# register: an answer cites its documents, chosen with the admin's autocomplete.
ADVISER_PERMISSIONS = {
    f"legal.{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("topic", "adviser", "question", "publication", "codecounter")
} | {"legal.view_asker_contact", "documents.view_document"}


def held(group_name: str) -> set[str]:
    return {
        f"{label}.{codename}"
        for label, codename in Permission.objects.filter(group__name=group_name).values_list(
            "content_type__app_label", "codename"
        )
    }


def test_writers_keep_exactly_their_permissions():
    assert held(WRITER_GROUP) == WRITER_PERMISSIONS


def test_editors_keep_every_permission_of_the_editorial_apps():
    assert editor_app_labels() == EDITORIAL_APPS
    every = {
        f"{label}.{codename}"
        for label, codename in Permission.objects.filter(content_type__app_label__in=EDITORIAL_APPS).values_list(
            "content_type__app_label", "codename"
        )
    }
    assert held(EDITOR_GROUP) == every
    assert len(every) == len(held(EDITOR_GROUP)) > 150


def test_legal_advisers_are_declared_by_legal_and_synced_by_the_core():
    assert apps.get_app_config("legal").roles == (
        Role("Tư vấn viên", all_app_permissions=True, permissions=("documents.view_document",)),
    )
    assert Group.objects.filter(name="Tư vấn viên").count() == 1
    assert held(ADVISER_GROUP) == ADVISER_PERMISSIONS


def test_the_roles_are_the_core_ones_then_the_declared_ones():
    assert role_names() == ["Phóng viên", "Biên tập viên", "Tư vấn viên"]


@pytest.fixture
def clerk_role(monkeypatch):
    """A new app's own role: the work calendar declares a clerk who edits the week's entries."""
    config = apps.get_app_config("schedule")
    clerk = Role("Thư ký lịch công tác", permissions=("view_week", "change_entry", "news.view_section"))
    monkeypatch.setattr(config, "roles", (clerk,), raising=False)
    return config


def test_a_new_app_declaring_a_role_gets_its_group_after_migrate(clerk_role):
    assert not Group.objects.filter(name="Thư ký lịch công tác").exists()
    call_command("migrate", verbosity=0)
    assert held("Thư ký lịch công tác") == {"schedule.view_week", "schedule.change_entry", "news.view_section"}
    assert role_names() == ["Phóng viên", "Biên tập viên", "Tư vấn viên", "Thư ký lịch công tác"]
    # Idempotent and additive: a permission lost is given back, the group is not doubled, and
    # the other roles are untouched.
    Group.objects.get(name="Thư ký lịch công tác").permissions.remove(
        Permission.objects.get(content_type__app_label="schedule", codename="change_entry")
    )
    call_command("migrate", verbosity=0)
    assert Group.objects.filter(name="Thư ký lịch công tác").count() == 1
    assert held("Thư ký lịch công tác") == {"schedule.view_week", "schedule.change_entry", "news.view_section"}
    assert held(WRITER_GROUP) == WRITER_PERMISSIONS
    assert held(ADVISER_GROUP) == ADVISER_PERMISSIONS


def test_a_role_declared_twice_is_refused(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("schedule"), "roles", (Role("Biên tập viên"),), raising=False)
    with pytest.raises(ImproperlyConfigured) as refused:
        role_names()
    assert str(refused.value) == "Roles declared twice: Biên tập viên"


def test_a_membership_offers_the_declared_roles_only(client, superuser, clerk_role):
    call_command("migrate", verbosity=0)
    Group.objects.create(name="Nhóm tự đặt")
    member = UserFactory(username="nhanvien")
    client.force_login(superuser)
    response = client.get(f"/admin/auth/user/{member.pk}/change/")
    assert response.status_code == 200
    formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "memberships"
    )
    choices = [label for value, label in formset.empty_form.fields["role"].choices if value]
    assert choices == ["Biên tập viên", "Phóng viên", "Thư ký lịch công tác", "Tư vấn viên"]


def test_a_group_an_account_already_holds_stays_offered_to_that_account(client, superuser):
    """Memberships copied from older groups (congdoan 0003) keep saving: their group is
    offered on that account's page only."""
    old = Group.objects.create(name="Nhóm cũ")
    member = give_role(UserFactory(username="nhanvien-cu"), old)
    other = UserFactory(username="nhanvien-moi")
    client.force_login(superuser)

    def offered(user):
        response = client.get(f"/admin/auth/user/{user.pk}/change/")
        formset = next(
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == "memberships"
        )
        return [label for value, label in formset.empty_form.fields["role"].choices if value]

    assert offered(member) == ["Biên tập viên", "Nhóm cũ", "Phóng viên", "Tư vấn viên"]
    assert offered(other) == ["Biên tập viên", "Phóng viên", "Tư vấn viên"]
