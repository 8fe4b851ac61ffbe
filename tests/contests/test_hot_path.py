"""The attempt page's hot requests (start, the page, the submit of the whole form): what they
cost in queries, and that reading them in SQL and formatting the questions in Python changed
nothing a contestant sees."""

import re

import pytest

from contests.models import Answer, Attempt, AttemptQuestion, Option
from contests.services import option_value, start_attempt

from .conftest import NOW
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, contestant):
    client.force_login(contestant.user)
    return client


@pytest.fixture
def warm(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the contest and the site's header cached as in production


def start_url(contest, round_):
    return f"/cuoc-thi/{contest.slug}/dot/{round_.pk}/bat-dau/"


def attempt_url(contest, attempt):
    return f"/cuoc-thi/{contest.slug}/luot/{attempt.pk}/"


def test_a_start_is_eight_queries(logged_in, now, contest, open_round, warm, django_assert_num_queries):
    """Session, user, the contestant, the round; then in one transaction (its savepoint and
    release are counted here, inside the test's own transaction) the contestant's row locked
    with their attempts in the round, the question bank with its options, the attempt, its
    drawn questions in one INSERT: 8, whatever the size of the bank. Every contestant starts
    at a round's opening."""
    logged_in.get(f"/cuoc-thi/{contest.slug}/")  # the contest and the site's pieces in the cache
    with django_assert_num_queries(8 + 2):
        response = logged_in.post(start_url(contest, open_round))
    attempt = Attempt.objects.get()
    assert response.status_code == 302 and response["Location"] == attempt_url(contest, attempt)
    drawn = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
    assert [item.position for item in drawn] == [1, 2, 3]
    for item in drawn:
        options = set(Option.objects.filter(question_id=item.question_id).values_list("pk", flat=True))
        assert sorted(item.option_order) == sorted(options)


def test_the_drawn_questions_are_stored_exactly_as_drawn(contestant, open_round, monkeypatch):
    from contests import services

    bank = services._question_bank(open_round.pk)
    chosen = list(bank)[::-1][:3]
    drawn = [(question_id, list(reversed(bank[question_id]))) for question_id in chosen]
    monkeypatch.setattr(services, "_draw_questions", lambda bank, count: drawn)
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    stored = AttemptQuestion.objects.filter(attempt=attempt).order_by("position")
    assert [(item.position, item.question_id, item.option_order) for item in stored] == [
        (position, question_id, order) for position, (question_id, order) in enumerate(drawn, start=1)
    ]


def test_starting_again_resumes_in_the_same_queries_without_writing(
    logged_in, now, contest, open_round, contestant, warm, django_assert_num_queries
):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    logged_in.get(f"/cuoc-thi/{contest.slug}/")
    # Session, user, contestant, round, the lock with the attempts (and the savepoint's two).
    with django_assert_num_queries(5 + 2):
        response = logged_in.post(start_url(contest, open_round))
    assert response["Location"] == attempt_url(contest, attempt)
    assert Attempt.objects.count() == 1


def test_submitting_the_whole_form_is_six_queries(
    logged_in, now, contest, open_round, contestant, warm, django_assert_num_queries
):
    """Session, user, the attempt with its round and the contestant's check, the drawn options
    with the saved answers (nothing changed: no write), then the attempt's row locked and
    closed with its score counted in one UPDATE: 6, plus the savepoint's two here. A browser
    without JavaScript and the autosave's last word both post the whole form."""
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    drawn = AttemptQuestion.objects.filter(attempt=attempt).order_by("position")
    form = {}
    for item in drawn:
        option = Option.objects.get(question_id=item.question_id, is_correct=True)
        Answer.objects.create(attempt=attempt, question_id=item.question_id, option=option, saved_at=NOW)
        form[f"q-{item.question_id}"] = option_value(attempt.pk, option.pk)
    logged_in.get(f"/cuoc-thi/{contest.slug}/")
    with django_assert_num_queries(6 + 2):
        response = logged_in.post(attempt_url(contest, attempt), {**form, "nop": "1"})
    assert response.status_code == 302 and response["Location"] == attempt_url(contest, attempt)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at, attempt.auto_closed) == (3, NOW, False)


