"""Vietnamese formats through real forms and templates (congdoan/formats/vi)."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, timezone

pytestmark = pytest.mark.django_db


def change_user(client, user, **overrides):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "07/08/2024",
        "date_joined_1": "20:59",
        "initial-date_joined_0": "",
        "initial-date_joined_1": "",
        "memberships-TOTAL_FORMS": "0",  # the roles inline, left empty
        "memberships-INITIAL_FORMS": "0",
        **overrides,
    }
    return client.post(f"/admin/auth/user/{user.pk}/change/", data)


def test_admin_reads_dd_mm_yyyy_as_day_first(client, superuser, django_user_model):
    client.force_login(superuser)
    member = django_user_model.objects.create_user("doanvien", password="x")
    response = change_user(client, member)
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    local = timezone.localtime(member.date_joined)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2024, 8, 7, 20, 59)


def test_admin_accepts_a_day_above_twelve(client, superuser, django_user_model):
    client.force_login(superuser)
    member = django_user_model.objects.create_user("doanvien", password="x")
    response = change_user(client, member, date_joined_0="28/07/2024", date_joined_1="07:05")
    assert response.status_code == 302
    member.refresh_from_db()
    assert timezone.localtime(member.date_joined).date() == datetime.date(2024, 7, 28)


def test_admin_still_accepts_iso_dates(client, superuser, django_user_model):
    client.force_login(superuser)
    member = django_user_model.objects.create_user("doanvien", password="x")
    assert change_user(client, member, date_joined_0="2024-07-28").status_code == 302
    member.refresh_from_db()
    assert timezone.localtime(member.date_joined).date() == datetime.date(2024, 7, 28)


def test_admin_rejects_an_impossible_date_with_a_vietnamese_error(client, superuser, django_user_model):
    client.force_login(superuser)
    member = django_user_model.objects.create_user("doanvien", password="x")
    response = change_user(client, member, date_joined_0="31/02/2024")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập một ngày hợp lệ" in html
    assert "<title>Lỗi: " in html  # Django's own catalogue leaves "Error:" in English


def test_admin_shows_dates_day_first(client, superuser, django_user_model):
    client.force_login(superuser)
    member = django_user_model.objects.create_user("doanvien", password="x")
    member.date_joined = timezone.make_aware(datetime.datetime(2024, 7, 28, 9, 5))
    member.save()
    html = client.get(f"/admin/auth/user/{member.pk}/change/").content.decode()
    assert 'value="28/07/2024"' in html
    assert 'value="09:05:00"' in html or 'value="09:05"' in html


def test_plain_date_form_field():
    field = forms.DateField()
    assert field.clean("07/08/2024") == datetime.date(2024, 8, 7)
    assert field.clean("28/07/2024") == datetime.date(2024, 7, 28)
    assert field.clean("2024-07-28") == datetime.date(2024, 7, 28)


def test_numbers_group_with_dots():
    rendered = Template("{{ a }} {{ b }} {{ c }}").render(Context({"a": 4155, "b": 6459, "c": 1234567}))
    assert rendered == "4.155 6.459 1.234.567"
    assert formats.number_format(4155, use_l10n=True, force_grouping=True) == "4.155"


def test_decimal_comma():
    assert Template("{{ x|floatformat:1 }}").render(Context({"x": 12.5})) == "12,5"


def test_short_and_long_dates():
    day = datetime.date(2024, 7, 8)
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "08/07/2024"
    assert formats.date_format(day) == "08/07/2024"
    moment = timezone.make_aware(datetime.datetime(2023, 11, 23, 20, 59))
    assert Template("{{ m }}").render(Context({"m": moment})) == "20:59 - 23/11/2023"
    assert formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") == "23/11/2023 20:59"
