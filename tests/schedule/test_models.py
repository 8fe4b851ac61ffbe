"""Schedule rules: what counts as an adjustment, copying recurring items, validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from congdoan.tenancy import activate, default_federation
from schedule.models import Entry, Week
from schedule.services import copy_recurring_items

from .factories import EntryFactory, WeekFactory

pytestmark = pytest.mark.django_db

T = datetime.time
LATER = datetime.datetime(2026, 12, 1, 7, 20, tzinfo=datetime.UTC)


def reloaded(entry) -> Entry:
    return Entry.objects.select_related("week").get(pk=entry.pk)


def test_changes_to_a_published_week_are_adjustments(frozen_day):
    entry = EntryFactory(week=WeekFactory())
    assert reloaded(entry).is_adjusted is False
    frozen_day.move_to(LATER)
    entry = reloaded(entry)
    entry.chair = "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh"
    entry.save()
    entry = reloaded(entry)
    assert (entry.revised_at, entry.revision, entry.is_adjusted) == (LATER, 1, True)
    assert entry.adjusted_text == "Điều chỉnh lúc 14:20 - 01/12/2026"


def test_an_item_added_after_publishing_is_an_adjustment(frozen_day):
    week = WeekFactory()
    frozen_day.move_to(LATER)
    added = EntryFactory(week=Week.objects.get(pk=week.pk))
    assert reloaded(added).is_adjusted is True


@pytest.mark.parametrize(("field", "value"), [("is_recurring", True)])
def test_bookkeeping_changes_are_not_adjustments(frozen_day, field, value):
    entry = EntryFactory(week=WeekFactory())
    frozen_day.move_to(LATER)
    entry = reloaded(entry)
    setattr(entry, field, value)
    entry.save()
    assert reloaded(entry).revision == 0


def test_editing_a_draft_or_publishing_with_edits_is_not_an_adjustment(frozen_day):
    entry = EntryFactory(week=WeekFactory(is_published=False))
    frozen_day.move_to(LATER)
    entry = reloaded(entry)
    entry.venue = "Hội trường tầng 3"
    entry.save()
    # Publishing and editing in one admin save: the week was not public when it was read.
    week = entry.week
    week.is_published = True
    week.save()
    entry.content = "Nội dung đã sửa trước khi công bố"
    entry.save()
    entry = reloaded(entry)
    assert (entry.revision, entry.is_adjusted) == (0, False)
    assert entry.week.published_at == LATER


def test_republishing_forgets_earlier_adjustments(frozen_day):
    entry = EntryFactory(week=WeekFactory())
    frozen_day.move_to(LATER)
    entry = reloaded(entry)
    entry.venue = "Phòng họp số 2"
    entry.save()
    week = Week.objects.get(pk=entry.week_id)
    week.is_published = False
    week.save()
    frozen_day.move_to(LATER + datetime.timedelta(hours=1))
    week = Week.objects.get(pk=week.pk)
    week.is_published = True
    week.save()
    assert reloaded(entry).is_adjusted is False


def test_copy_recurring_items_from_last_week_once(frozen_day):
    last = WeekFactory(starts_on=datetime.date(2026, 11, 23))
    EntryFactory(week=last, is_recurring=True, content="Giao ban Thường trực")
    EntryFactory(week=last, day=Entry.Day.THURSDAY, is_recurring=True, content="Tiếp công dân định kỳ")
    EntryFactory(week=last, day=Entry.Day.TUESDAY, content="Hội nghị Ban Chấp hành")
    this = WeekFactory(is_published=False)
    assert copy_recurring_items(week=this) == 2
    assert copy_recurring_items(week=this) == 0
    copied = list(this.entries.in_day_order().values_list("day", "content", "is_recurring", "start_time"))
    assert copied == [(1, "Giao ban Thường trực", True, T(8, 0)), (4, "Tiếp công dân định kỳ", True, T(8, 0))]


def test_copy_without_a_previous_week_adds_nothing():
    assert copy_recurring_items(week=WeekFactory()) == 0


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"end_time": T(11, 0), "start_time": None}, {"end_time": ["Có giờ kết thúc thì phải có giờ bắt đầu."]}),
        ({"start_time": T(9, 0), "end_time": T(8, 0)}, {"end_time": ["Giờ kết thúc phải sau giờ bắt đầu."]}),
        (
            {"session": Entry.Session.MORNING, "start_time": T(14, 0), "end_time": None},
            {"start_time": ["Giờ 14:00 không thuộc buổi sáng: hãy sửa giờ hoặc buổi."]},
        ),
        (
            {"session": Entry.Session.EVENING, "start_time": T(8, 0), "end_time": None},
            {"start_time": ["Giờ 08:00 không thuộc buổi tối: hãy sửa giờ hoặc buổi."]},
        ),
    ],
)
def test_entry_clean_explains_what_is_wrong(values, errors):
    entry = Entry(week=WeekFactory(), day=1, content="Họp", **{"start_time": T(8, 0), **values})
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    assert {name: messages for name, messages in raised.value.message_dict.items() if name != "__all__"} == errors


def test_the_same_week_twice_is_a_form_error_not_a_crash():
    WeekFactory()
    with activate(default_federation()), pytest.raises(ValidationError) as raised:
        Week(starts_on=datetime.date(2026, 12, 2)).full_clean()
    assert raised.value.messages == ["Tuần này đã có lịch; hãy mở lịch đã có để sửa."]
