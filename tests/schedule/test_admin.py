"""The schedule in the admin: a week with its items in one form, the copy action, hostile input."""

import datetime

import pytest

from schedule.models import Entry, Week
from tests.about.hostile import DATES, NUMBERS, TEXTS, TIMES, hostile_problems
from tests.admin_forms import form_data, form_errors

from .factories import EntryFactory, WeekFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/schedule/week/add/"


def entry_fields(index: int, **values) -> dict:
    fields = {
        "day": "1", "session": "1", "start_time": "08:00", "end_time": "11:30", "content": "Giao ban Thường trực",
        "venue": "Phòng họp số 1", "chair": "Đồng chí Chủ tịch", "attendees": "Thường trực", "preparing_unit": "",
        **values,
    }  # fmt: skip
    return {f"entries-{index}-{name}": value for name, value in fields.items()}


def new_week_data(**extra) -> dict:
    return {
        "starts_on": "03/12/2026",
        "note": "",
        "is_published": "on",
        "entries-TOTAL_FORMS": "2",
        "entries-INITIAL_FORMS": "0",
        **entry_fields(0),
        **entry_fields(1, day="2", session="2", start_time="", end_time="", content="Làm việc tại doanh nghiệp"),
        **extra,
    }


def test_editor_adds_a_week_with_its_items(client, superuser, frozen_day):
    client.force_login(superuser)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, new_week_data())
    assert response.status_code == 302, form_errors(response)
    week = Week.objects.get()
    assert week.starts_on == datetime.date(2026, 11, 30)  # a Thursday typed: its Monday kept
    assert list(week.entries.in_day_order().values_list("day", "session", "start_time", "revision")) == [
        (1, 1, datetime.time(8, 0), 0),
        (2, 2, None, 0),
    ]
    # The second week from the same Monday is a form error, not a crash.
    response = client.post(ADD, new_week_data(starts_on="30/11/2026"))
    assert response.status_code == 200
    assert ("__all__", "Tuần này đã có lịch; hãy mở lịch đã có để sửa.") in form_errors(response)


def test_an_edit_in_the_admin_after_publishing_is_marked(client, superuser, frozen_day):
    entry = EntryFactory(week=WeekFactory())
    client.force_login(superuser)
    url = f"/admin/schedule/week/{entry.week_id}/change/"
    frozen_day.move_to(datetime.datetime(2026, 12, 1, 7, 20, tzinfo=datetime.UTC))
    response = client.get(url)
    response = client.post(url, form_data(response, **{"entries-0-venue": "Phòng họp số 2"}))
    assert response.status_code == 302, form_errors(response)
    assert Entry.objects.get().adjusted_text == "Điều chỉnh lúc 14:20 - 01/12/2026"
    html = client.get(url).content.decode()
    assert '<div class="readonly">14:20 - 01/12/2026</div>' in html  # the row's read-only "Điều chỉnh lúc"


def test_publishing_with_edits_in_one_save_is_not_an_adjustment(client, superuser, frozen_day):
    entry = EntryFactory(week=WeekFactory(is_published=False))
    client.force_login(superuser)
    url = f"/admin/schedule/week/{entry.week_id}/change/"
    response = client.get(url)
    data = form_data(response, is_published="on", **{"entries-0-venue": "Phòng họp số 2"})
    assert client.post(url, data).status_code == 302
    assert Entry.objects.get().revision == 0


def test_copy_recurring_action(client, superuser, frozen_day):
    last = WeekFactory(starts_on=datetime.date(2026, 11, 23))
    EntryFactory(week=last, is_recurring=True)
    this = WeekFactory(is_published=False)
    client.force_login(superuser)
    response = client.post(
        "/admin/schedule/week/", {"action": "copy_recurring", "_selected_action": [this.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Đã chép 1 mục lặp lại từ tuần trước sang tuần 49."
    ]
    response = client.post(
        "/admin/schedule/week/", {"action": "copy_recurring", "_selected_action": [this.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Tuần 49: không có mục lặp lại nào để chép (tuần trước chưa có lịch, không có mục đánh dấu "
        "“lặp lại hằng tuần”, hoặc các mục đó đã có)."
    ]
    assert this.entries.count() == 1


def test_change_list_shows_week_and_item_count(client, superuser):
    week = WeekFactory()
    EntryFactory(week=week)
    EntryFactory(week=week, day=2)
    client.force_login(superuser)
    html = client.get("/admin/schedule/week/").content.decode()
    assert "Tuần 49 (từ 30/11/2026)" in html
    assert '<td class="field-item_count">2</td>' in html


def test_hostile_values_never_500_nor_half_save(client, superuser, frozen_day):
    entry = EntryFactory(week=WeekFactory())
    client.force_login(superuser)
    url = f"/admin/schedule/week/{entry.week_id}/change/"
    base = form_data(client.get(url))
    mutations = {
        "starts_on": DATES,
        "note": [*TEXTS, "Đ" * 501],
        "entries-0-day": [*NUMBERS, "0", "8"],
        "entries-0-session": [*NUMBERS, "4"],
        "entries-0-start_time": TIMES,
        "entries-0-end_time": TIMES,
        "entries-0-content": [*TEXTS, "Đ" * 1001],
        "entries-0-venue": [*TEXTS, "Đ" * 256],
        "entries-0-attendees": TEXTS,
        "entries-0-id": NUMBERS,
        "entries-TOTAL_FORMS": [str(2**70), "x", "100000"],
    }
    assert hostile_problems(client, url, base, mutations, ("schedule",)) == []
    add = new_week_data(starts_on="07/12/2026")
    assert hostile_problems(client, ADD, add, {"starts_on": DATES, "entries-1-start_time": TIMES}, ("schedule",)) == []
