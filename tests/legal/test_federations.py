"""Each federation's advice office on its own host: B's advisers never reach A's members.

Federation A is the default one (the test client's `testserver`), B is Sơn La on its own host
(as in tests/congdoan/test_tenancy.py). Tracking codes are per federation, so both offices
have an HD-2026-000001: the code and the asker's phone find a question on its own site only.
"""

import json
import re

import pytest
from django.test import Client

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate
from legal.models import Question
from legal.roles import ADVISER_GROUP
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import AdviserFactory, TopicFactory, answered, question
from .test_lookup import NOT_FOUND, status_line

pytestmark = pytest.mark.django_db

B_HOST = "sonla.test"
LOOKUP = "/hoi-dap/tra-cuu/"
A_PHONE = "0912345678"
B_PHONE = "0987000111"


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla",
        name_line2="TỈNH SƠN LA",
        short_name="LĐLĐ tỉnh Sơn La",
        province="Sơn La",
        domain="congdoansonla.vn",
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


@pytest.fixture
def offices(federation_b, adviser):
    """A: two members' questions (one answered); B: one question of its own and its adviser."""
    a_open = question(email="hoa.nguyen@example.vn")  # HD-2026-000001 of A
    a_answered = answered(adviser=adviser, phone="0911222333", name="Trần Văn Bình", text="Bị sa thải khi đang "
                          "nghỉ ốm thì công ty có đúng luật không?")  # fmt: skip
    b_user = give_role(UserFactory(username="tuvanvien-sonla"), ADVISER_GROUP, federation_b)
    with activate(federation_b):
        b_adviser = AdviserFactory(name="Luật sư Lò Văn Pấng", user=b_user)
        b_question = question(
            topic=TopicFactory(name="Tiền lương", slug="tien-luong"),
            phone=B_PHONE,
            name="Cầm Thị Xuân",
            place="Sơn La",
            text="Công ty chậm trả lương ba tháng, tôi phải làm gì để đòi?",
        )
    return {"a_open": a_open, "a_answered": a_answered, "b_user": b_user, "b_adviser": b_adviser, "b": b_question}


def b_client(user=None) -> Client:
    client = Client(HTTP_HOST=B_HOST)
    if user is not None:
        client.force_login(user)
    return client


def test_b_adviser_sees_none_of_a_questions_nor_their_askers(offices):
    a_open, a_answered, b_question = offices["a_open"], offices["a_answered"], offices["b"]
    # Same code, two federations: each office numbers its own questions.
    assert (a_open.code, b_question.code) == ("HD-2026-000001", "HD-2026-000001")
    client = b_client(offices["b_user"])

    inbox = client.get("/admin/legal/question/")
    assert inbox.status_code == 200
    assert [(item.code, item.asker_name) for item in inbox.context["cl"].result_list] == [
        ("HD-2026-000001", "Cầm Thị Xuân")
    ]
    html = inbox.content.decode()
    for private in (A_PHONE, "hoa.nguyen@example.vn", "Nguyễn Thị Hoa", "0911222333", "Trần Văn Bình"):
        assert private not in html, private
    # A's phone or words typed into B's admin search find nothing.
    for term in (A_PHONE, "sa thải", a_answered.code):
        searched = client.get("/admin/legal/question/", {"q": term})
        assert list(searched.context["cl"].result_list) == [], term

    # A's rows by id: "does not exist" (back to the admin's index), never the page with contacts.
    for item in (a_open, a_answered):
        for url in (f"/admin/legal/question/{item.pk}/change/", f"/admin/legal/question/{item.pk}/history/"):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    # The export of askers' data, posted with A's ids, exports nothing of A's.
    export = client.post(
        "/admin/legal/question/",
        {"action": "export_asker_data", "_selected_action": [a_open.pk, a_answered.pk, b_question.pk]},
    )
    assert export["Content-Type"] == "application/json; charset=utf-8"
    assert [row["so_dien_thoai"] for row in json.loads(export.content)] == [B_PHONE]
    assert Question.objects.get(pk=a_open.pk).phone == A_PHONE

    # The B adviser's own question, with its contact details: the role holds on B's host.
    own = client.get(f"/admin/legal/question/{b_question.pk}/change/").content.decode()
    assert B_PHONE in own and "Cầm Thị Xuân" in own


