"""The advisers' inbox in the admin: the role, assigning, answering, publishing, refusing,
who sees the asker's contact details, the office's figures, export and erasure on request."""

import datetime
import json
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from legal import services
from legal.models import Publication, Question
from legal.roles import ADVISER_GROUP
from tests.admin_forms import form_data
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import NOW, AdviserFactory, TopicFactory, answered, question

pytestmark = pytest.mark.django_db

INBOX_QUERIES = 15

LEGAL_CODENAMES = {
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("topic", "adviser", "question", "publication", "codecounter")
} | {"view_asker_contact"}


def codenames(group_name):
    return set(
        Permission.objects.filter(group__name=group_name, content_type__app_label="legal").values_list(
            "codename", flat=True
        )
    )


def test_advisers_and_editors_have_the_apps_permissions_and_writers_none():
    assert codenames(ADVISER_GROUP) == LEGAL_CODENAMES
    assert codenames(EDITOR_GROUP) == LEGAL_CODENAMES
    assert codenames(WRITER_GROUP) == set()
    # Beyond this app, advisers only read the register: answers cite its documents.
    assert set(
        Permission.objects.filter(group__name=ADVISER_GROUP)
        .exclude(content_type__app_label="legal")
        .values_list("content_type__app_label", "codename")
    ) == {("documents", "view_document")}


def test_the_role_sync_is_idempotent():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    assert Group.objects.filter(name=ADVISER_GROUP).count() == 1
    assert codenames(ADVISER_GROUP) == LEGAL_CODENAMES


@pytest.fixture
def adviser_client(client, adviser_user):
    client.force_login(adviser_user)
    return client


def change_url(item):
    return f"/admin/legal/question/{item.pk}/change/"


def test_the_inbox_lists_open_questions(adviser_client):
    question()
    second = answered(phone="0987654321", text="Nghỉ việc có được trợ cấp thôi việc không khi đã làm 5 năm?")
    response = adviser_client.get("/admin/legal/question/?hop_thu=can-xu-ly")
    assert response.status_code == 200
    assert [item.code for item in response.context["cl"].result_list] == ["HD-2026-000001"]
    assert second.status == "answered"


