"""Contestants on the public site: register, log in, take an attempt without JavaScript."""

import datetime
import re

import pytest
import time_machine

from congdoan.roles import WRITER_GROUP
from contests.models import Answer, Attempt, AttemptQuestion, Contestant, Option
from contests.services import option_value, start_attempt, submit_attempt
from tests.utils import HEADER_QUERIES_COLD, NEXT_CHANGE_QUERIES, give_role

from .conftest import NOW
from .factories import AttemptFactory, ContestantFactory

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def registration(unit_obj, **changes):
    data = {
        "full_name": "Hoàng Văn Nam",
        "phone": "+84 387 654 321",
        "password1": "thi-tot-nhe-2023",
        "password2": "thi-tot-nhe-2023",
        "email": "",
        "date_of_birth": "17/05/1990",
        "unit": unit_obj.pk,
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_registration_creates_a_contestant_and_logs_in(client, now, contest, unit):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit))
    assert response.status_code == 302 and response["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"
    contestant = Contestant.objects.get()
    assert (contestant.phone, contestant.full_name, contestant.date_of_birth) == (
        "0387654321",
        "Hoàng Văn Nam",
        datetime.date(1990, 5, 17),
    )
    assert contestant.consented_at == NOW and not contestant.user.is_staff
    assert "Hoàng Văn Nam" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "Số điện thoại không hợp lệ"),
        ({"date_of_birth": "1990-13-45"}, "date_of_birth", "Ngày sinh phải có dạng ngày/tháng/năm"),
        ({"date_of_birth": "31/02/1990"}, "date_of_birth", "Ngày sinh phải có dạng ngày/tháng/năm"),
        ({"date_of_birth": "01/01/2030"}, "date_of_birth", "Ngày sinh không được ở tương lai"),
        ({"consent": None}, "consent", "Cần đồng ý với thể lệ"),
        ({"unit": "999999"}, "unit", "Hãy chọn một đơn vị trong danh sách"),
        ({"password2": "khac-hoan-toan"}, "password2", "Hai lần nhập mật khẩu không giống nhau"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "mật khẩu"),
        ({"full_name": ""}, "full_name", "Trường này là bắt buộc"),
    ],
)
def test_registration_errors_are_tied_to_their_fields(client, now, contest, unit, changes, field, message):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message.casefold() in " ".join(errors[field]).casefold()
    assert message in response.content.decode() or message.casefold() in response.content.decode().casefold()
    assert not Contestant.objects.exists()


def test_a_phone_registers_once_per_contest(client, now, contest, unit, contestant):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, phone="0912 345 678"))
    assert "Số điện thoại này đã đăng ký cuộc thi" in response.content.decode()


