"""The weekly schedule: /lich-cong-tac/ (this week) and ?tuan=2026-W49, its print view and its
iCalendar feed.

A page reads the week and its items in two queries whatever the number of items; an unknown
or malformed ?tuan= is a 404 (never a 500, never a page for junk that caches could fill up).
"""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render

from congdoan.caching import cached_render, public_page, site_today
from congdoan.links import absolute_url
from congdoan.tenancy import this_federation

from . import calendar_feed, weeks
from .models import Week
from .services import feed_entries, week_days


def _requested_monday(request, today: datetime.date) -> datetime.date:
    value = request.GET.get("tuan")
    if value is None:
        return weeks.monday_of(today)
    monday = weeks.parse_week(value)
    if monday is None:
        raise Http404("Không có tuần này.")
    return monday


def _week_nav(monday: datetime.date, today: datetime.date) -> dict:
    """What the page around the schedule shows: no query."""
    previous, following = monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
    return {
        "monday": monday,
        "heading": weeks.week_heading(monday),
        "span": weeks.week_span(monday),
        "number": weeks.week_number(monday),
        "param": weeks.week_param(monday),
        "previous_param": weeks.week_param(previous) if weeks.in_range(previous) else "",
        "next_param": weeks.week_param(following) if weeks.in_range(following) else "",
        "this_week": monday == weeks.monday_of(today),
    }


def _week_data(monday: datetime.date, today: datetime.date) -> dict:
    """The published week and its items, by day: two queries."""
    schedule = Week.objects.published().filter(starts_on=monday).first()
    entries = list(schedule.entries.in_day_order()) if schedule else []
    for entry in entries:
        entry.week = schedule  # the same object: no query per item
    return {
        **_week_nav(monday, today),
        "schedule": schedule,
        "days": week_days(monday, entries, today),
        "entry_count": len(entries),
    }


@public_page(params=("tuan",))
def week(request):
    today = site_today()
    monday = _requested_monday(request, today)
    context = _week_nav(monday, today)
    # Kept per generation (content version and local day: "today" moves at midnight).
    context["body"] = cached_render(
        request, "schedule-week", [monday.isoformat()], "schedule/includes/week_body.html",
        lambda: _week_data(monday, today),
    )  # fmt: skip
    return render(request, "schedule/week.html", context)


@public_page(params=("tuan",))
def print_week(request):
    today = site_today()
    context = _week_data(_requested_monday(request, today), today)
    return render(request, "schedule/print.html", context)


@public_page()
def feed(request):
    """RFC 5545 calendar of the published weeks (see calendar_feed)."""
    entries = feed_entries(site_today())
    federation = this_federation()
    body = calendar_feed.build(
        entries,
        name=f"Lịch công tác – {federation.short_name}",
        host=federation.domain,
        url_for=lambda entry: absolute_url(request, entry.week.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