def test_a_submitted_form_works_out_one_value_per_unchanged_answer(
    logged_in, now, contest, open_round, contestant, monkeypatch
):
    """The form repeats what the script saved: its saved option is tried first, so an unchanged
    answer costs one keyed hash, not one per option; a changed one is still found among all."""
    from contests import services

    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    drawn = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
    form, wrong = {}, None
    for item in drawn:
        options = list(Option.objects.filter(question_id=item.question_id).order_by("order"))
        right = next(option for option in options if option.is_correct)
        Answer.objects.create(attempt=attempt, question_id=item.question_id, option=right, saved_at=NOW)
        form[f"q-{item.question_id}"] = option_value(attempt.pk, right.pk)
    last = drawn[-1].question_id
    wrong = Option.objects.filter(question_id=last, is_correct=False).order_by("order").last()
    form[f"q-{last}"] = option_value(attempt.pk, wrong.pk)
    worked_out = []

    def counted(attempt_id, option_id):
        worked_out.append(option_id)
        return option_value(attempt_id, option_id)

    monkeypatch.setattr(services, "option_value", counted)
    response = logged_in.post(attempt_url(contest, attempt), {**form, "nop": "1"})
    assert response.status_code == 302
    options_of_last = Option.objects.filter(question_id=last).count()
    assert len(worked_out) == len(drawn) - 1 + 1 + options_of_last
    attempt.refresh_from_db()
    assert attempt.score == len(drawn) - 1
    assert Answer.objects.get(attempt=attempt, question_id=last).option_id == wrong.pk


def test_question_and_option_texts_are_escaped_as_the_template_escaped_them(logged_in, now, contest, contestant):
    from .factories import RoundFactory

    round_ = RoundFactory(contest=contest, order=2, name="Đợt 2", questions_per_attempt=1)
    QuestionFactory(
        round=round_,
        text='Điều <b>nào</b> đúng?\nChọn "một" & chỉ một.',
        options=[("<script>alert(1)</script>", True), ("A & B 'khác'", False)],
    )
    attempt = start_attempt(contestant=contestant, round=round_, now=NOW).attempt
    question = AttemptQuestion.objects.get(attempt=attempt)
    html = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert (
        '<legend><span class="contest-qnum">Câu 1.</span> Điều &lt;b&gt;nào&lt;/b&gt; đúng?<br>'
        "Chọn &quot;một&quot; &amp; chỉ một.</legend>"
    ) in html
    labels = re.findall(r'<label class="contest-option">.*?</label>', html)
    texts = {option.pk: option.text for option in Option.objects.filter(question_id=question.question_id)}
    escaped = {
        "<script>alert(1)</script>": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "A & B 'khác'": "A &amp; B &#x27;khác&#x27;",
    }
    assert labels == [
        f'<label class="contest-option"><input type="radio" name="q-{question.question_id}" '
        f'value="{option_value(attempt.pk, pk)}"> {escaped[texts[pk]]}</label>'
        for pk in question.option_order
    ]
    assert "<script>alert(1)" not in html


def test_a_saved_choice_is_checked_and_a_closed_attempt_disabled(logged_in, now, contest, open_round, contestant):
    import time_machine

    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    first = AttemptQuestion.objects.filter(attempt=attempt).order_by("position").first()
    chosen = Option.objects.filter(question_id=first.question_id, is_correct=False).first()
    Answer.objects.create(attempt=attempt, question_id=first.question_id, option=chosen, saved_at=NOW)
    html = logged_in.get(attempt_url(contest, attempt)).content.decode()
    value = option_value(attempt.pk, chosen.pk)
    assert f'<input type="radio" name="q-{first.question_id}" value="{value}" checked> {chosen.text}</label>' in html
    assert (
        f'<button type="submit" name="luu" value="{first.question_id}" class="contest-save">Lưu câu 1</button>'
        ' <span class="contest-saved" aria-live="polite">Đã lưu</span>'
    ) in html
    with time_machine.travel(open_round.ends_at + (open_round.ends_at - open_round.starts_at), tick=False):
        closed = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert f'value="{value}" checked disabled> {chosen.text}</label>' in closed
    assert closed.count('class="contest-option contest-option--sai"') == 1  # the chosen wrong option
    assert closed.count(" <strong>(đáp án)</strong></label>") == 3
    assert closed.count('<p class="contest-explanation">Giải thích: Theo Điều 10 Luật Công đoàn năm 2012.</p>') == 3
    assert 'class="contest-save"' not in closed


