"""The site's one clock: every "today" of the project is a day in Asia/Ho_Chi_Minh.

The server may run in UTC; a reader in Vietnam at 00:30 on 2 September is already on the
2nd while UTC is still on the 1st. Everything that turns over with the day (the ticker,
campaign statuses, cached pages) asks these functions, never `date.today()`.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

SITE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def site_now(now: datetime | None = None) -> datetime:
    """Now (or the given moment), as an aware datetime in the site's zone."""
    return (now or timezone.now()).astimezone(SITE_ZONE)


def site_today(now: datetime | None = None) -> date:
    return site_now(now).date()


def seconds_until_local_midnight(now: datetime | None = None) -> int:
    local = (now or timezone.now()).astimezone(SITE_ZONE)
    midnight = datetime.combine(local.date() + timedelta(days=1), time.min, tzinfo=SITE_ZONE)
    return max(1, int((midnight - local).total_seconds()))