def test_a_adviser_is_no_staff_on_b_host(offices, adviser_user):
    response = b_client(adviser_user).get(f"/admin/legal/question/{offices['b'].pk}/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_lookup_on_b_host_does_not_find_a_question(client, offices):
    a_open, b_question = offices["a_open"], offices["b"]
    b = b_client()
    # A's code with A's phone (or e-mail), asked on B's site: B's HD-2026-000001 is not theirs.
    for contact in (A_PHONE, "hoa.nguyen@example.vn"):
        response = b.post(LOOKUP, {"code": a_open.code, "contact": contact})
        assert response.context["form"].non_field_errors() == [NOT_FOUND], contact
        assert "Nguyễn Thị Hoa" not in response.content.decode()
    # On A's own site it is found; B's member finds B's question on B's site.
    assert status_line(client.post(LOOKUP, {"code": a_open.code, "contact": A_PHONE})) == (
        "Mới gửi. Văn phòng đã nhận câu hỏi và sẽ phân công tư vấn viên trả lời."
    )
    own = b.post(LOOKUP, {"code": b_question.code, "contact": B_PHONE})
    assert re.search(r"<h1 class=\"page-title\">(.*?)</h1>", own.content.decode()).group(1) == "Câu hỏi HD-2026-000001"
    assert client.post(LOOKUP, {"code": b_question.code, "contact": B_PHONE}).context["form"].non_field_errors() == [
        NOT_FOUND
    ]


def test_guessing_a_code_on_b_does_not_lock_the_same_code_on_a(client, offices):
    b = b_client()
    for index in range(10):
        b.post(LOOKUP, {"code": "HD-2026-000001", "contact": f"09000000{index:02d}"}, REMOTE_ADDR=f"10.0.0.{index}")
    assert b.post(LOOKUP, {"code": "HD-2026-000001", "contact": B_PHONE}, REMOTE_ADDR="10.0.1.1").status_code == 429
    found = client.post(LOOKUP, {"code": "HD-2026-000001", "contact": A_PHONE}, REMOTE_ADDR="10.0.1.2")
    assert found.status_code == 200
    assert status_line(found) == "Mới gửi. Văn phòng đã nhận câu hỏi và sẽ phân công tư vấn viên trả lời."


def test_an_adviser_account_is_chosen_among_this_federations_staff(offices, adviser_user, federation_b):
    editor_b = give_role(UserFactory(username="bientap-sonla"), EDITOR_GROUP, federation_b)
    client = b_client(editor_b)
    form = client.get("/admin/legal/adviser/add/").context["adminform"].form
    assert [user.username for user in form.fields["user"].queryset] == ["bientap-sonla", "tuvanvien-sonla"]
    # A's adviser account, posted by id, is refused.
    response = client.post("/admin/legal/adviser/add/", {"name": "Người ngoài", "user": adviser_user.pk,
                                                          "is_active": "on", "version": "0"})  # fmt: skip
    assert response.context["adminform"].form.errors["user"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]


def test_an_answer_cites_only_its_own_federations_register(offices, federation_b, adviser):
    """B's adviser neither finds A's documents with the autocomplete nor cites one by its id,
    and A's page does not show B's document cited by B's answer."""
    import datetime

    from tests.documents.factories import DocumentFactory, IssuerFactory

    from .factories import published

    law = {"number": "45/2019/QH14", "kind": "luat", "issued_on": datetime.date(2019, 11, 20)}
    a_code = DocumentFactory(title="Bộ luật Lao động", issuer=IssuerFactory(name="Quốc hội", code="QH"), **law)
    a_publication = published(
        adviser=adviser, topic=offices["a_answered"].topic, title="Bị nợ lương có được nghỉ việc ngay?"
    )
    with activate(federation_b):
        b_code = DocumentFactory(
            title="Bộ luật Lao động (bản của Sơn La)", issuer=IssuerFactory(name="Quốc hội", code="QH"), **law
        )
        b_publication = published(
            adviser=offices["b_adviser"], phone=B_PHONE, title="Bị nợ lương có được nghỉ việc ngay?"
        )
        b_publication.documents.set([b_code])
    client = b_client(offices["b_user"])
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "legal", "model_name": "publication", "field_name": "documents", "term": "45/2019/QH14"},
    )
    assert json.loads(found.content)["results"] == [
        {"id": str(b_code.pk), "text": "45/2019/QH14 – Bộ luật Lao động (bản của Sơn La)"}
    ]
    from tests.admin_forms import form_data

    url = f"/admin/legal/publication/{b_publication.pk}/change/"
    response = client.post(url, form_data(client.get(url), documents=[str(a_code.pk)]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["documents"] == [
        f"Hãy chọn một lựa chọn hợp lệ. {a_code.pk} không phải là một trong các lựa chọn khả thi."
    ]
    with activate(federation_b):
        assert list(b_publication.documents.values_list("pk", flat=True)) == [b_code.pk]
    assert list(a_publication.documents.all()) == []
    a_page = Client().get("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/").content.decode()
    b_page = b_client().get("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/").content.decode()
    assert "Căn cứ pháp lý" not in a_page
    assert re.findall(r'<li><a href="(/van-ban/[^"]+)">([^<]+)</a> ngày ([^<]+)<span', b_page) == [
        ("/van-ban/luat-45-2019-qh14/", "Luật 45/2019/QH14", "20/11/2019 – Bộ luật Lao động (bản của Sơn La) ")
    ]
