"""Every admin list and object address, third-party admins included, with values no query can
hold: other scripts' digits, superscripts, an id past a bigint, year 1 of a date hierarchy
(Python's dates refuse it once moved to UTC), such keys selected for an action. Never a
500 (congdoan.admin_site)."""

import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db

VALUES = ["²", "١", "9" * 20, "\u200f1", "%00"]


def filter_params(model_admin) -> list[str]:
    params = ["p", "o", "q"]
    if model_admin.date_hierarchy:
        params += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    for entry in model_admin.list_filter:
        name = entry if isinstance(entry, str) else entry[0] if isinstance(entry, tuple) else None
        name = name or getattr(entry, "parameter_name", None)
        if isinstance(name, str):
            params += [name, f"{name}__exact", f"{name}__id__exact"]
    return params


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("model", "model_admin"),
    sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label),
    ids=lambda value: value._meta.label if hasattr(value, "_meta") else "",
)
def test_lists_and_object_addresses_answer_bad_values_without_a_500(superuser_client, model, model_admin):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    failures = []
    for value in VALUES:
        for param in filter_params(model_admin):
            status = superuser_client.get(base, {param: value}).status_code
            if status >= 500:
                failures.append((param, value, status))
        for page in ("change/", "delete/", "history/"):
            status = superuser_client.get(f"{base}{value}/{page}").status_code
            if status >= 500:
                failures.append((page, value, status))
    assert failures == []


@pytest.mark.parametrize(
    "model",
    sorted(admin.site._registry, key=lambda model: model._meta.label),
    ids=lambda model: model._meta.label,
)
def test_an_action_on_selected_keys_no_row_can_have_changes_nothing(superuser_client, model):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    statuses = {
        value: superuser_client.post(
            base, {"action": "delete_selected", "_selected_action": [value], "index": "0"}
        ).status_code
        for value in ["²", "١", "9" * 20, "\x00", "1.5"]
    }
    # 302: refused with a message; 403: no delete permission; 200: a list without actions.
    assert set(statuses.values()) <= {200, 302, 403}, statuses


def test_the_refused_action_says_why_and_deletes_nothing(superuser_client, django_user_model):
    users = django_user_model.objects.count()
    response = superuser_client.post(
        "/admin/auth/user/", {"action": "delete_selected", "_selected_action": ["1", "²"], "index": "0"}, follow=True
    )
    assert response.redirect_chain == [("/admin/auth/user/", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Mục đã chọn không hợp lệ. Không có mục nào bị thay đổi."
    ]
    assert django_user_model.objects.count() == users


def test_year_one_of_a_date_hierarchy_is_the_plain_list_or_no_rows(superuser_client):
    from django.db import connection

    response = superuser_client.get("/admin/contests/attempt/", {"started_at__year": "1"})
    # SQLite's backend moves the bounds to UTC, before year 1 (OverflowError): Django's answer
    # to a wrong filter, the plain list. PostgreSQL takes the bounds as they are: no rows.
    expected = (302, "/admin/contests/attempt/?e=1") if connection.vendor == "sqlite" else (200, None)
    assert (response.status_code, response.get("Location")) == expected
    assert superuser_client.get("/admin/contests/attempt/?e=1").status_code == 200


def test_an_id_past_a_bigint_in_a_list_filter_finds_no_rows(superuser_client):
    response = superuser_client.get("/admin/contests/round/", {"contest__id__exact": "9" * 20})
    assert (response.status_code, response.get("Location")) == (200, None)


def test_the_history_of_an_id_that_is_no_id_is_not_found(superuser_client):
    assert superuser_client.get("/admin/news/article/%C2%B2/history/").status_code == 404
    assert superuser_client.get("/admin/albums/album/%00/history/").status_code == 404
    assert superuser_client.get("/admin/albums/album/%C2%B2/history/1/").status_code == 404
