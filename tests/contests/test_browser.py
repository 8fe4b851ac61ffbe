"""What only a browser shows: a contestant on a phone registers, answers (saved as chosen by the
page's script), loses the page, comes back, and submits; the countdown runs; nothing breaks CSP."""

import datetime

import pytest
from django.utils import timezone

from contests.models import Answer, Attempt
from tests.utils import has_horizontal_scroll

from .factories import ContestFactory, QuestionFactory, RoundFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contestant_on_a_phone(live_server, phone_page):
    now = timezone.now()
    contest = ContestFactory(campaign__slug="thi-tren-dien-thoai", slug="thi-tren-dien-thoai")
    round_ = RoundFactory(
        contest=contest,
        name="Đợt 1",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
        questions_per_attempt=3,
    )
    for _ in range(4):
        QuestionFactory(round=round_)
    UnitFactory(name="Công đoàn Trường THPT Ba Bể", group__name="LĐLĐ huyện Ba Bể")
    problems = []
    # CSP refusals show as console errors; failed requests (but the favicon, which the site has none of).
    phone_page.on("console", lambda message: "Refused" in message.text and problems.append(message.text))
    phone_page.on(
        "response",
        lambda response: response.status >= 400 and "favicon" not in response.url and problems.append(response.url),
    )
    base = f"{live_server.url}/cuoc-thi/{contest.slug}/"

    phone_page.goto(base + "dang-ky/")
    phone_page.fill("#id_full_name", "Hoàng Văn Nam")
    phone_page.fill("#id_phone", "0387 654 321")
    phone_page.fill("#id_password1", "thi-tot-nhe-2023")
    phone_page.fill("#id_password2", "thi-tot-nhe-2023")
    phone_page.fill("#id_date_of_birth", "17/05/1990")
    phone_page.select_option("#id_unit", label="Công đoàn Trường THPT Ba Bể – LĐLĐ huyện Ba Bể")
    phone_page.check("#id_consent")
    assert not has_horizontal_scroll(phone_page)
    phone_page.click(".contest-form button[type=submit]")
    phone_page.wait_for_url(base + "cua-toi/")
    phone_page.click("text=Bắt đầu lượt thi")
    phone_page.wait_for_url("**/luot/*/")
    assert not has_horizontal_scroll(phone_page)

    countdown = phone_page.locator(".contest-countdown")
    phone_page.wait_for_function("() => document.querySelector('.contest-countdown').textContent.includes(':')")
    assert countdown.inner_text().startswith("còn 19:") or countdown.inner_text().startswith("còn 20:")

    first = phone_page.locator(".contest-question").first
    first.locator("input[type=radio]").nth(1).check()
    first.locator(".contest-saved", has_text="Đã lưu").wait_for()
    attempt = Attempt.objects.get()
    assert Answer.objects.filter(attempt=attempt).count() == 1

    # The tab is lost; the contestant comes back to the same attempt.
    phone_page.goto(base + "cua-toi/")
    phone_page.click("text=Tiếp tục lượt 1")
    phone_page.wait_for_url(f"**/luot/{attempt.pk}/")
    assert phone_page.locator(".contest-question").first.locator("input[type=radio]").nth(1).is_checked()

    with phone_page.expect_navigation():
        phone_page.click("button[name=nop]")
    assert "Kết quả:" in phone_page.locator(".contest-result").inner_text()
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert problems == []
