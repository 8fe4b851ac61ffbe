"""Work on several rows of the schedule: copying recurring items, the days of a week, the feed's window."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from . import weeks
from .models import PUBLIC_FIELDS, Entry, Week


@transaction.atomic
def copy_recurring_items(*, week: Week) -> int:
    """Copy the items marked "lặp lại hằng tuần" of the week before into `week`, on the same
    day and session; an item already there (same day, session, time and content) is not
    copied twice, so running it again adds nothing. Returns how many were added."""
    previous = Week.objects.filter(starts_on=week.starts_on - datetime.timedelta(days=7)).first()
    if previous is None:
        return 0
    present = {(item.day, item.session, item.start_time, item.content) for item in week.entries.all()}
    added = 0
    for item in previous.entries.recurring().in_day_order():
        if (item.day, item.session, item.start_time, item.content) in present:
            continue
        copy = Entry(week=week, is_recurring=True, **{name: getattr(item, name) for name in PUBLIC_FIELDS})
        copy.save()  # added to an already published week: an adjustment, as any addition
        added += 1
    return added


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return weeks.day_label(self.date)


def week_days(monday: datetime.date, entries: list[Entry], today: datetime.date) -> list[Day]:
    """Monday to Friday always (a working week), Saturday and Sunday when they have items."""
    days = [Day(date=monday + datetime.timedelta(days=offset), is_today=False) for offset in range(7)]
    for day in days:
        day.is_today = day.date == today
    for entry in entries:
        days[entry.day - 1].entries.append(entry)
    return [day for index, day in enumerate(days) if index < 5 or day.entries]


# The feed carries this many past weeks (a calendar client keeps what it already read) and
# every published week ahead.
FEED_PAST_WEEKS = 8


def feed_entries(today: datetime.date) -> list[Entry]:
    since = weeks.monday_of(today) - datetime.timedelta(weeks=FEED_PAST_WEEKS)
    return list(
        Entry.objects.filter(week__is_published=True, week__starts_on__gte=since)
        .select_related("week")
        .order_by("week__starts_on", "day", "session", "start_time", "pk")
    )