def test_the_adviser_sees_contact_details_and_a_viewer_without_the_permission_does_not(client, adviser_client):
    item = question(email="hoa.nguyen@example.vn")
    html = adviser_client.get(change_url(item)).content.decode()
    assert "0912345678" in html and "hoa.nguyen@example.vn" in html

    # A role of this federation that may read questions but not their askers' contact details.
    readers = Group.objects.create(name="Chỉ xem câu hỏi")
    readers.permissions.add(Permission.objects.get(codename="view_question", content_type__app_label="legal"))
    viewer = give_role(UserFactory(username="chi-xem"), readers)
    client.force_login(viewer)
    response = client.get(change_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert ("0912345678" in html, "hoa.nguyen@example.vn" in html, "Nguyễn Thị Hoa" in html) == (False, False, False)
    listing = client.get("/admin/legal/question/").content.decode()
    assert "0912345678" not in listing
    # Neither the export nor the erasure of an asker's data is offered.
    assert client.get("/admin/legal/question/").context["action_form"].fields["action"].choices == [
        ("", "---------"),
        ("take_questions", "Nhận trả lời các câu hỏi đã chọn"),
        ("draft_publications", "Tạo bản công bố ẩn danh"),
        ("publish_questions", "Công bố bản ẩn danh"),
        ("unpublish_questions", "Thôi công bố"),
    ]


def test_assign_answer_draft_and_publish(adviser_client, adviser, django_capture_on_commit_callbacks):
    item = question(email="hoa.nguyen@example.vn")
    other = AdviserFactory(name="Nông Thị Thu Hà", title="Phó Trưởng ban Chính sách – Pháp luật")
    with django_capture_on_commit_callbacks(execute=True):
        response = adviser_client.post(
            change_url(item), form_data(adviser_client.get(change_url(item)), adviser=other.pk)
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.adviser) == ("assigned", other)
    assert mail.outbox == []  # the other adviser has no account to mail

    # The adviser takes it back with the list action; their notice carries no asker's data.
    with django_capture_on_commit_callbacks(execute=True):
        adviser_client.post("/admin/legal/question/", {"action": "take_questions", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.adviser == adviser
    notice = mail.outbox[-1]
    assert notice.to == ["tuvanvien@example.vn"]
    assert notice.subject == "Câu hỏi HD-2026-000001 được giao cho bạn"
    assert not any(secret in notice.body for secret in ("0912345678", "hoa.nguyen@example.vn", "Nguyễn Thị Hoa"))

    answer = '<p>Có, theo Điều 35.</p><script>alert(1)</script><p onclick="x()">Xem thêm.</p>'
    with (
        time_machine.travel(NOW + datetime.timedelta(hours=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = adviser_client.get(change_url(item))
        response = adviser_client.post(change_url(item), form_data(page, answer=answer, internal_note="Đã gọi lại."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered"
    assert item.answer == "<p>Có, theo Điều 35.</p><p>Xem thêm.</p>"
    assert item.answered_at == NOW + datetime.timedelta(hours=30)
    assert item.answered_by == adviser
    told = mail.outbox[-1]
    assert (told.to, told.subject) == (
        ["hoa.nguyen@example.vn"],
        "Câu hỏi HD-2026-000001 đã có trả lời – LĐLĐ tỉnh Bắc Kạn",
    )

    adviser_client.post("/admin/legal/question/", {"action": "draft_publications", "_selected_action": [item.pk]})
    publication = Publication.objects.get()
    assert (publication.asker_label, publication.adviser, publication.published_at) == (
        "Chị N.T.H. (Thái Nguyên)", adviser, None,
    )  # fmt: skip
    adviser_client.post("/admin/legal/question/", {"action": "publish_questions", "_selected_action": [item.pk]})
    item.refresh_from_db()
    publication.refresh_from_db()
    assert item.status == "published"
    assert publication.is_published


def test_a_question_the_asker_keeps_private_cannot_be_published(adviser_client):
    item = answered(allow_publication=False)
    response = adviser_client.post(
        "/admin/legal/question/", {"action": "draft_publications", "_selected_action": [item.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Người hỏi HD-2026-000001 không đồng ý công bố câu hỏi, nên không tạo bản công bố."
    ]
    assert Publication.objects.count() == 0


def test_refusing_needs_a_reason_and_closes_the_question(adviser_client):
    item = question()
    page = adviser_client.get(change_url(item))
    adviser_client.post(change_url(item), form_data(page, refusal_reason="Không thuộc lĩnh vực lao động."))
    item.refresh_from_db()
    assert (item.status, item.refusal_reason) == ("refused", "Không thuộc lĩnh vực lao động.")


def test_an_answered_question_cannot_be_refused(adviser_client):
    item = answered()
    page = adviser_client.get(change_url(item))
    response = adviser_client.post(change_url(item), form_data(page, refusal_reason="Muộn rồi."))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "refusal_reason": ["Câu hỏi đã được trả lời nên không từ chối được."]
    }


def test_export_and_erase_one_askers_data(adviser_client):
    item = question(email="hoa.nguyen@example.vn", workplace="Công ty May Bắc Kạn")
    other = question(phone="0987654321", name="Trần Văn An", text="Một câu hỏi khác của người khác, đủ dài.")
    response = adviser_client.post(
        "/admin/legal/question/", {"action": "export_asker_data", "_selected_action": [item.pk]}
    )
    assert response["Content-Disposition"] == 'attachment; filename="du-lieu-nguoi-hoi.json"'
    exported = json.loads(response.content)
    assert [(row["ma_tra_cuu"], row["ho_ten"], row["so_dien_thoai"], row["thu_dien_tu"]) for row in exported] == [
        ("HD-2026-000001", "Nguyễn Thị Hoa", "0912345678", "hoa.nguyen@example.vn")
    ]
    assert "Trần Văn An" not in response.content.decode()

    adviser_client.post("/admin/legal/question/", {"action": "erase_asker_contact", "_selected_action": [item.pk]})
    item.refresh_from_db()
    other.refresh_from_db()
    assert (item.asker_name, item.phone, item.email, item.workplace) == ("", "", "", "")
    assert item.contact_erased_at is not None
    assert other.phone == "0987654321"


def test_the_offices_figures(adviser_client, adviser):
    wages = TopicFactory(name="Tiền lương", slug="tien-luong")
    insurance = TopicFactory(name="Bảo hiểm xã hội", slug="bao-hiem-xa-hoi")
    answered(topic=wages, adviser=adviser, now=NOW - datetime.timedelta(days=40))  # answered after 26 h
    first = question(topic=insurance, phone="0911111111", now=NOW - datetime.timedelta(days=10))
    second = question(topic=wages, phone="0922222222", now=NOW - datetime.timedelta(days=2))
    third = question(topic=wages, phone="0933333333", now=NOW - datetime.timedelta(days=45))
    third.answer = "<p>Trả lời.</p>"
    third.save()
    services.record_answer(question=third, adviser=adviser, now=third.submitted_at + datetime.timedelta(hours=50))
    with time_machine.travel(NOW, tick=False):
        response = adviser_client.get("/admin/legal/question/so-lieu/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert [f"{month:%m/%Y}" for month in figures.months][-3:] == ["10/2026", "11/2026", "12/2026"]
    assert figures.table == [  # January to December 2026
        ("Bảo hiểm xã hội", [0] * 10 + [1, 0], 1),
        ("Tiền lương", [0] * 9 + [2, 1, 0], 3),
    ]
    assert figures.totals == [0] * 9 + [2, 2, 0]
    assert figures.median_text == "38 giờ"  # 26 h and 50 h
    assert [item.code for item in figures.overdue] == [first.code]
    assert second.status == "new"
    html = response.content.decode()
    assert '<strong class="legal-median">38 giờ</strong>' in html
    assert re.findall(r"<title>(\d\d/\d{4}: \d+ câu hỏi)</title>", html)[-3:] == [
        "10/2026: 2 câu hỏi", "11/2026: 2 câu hỏi", "12/2026: 0 câu hỏi",
    ]  # fmt: skip


def test_the_inbox_list_runs_a_fixed_number_of_queries(adviser_client):
    """The inbox is opened all day by every adviser: its cost must not grow with the questions."""
    counts = []
    for total in (5, 25):
        while Question.objects.count() < total:
            index = Question.objects.count()
            question(phone=f"09{index:08d}", text=f"Câu hỏi thứ {index} về tiền lương làm thêm giờ.")
        with CaptureQueriesContext(connection) as queries:
            assert adviser_client.get("/admin/legal/question/").status_code == 200
        counts.append(len(queries))
    # session, user, the role in this federation (the admin site's check), savepoint, permissions
    # (user's, the role's), the filters' topics and advisers, count, total count, the role again
    # (the admin's page context), the page with topic and adviser, release; the date
    # hierarchy's range and its days (not the site's menu, which the admin does not show).
    assert counts == [INBOX_QUERIES, INBOX_QUERIES]
