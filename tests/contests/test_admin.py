"""Contests admin: editors only; options validated on the submitted formset; essays markable."""

import pytest

from contests.models import Attempt, Option, Question

from .factories import AttemptFactory

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/contests/contest/",
    "/admin/contests/contest/add/",
    "/admin/contests/round/",
    "/admin/contests/question/",
    "/admin/contests/question/add/",
    "/admin/contests/unit/",
    "/admin/contests/unitgroup/",
    "/admin/contests/contestant/",
    "/admin/contests/attempt/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_writers_get_403_editors_200(client, writer, editor, url, open_round, contestant):
    client.force_login(writer)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def question_post(round_, options):
    data = {
        "round": round_.pk,
        "text": "Luật Công đoàn hiện hành được Quốc hội thông qua năm nào?",
        "explanation": "",
        "order": 0,
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": 0,
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 6,
    }
    for index, (text, correct) in enumerate(options):
        data[f"options-{index}-text"] = text
        data[f"options-{index}-order"] = index
        if correct:
            data[f"options-{index}-is_correct"] = "on"
    return data


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([("2012", False), ("2024", False)], "Phải có đúng một đáp án đúng (đang có 0)."),
        ([("2012", True), ("2024", True)], "Phải có đúng một đáp án đúng (đang có 2)."),
        ([("2024", True)], "Mỗi câu hỏi phải có từ 2 đến 6 phương án (đang có 1)."),
    ],
)
def test_admin_refuses_bad_option_sets_and_saves_nothing(client, editor, open_round, options, message):
    client.force_login(editor)
    before = Question.objects.count()
    response = client.post("/admin/contests/question/add/", question_post(open_round, options))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Question.objects.count() == before


def test_admin_saves_a_good_question(client, editor, open_round):
    client.force_login(editor)
    response = client.post(
        "/admin/contests/question/add/", question_post(open_round, [("2012", False), ("2024", True), ("1990", False)])
    )
    assert response.status_code == 302
    question = Question.objects.latest("pk")
    assert list(Option.objects.filter(question=question, is_correct=True).values_list("text", flat=True)) == ["2024"]


def test_editor_reads_and_marks_an_essay(client, editor, open_round, contestant):
    attempt = AttemptFactory(contestant=contestant, round=open_round, essay_answer="Bài viết về an toàn lao động.")
    client.force_login(editor)
    url = f"/admin/contests/attempt/{attempt.pk}/change/"
    page = client.get(url).content.decode()
    assert "Bài viết về an toàn lao động." in page
    management = {f"answers-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")}
    response = client.post(url, {"essay_mark": "8.5", **management, "answers-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 302, response.content.decode()[:2000]
    attempt.refresh_from_db()
    assert str(attempt.essay_mark) == "8.50"
    assert Attempt.objects.get(pk=attempt.pk).essay_answer == "Bài viết về an toàn lao động."
    unmarked = client.get("/admin/contests/attempt/?tu_luan=chua-cham").content.decode()
    assert "Nguyễn Thị Hoa" not in unmarked