def test_a_user_who_is_not_a_contestant_is_sent_to_the_login_page(
    client, now, contest, open_round, contestant, django_user_model
):
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    client.force_login(django_user_model.objects.create_user("ban-doc", password="x"))
    response = client.get(attempt_url(contest, attempt))
    assert response.status_code == 302
    assert response["Location"] == f"/cuoc-thi/{contest.slug}/dang-nhap/?next={attempt_url(contest, attempt)}"
    assert client.post(start_url(contest, open_round))["Location"] == (
        f"/cuoc-thi/{contest.slug}/dang-nhap/?next={start_url(contest, open_round)}"
    )


def test_the_attempt_page_keeps_its_deadline_and_the_sites_header(
    logged_in, now, contest, open_round, contestant, warm
):
    """The deadline is written by the view as the template's date filter wrote it; the site's
    header comes from the cache (the copy every page outside the menu shares), the same HTML."""
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    first = logged_in.get(attempt_url(contest, attempt)).content.decode()
    assert (
        '<p class="contest-timer" role="timer">Hạn nộp bài: <strong>10:20:00 02/11/2023</strong> · '
        '<span class="contest-countdown" data-seconds-left="1200" aria-live="off">còn 1200 giây</span></p>'
    ) in first
    kept = logged_in.get(attempt_url(contest, attempt)).content.decode()

    def header(page):
        return re.search(r'<header class="site-header">.*?</header>', page, re.S).group(0)

    assert header(kept) == header(first)
    assert '<a class="brand-link" href="/">' in header(kept) and "aria-current" not in header(kept)
    assert '<li data-sec="phong-trao"><a href="/phong-trao/">Phong trào – Cuộc thi</a></li>' in header(kept)


def test_the_kept_question_bank_follows_every_edit_at_once(logged_in, now, contest, open_round, contestant, warm):
    from congdoan.tenancy import everywhere

    """The bank (texts, options, order) is kept per the versions of questions and options: an
    edited text, an added option and a deleted one show on the next page, not a generation later."""
    attempt = start_attempt(contestant=contestant, round=open_round, now=NOW).attempt
    url = attempt_url(contest, attempt)
    logged_in.get(url)  # the bank in the cache
    first = AttemptQuestion.objects.filter(attempt=attempt).order_by("position").first()
    question = first.question
    question.text = "Câu hỏi đã sửa: Luật Công đoàn năm nào?"
    question.save()
    added = Option.objects.create(question=question, text="Phương án thêm sau", is_correct=False, order=9)
    removed = Option.objects.filter(question=question).exclude(pk=added.pk).order_by("order").last()
    removed_pk = removed.pk
    removed.delete()
    html = logged_in.get(url).content.decode()
    block = re.search(rf'<li class="contest-question" id="cau-{question.pk}">.*?</li>', html, re.S).group(0)
    assert "Câu 1.</span> Câu hỏi đã sửa: Luật Công đoàn năm nào?</legend>" in block
    labels = re.findall(r"> ([^<]+)</label>", block)
    texts = dict(everywhere(Option).values_list("pk", "text"))
    expected = [texts[pk] for pk in first.option_order if pk != removed_pk] + ["Phương án thêm sau"]
    assert labels == expected


def test_an_import_reaches_the_next_draw(now, contest, open_round, contestant, warm):
    """Imported options are bulk-created (no signal each): the import's own transaction renews the bank."""
    from contests import services
    from contests.importing import import_questions

    from .test_import import csv_file

    assert len(services.question_bank(open_round.pk)) == 5  # kept
    upload = csv_file(
        [
            ["Câu hỏi", "Phương án A", "Phương án B", "Đáp án đúng"],
            ["Câu nhập thêm một?", "Một", "Hai", "A"],
            ["Câu nhập thêm hai?", "Ba", "Bốn", "B"],
        ]
    )
    import_questions(round=open_round, upload=upload)
    bank = services.question_bank(open_round.pk)
    assert len(bank) == 7
    imported = list(bank.values())[-2:]
    assert [(text, [option[1] for option in options]) for text, _, options in imported] == [
        ("Câu nhập thêm một?", ["Một", "Hai"]),
        ("Câu nhập thêm hai?", ["Ba", "Bốn"]),
    ]
