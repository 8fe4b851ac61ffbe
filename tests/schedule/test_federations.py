"""Two federations on one installation: each host shows its own leadership's schedule only.

A is the default federation (the test client's `testserver`), B is Sơn La on its own host.
A week is addressed by its number (?tuan=2026-W48), the same for every federation: a week
only A published reads "no schedule" on B, as any week B has not published does.
"""

import datetime
import re

import pytest
from django.test import Client

from congdoan.models import Federation, FederationHost
from congdoan.tenancy import activate

from .factories import EntryFactory, WeekFactory
from .test_feed import unfolded_lines

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"
EMPTY = '<p class="empty-state-title">Chưa có lịch công tác tuần này.</p>'


@pytest.fixture
def both(frozen_day):
    """A: weeks 48 and 49; B: week 49 only, with an item of its own."""
    federation_b = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", domain="congdoansonla.vn"
    )
    FederationHost.objects.create(federation=federation_b, host=B_HOST, is_primary=True)
    a_last = EntryFactory(week=WeekFactory(starts_on=datetime.date(2026, 11, 23)), content="Giao ban Bắc Kạn tuần 48")
    a_this = EntryFactory(week=WeekFactory(), content="Giao ban Bắc Kạn tuần 49")
    with activate(federation_b):
        b_this = EntryFactory(week=WeekFactory(), content="Giao ban Sơn La tuần 49")
    return {"a": [a_last, a_this], "b": b_this}


def contents(html: str) -> list[str]:
    """The items' texts, on the week page or in the print view's table (third column)."""
    if '<table class="print-table">' in html:
        return re.findall(r"<tr>\s*(?:<th[^>]*>[^<]*</th>\s*)?<td>[^<]*</td>\s*<td>([^<]+)", html)
    return re.findall(r'<p class="schedule-content">([^<]+)</p>', html)


def test_b_host_shows_none_of_a_weeks(both):
    client = Client(HTTP_HOST=B_HOST)
    for url in ("/lich-cong-tac/", "/lich-cong-tac/?tuan=2026-W49", "/lich-cong-tac/in/?tuan=2026-W49"):
        assert contents(client.get(url).content.decode()) == ["Giao ban Sơn La tuần 49"], url
    for url in ("/lich-cong-tac/?tuan=2026-W48", "/lich-cong-tac/in/?tuan=2026-W48"):
        html = client.get(url).content.decode()
        assert contents(html) == [] and "Bắc Kạn tuần 48" not in html, url
    assert EMPTY in client.get("/lich-cong-tac/?tuan=2026-W48").content.decode()
    assert "<p>Chưa có lịch công tác tuần này.</p>" in client.get("/lich-cong-tac/in/?tuan=2026-W48").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert re.findall(r"<loc>(http://[^<]+/lich-cong-tac/[^<]*)</loc>", sitemap) == [
        "http://sonla.test/lich-cong-tac/?tuan=2026-W49"
    ]
    # A's own host still has both of A's weeks.
    assert contents(Client().get("/lich-cong-tac/?tuan=2026-W48").content.decode()) == ["Giao ban Bắc Kạn tuần 48"]


def test_b_calendar_feed_has_b_items_only_with_b_domain_in_their_uids(both):
    lines = unfolded_lines(Client(HTTP_HOST=B_HOST).get("/lich-cong-tac/lich.ics").content)
    assert "X-WR-CALNAME:Lịch công tác – LĐLĐ tỉnh Sơn La" in lines
    assert [line for line in lines if line.startswith(("UID:", "SUMMARY:", "URL:"))] == [
        "SUMMARY:Giao ban Sơn La tuần 49",
        f"UID:lich-cong-tac-{both['b'].pk}@congdoansonla.vn",
        "URL:http://sonla.test/lich-cong-tac/?tuan=2026-W49",
    ]
    a_lines = unfolded_lines(Client().get("/lich-cong-tac/lich.ics").content)
    assert [line for line in a_lines if line.startswith("UID:")] == [
        f"UID:lich-cong-tac-{entry.pk}@congdoanbackan.vn" for entry in both["a"]
    ]