def test_login_by_phone_in_any_format(client, contest, contestant):
    url = f"/cuoc-thi/{contest.slug}/dang-nhap/"
    bad = client.post(url, {"phone": "0912345678", "password": "sai"})
    assert "Số điện thoại hoặc mật khẩu không đúng." in bad.content.decode()
    response = client.post(url, {"phone": "+84 912 345 678", "password": "mat-khau-thi-sinh"})
    assert response.status_code == 302 and response["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"


def test_login_next_stays_inside_the_contest(client, contest, contestant):
    data = {"phone": "0912345678", "password": "mat-khau-thi-sinh", "next": "https://evil.example/"}
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-nhap/", data)
    assert response["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"


def test_contestant_pages_need_a_login(client, contest, open_round):
    for url in (f"/cuoc-thi/{contest.slug}/cua-toi/", f"/cuoc-thi/{contest.slug}/luot/1/"):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/?next=" in response["Location"]


@pytest.fixture
def logged_in(client, contestant):
    client.force_login(contestant.user)
    return client


def attempt_url(contest, attempt):
    return f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/"


def test_start_then_answer_without_javascript_then_submit(logged_in, now, contest, open_round, contestant):
    client = logged_in
    mine = client.get(f"/cuoc-thi/{contest.slug}/cua-toi/").content.decode()
    assert "Bắt đầu lượt thi" in mine and "còn 2/2 lượt" in mine
    response = client.post(f"/cuoc-thi/{contest.slug}/dot/{open_round.pk}/bat-dau/")
    attempt = Attempt.objects.get()
    assert response["Location"] == attempt_url(contest, attempt)
    page = client.get(attempt_url(contest, attempt))
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    drawn = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
    # Options are shown in the drawn (shuffled) order, each with its per-attempt value.
    for item in drawn:
        shown = re.findall(rf'name="q-{item.question_id}" value="([^"]*)"', html)
        assert shown == [option_value(attempt.pk, pk) for pk in item.option_order]
    first, second = drawn[0].question_id, drawn[1].question_id
    right = Option.objects.get(question_id=first, is_correct=True)
    wrong = Option.objects.filter(question_id=second, is_correct=False).first()
    right_value, wrong_value = option_value(attempt.pk, right.pk), option_value(attempt.pk, wrong.pk)
    response = client.post(attempt_url(contest, attempt), {f"q-{first}": right_value, "luu": str(first)})
    assert response.status_code == 302 and response["Location"].endswith(f"#cau-{first}")
    # Resuming (e.g. after losing the connection) shows the saved choice.
    html = client.get(attempt_url(contest, attempt)).content.decode()
    assert f'value="{right_value}" checked' in html
    assert "Đã lưu câu trả lời." in html
    response = client.post(
        attempt_url(contest, attempt), {f"q-{first}": right_value, f"q-{second}": wrong_value, "nop": "1"}
    )
    attempt.refresh_from_db()
    assert attempt.score == 1 and attempt.submitted_at == NOW
    html = client.get(response["Location"]).content.decode()
    assert "Kết quả: 1/3 câu đúng" in html and "Đã nộp bài." in html
    again = client.post(attempt_url(contest, attempt), {f"q-{second}": wrong_value, "nop": "1"}, follow=True)
    assert "Lượt thi này đã nộp bài" in again.content.decode()
    assert "đã được nộp trước đó" in again.content.decode()
    assert Answer.objects.filter(attempt=attempt).count() == 2


def test_javascript_save_gets_json(logged_in, now, contest, open_round, contestant):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    question = AttemptQuestion.objects.filter(attempt=attempt).first().question_id
    option = Option.objects.filter(question_id=question).first()
    value = option_value(attempt.pk, option.pk)
    response = logged_in.post(
        attempt_url(contest, attempt), {f"q-{question}": value, "luu": question}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response.json() == {"saved": 1, "errors": []}
    with time_machine.travel(attempt.deadline + MINUTE, tick=False):
        late = logged_in.post(attempt_url(contest, attempt), {f"q-{question}": value}, HTTP_ACCEPT="application/json")
    assert late.status_code == 400
    assert late.json()["errors"] == ["Đã hết giờ làm bài: câu trả lời này không được ghi nhận."]


def test_posted_option_of_another_question_is_a_message_not_a_500(logged_in, now, contest, open_round, contestant):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    first, second = AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", flat=True)[:2]
    foreign = Option.objects.filter(question_id=second).first()
    foreign_value = option_value(attempt.pk, foreign.pk)
    hostile = ({f"q-{first}": foreign_value}, {f"q-{first}": foreign.pk}, {f"q-{first}": "abc"}, {"q-abc": "1"})
    for data in (*hostile, {f"q-{first}": ""}):
        response = logged_in.post(attempt_url(contest, attempt), data, follow=True)
        assert response.status_code == 200
    assert not Answer.objects.exists()


def test_another_contestants_attempt_is_404(logged_in, now, contest, open_round):
    other = AttemptFactory(contestant=ContestantFactory(contest=contest), round=open_round)
    assert logged_in.get(attempt_url(contest, other)).status_code == 404
    assert logged_in.post(attempt_url(contest, other), {"nop": "1"}).status_code == 404
    assert logged_in.get(f"/cuoc-thi/{contest.slug}/luot/999999/").status_code == 404
    other.refresh_from_db()
    assert other.submitted_at is None


def test_start_in_a_round_of_another_contest_is_404(logged_in, now, contest):
    other = AttemptFactory().round
    assert logged_in.post(f"/cuoc-thi/{contest.slug}/dot/{other.pk}/bat-dau/").status_code == 404


def test_no_correct_answer_reaches_the_page_before_the_round_closes(logged_in, now, contest, open_round, contestant):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    for when in (NOW, attempt.deadline + 5 * MINUTE):  # open, then scored but the round still running
        with time_machine.travel(when, tick=False):
            html = logged_in.get(attempt_url(contest, attempt)).content.decode()
        assert "is_correct" not in html and "contest-option--dung" not in html and "(đáp án)" not in html
        assert "Giải thích" not in html and "Theo Điều 10" not in html
    # An attempt started just before the end may still save during the grace: nothing shown yet.
    late = start_attempt(contestant=contestant, round=open_round, now=open_round.ends_at - MINUTE).attempt
    with time_machine.travel(open_round.ends_at + MINUTE / 4, tick=False):
        html = logged_in.get(attempt_url(contest, late)).content.decode()
    assert "(đáp án)" not in html and 'type="radio"' in html and "disabled" not in html
    with time_machine.travel(open_round.ends_at + MINUTE, tick=False):
        html = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert html.count("(đáp án)") == 3 and "Giải thích: Theo Điều 10" in html


def test_an_attempt_left_open_is_scored_when_opened_again(logged_in, now, contest, open_round, contestant):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    with time_machine.travel(attempt.deadline + 2 * MINUTE, tick=False):
        html = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert "Kết quả: 0/3 câu đúng" in html and "tự động nộp khi hết giờ" in html


def test_attempt_page_query_count_is_fixed(
    logged_in, now, contest, open_round, contestant, django_assert_num_queries, settings
):
    """Session, user, the attempt with its round and the contestant's check, the drawn
    questions with their saved choices: 4, whatever the number of questions (the contest
    with its campaign, and the round's questions with their options, come from the cache). Every contestant opens
    this page at least once, all of them at a round's start: each query here is thousands of
    round trips then."""
    settings.FRAGMENT_CACHE_SECONDS = 600  # the site's header is cached as in production
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    logged_in.get(attempt_url(contest, attempt))  # warm the header's per-day caches and the contest
    with django_assert_num_queries(4):
        logged_in.get(attempt_url(contest, attempt))


def test_contest_page_shows_rounds_rules_counts_and_is_never_page_cached(client, now, contest, open_round, contestant):
    submit_attempt(attempt=start_attempt(contestant=contestant, round=open_round, now=NOW).attempt, now=NOW)
    response = client.get(f"/cuoc-thi/{contest.slug}/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "<strong>1</strong> người đăng ký · <strong>1</strong> lượt dự thi" in html
    assert "Đợt 1" in html and "Đang diễn ra" in html and "Xếp hạng theo số câu đúng" in html
    assert "Công đoàn Trường THPT Ba Bể" in html


def test_contest_page_query_count_is_fixed(client, now, contest, open_round, django_assert_num_queries, settings):
    """Cold: menu, header, contest, rounds, counts. Warm (site chrome, the contest kept per
    cache generation, the counts cached for CONTEST_COUNTS_SECONDS): the rounds only, whatever
    the traffic."""
    settings.FRAGMENT_CACHE_SECONDS = 600  # the site's header is cached as in production
    with django_assert_num_queries(1 + HEADER_QUERIES_COLD + 3 + NEXT_CHANGE_QUERIES):
        client.get(f"/cuoc-thi/{contest.slug}/")
    with django_assert_num_queries(1):
        client.get(f"/cuoc-thi/{contest.slug}/")


def test_unpublished_or_unknown_contest_is_404(client, contest):
    contest.campaign.is_published = False
    contest.campaign.save()
    assert client.get(f"/cuoc-thi/{contest.slug}/").status_code == 404
    assert client.get("/cuoc-thi/khong-co/").status_code == 404


def test_forgotten_password_editor_issues_a_temporary_one_and_the_contestant_changes_it(
    client, contest, contestant, editor
):
    login_page = client.get(f"/cuoc-thi/{contest.slug}/dang-nhap/").content.decode()
    assert "Quên mật khẩu? Hãy gọi ban tổ chức" in login_page

    client.force_login(editor)
    response = client.post(
        "/admin/contests/contestant/",
        {"action": "issue_temporary_password", "_selected_action": [contestant.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith("Mật khẩu tạm của Nguyễn Thị Hoa (0912345678): ")
    temporary = shown[0].split(": ", 1)[1].split(" ", 1)[0]
    assert len(temporary) == 10
    client.logout()

    login = client.post(f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": "0912 345 678", "password": temporary})
    assert login.status_code == 302
    mine = client.get(f"/cuoc-thi/{contest.slug}/cua-toi/").content.decode()
    assert f'href="/cuoc-thi/{contest.slug}/doi-mat-khau/"' in mine
    wrong = client.post(
        f"/cuoc-thi/{contest.slug}/doi-mat-khau/",
        {"old_password": "sai", "new_password1": "Hoa-thi-2026!", "new_password2": "Hoa-thi-2026!"},
    )
    assert wrong.status_code == 200 and 'id="id_old_password_loi"' in wrong.content.decode()
    changed = client.post(
        f"/cuoc-thi/{contest.slug}/doi-mat-khau/",
        {"old_password": temporary, "new_password1": "Hoa-thi-2026!", "new_password2": "Hoa-thi-2026!"},
    )
    assert changed.status_code == 302  # still logged in (session hash updated)
    assert client.get(f"/cuoc-thi/{contest.slug}/cua-toi/").status_code == 200
    client.logout()
    assert (
        client.post(f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": "0912345678", "password": temporary}).status_code
        == 200
    )
    assert (
        client.post(
            f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": "0912345678", "password": "Hoa-thi-2026!"}
        ).status_code
        == 302
    )


def test_temporary_password_needs_exactly_one_contestant_and_an_editor(
    client, contest, contestant, editor, django_user_model
):
    other = ContestantFactory(contest=contest, unit=contestant.unit, full_name="Trần Văn Nam", phone="0987654321")
    client.force_login(editor)
    response = client.post(
        "/admin/contests/contestant/",
        {"action": "issue_temporary_password", "_selected_action": [contestant.pk, other.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Hãy chọn đúng một thí sinh để cấp mật khẩu tạm."]
    writer = give_role(django_user_model.objects.create_user("phongvien-x", password="x", is_staff=True), WRITER_GROUP)
    client.force_login(writer)
    refused = client.post(
        "/admin/contests/contestant/", {"action": "issue_temporary_password", "_selected_action": [contestant.pk]}
    )
    assert refused.status_code == 403


def test_contest_pages_of_published_campaigns_are_in_the_sitemap(client, contest):
    from campaigns.models import Campaign

    Campaign.objects.filter(pk=contest.campaign_id).update(is_published=False)
    assert f"/cuoc-thi/{contest.slug}/" not in client.get("/sitemap.xml").content.decode()
    Campaign.objects.filter(pk=contest.campaign_id).update(is_published=True)
    body = client.get("/sitemap.xml").content.decode()
    assert f"/cuoc-thi/{contest.slug}/</loc>" in body
    assert "/dang-ky/" not in body and "/dang-nhap/" not in body


def test_the_attempt_page_shows_no_slides_or_ticker_but_the_contest_page_does(
    logged_in, now, contest, open_round, contestant
):
    """Nothing moves beside a timed attempt's questions; the site's other pages keep both."""
    from tests.banners.factories import SlideFactory, SloganFactory

    SloganFactory(text="Chào mừng Đại hội Công đoàn tỉnh")
    SlideFactory(alt="Ảnh Đại hội")
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    page = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert 'class="ticker"' not in page and 'class="header-slides"' not in page
    assert 'class="site-header"' in page and "Câu 1.</span>" in page
    other = logged_in.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    assert other.count('class="ticker"') == 1 and other.count('class="header-slides"') == 1
    assert "Chào mừng Đại hội Công đoàn tỉnh" in other and 'alt="Ảnh Đại hội"' in other
