"""Writers draft, editors publish; the number proposes kind and issuer; duplicates and hostile
files are refused with Vietnamese form errors, never a 500 and never a half save."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.tenancy import default_federation
from documents.models import Document, DocumentFile
from documents.services import attach_file
from tests.admin_forms import form_data

from .factories import DocumentFactory, IssuerFactory, pdf_bytes

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/documents/document/"
ADD_URL = f"{LIST_URL}add/"


def new_document_data(client, **overrides):
    response = client.get(ADD_URL)
    assert response.status_code == 200
    defaults = {
        "number": "377/KH-TLĐ",
        "kind": "",
        "issuer": "",
        "title": "Tổ chức Tháng Công nhân năm 2025",
        "issued_on": "10/03/2025",
        "status": "draft",
        "files-TOTAL_FORMS": "1",
        "files-0-order": "0",
        "files-INITIAL_FORMS": "0",
        "acts_on-TOTAL_FORMS": "0",
        "acts_on-INITIAL_FORMS": "0",
    }
    return form_data(response, **{**defaults, **overrides})


def errors_of(response) -> dict:
    form = response.context["adminform"].form
    found = {name: list(errors) for name, errors in form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        for index, inline_form in enumerate(inline.formset.forms):
            for name, errors in inline_form.errors.items():
                found[f"{inline.formset.prefix}-{index}-{name}"] = list(errors)
    return found


def test_kind_and_issuer_are_proposed_from_the_number_and_writers_cannot_publish(client, writer):
    tld = IssuerFactory()
    client.force_login(writer)
    forged = client.post(ADD_URL, new_document_data(client, status="published"))
    assert errors_of(forged) == {
        "status": ["Hãy chọn một lựa chọn hợp lệ. published không phải là một trong các lựa chọn khả thi."]
    }
    data = new_document_data(client, status="review")
    data["files-0-file"] = SimpleUploadedFile("ke hoach.pdf", pdf_bytes("Tổ chức Bữa cơm công đoàn cho công nhân"))
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, errors_of(response)
    document = Document.objects.get()
    assert (document.kind, document.issuer, document.status, document.created_by) == (
        "ke-hoach", tld, Document.Status.REVIEW, writer,
    )  # fmt: skip
    attached = document.files.get()
    assert (attached.file.name, attached.text_state) == (
        f"upload/van-ban/{default_federation().code}/nam-2025/ke-hoach-377-kh-tld.pdf",
        "text",
    )
    assert " bua com cong doan " in document.search_text


def test_an_editor_publishes(client, editor):
    IssuerFactory()
    client.force_login(editor)
    response = client.post(ADD_URL, new_document_data(client, status="published"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.status, document.published_at is not None) == (Document.Status.PUBLISHED, True)


def test_an_editor_publishes_and_unpublishes_several_from_the_list(client, editor):
    # The change list counts each document's files: the action must still lock its rows
    # (PostgreSQL refuses FOR UPDATE with GROUP BY).
    waiting = [DocumentFactory(status=Document.Status.REVIEW, published_at=None) for _ in range(2)]
    attach_file(document=waiting[0], content=pdf_bytes("Phụ lục"), name="pl.pdf")
    client.force_login(editor)
    chosen = [document.pk for document in waiting]
    response = client.post(LIST_URL, {"action": "publish_selected", "_selected_action": chosen}, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["Đã duyệt đăng 2 văn bản."]
    assert sorted(Document.objects.values_list("status", flat=True)) == ["published", "published"]
    response = client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": chosen}, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["Đã gỡ 2 văn bản khỏi trang."]
    assert sorted(Document.objects.values_list("status", flat=True)) == ["draft", "draft"]


def test_a_hostile_file_is_a_form_error_and_nothing_is_saved(client, editor):
    IssuerFactory()
    client.force_login(editor)
    data = new_document_data(client)
    data["files-0-file"] = SimpleUploadedFile("quyet-dinh.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert errors_of(response) == {"files-0-file": ["Nội dung tệp không phải PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP."]}
    assert (Document.objects.count(), DocumentFile.objects.count()) == (0, 0)


def test_a_same_number_for_the_same_issuer_and_a_likely_duplicate_are_flagged(client, editor):
    tld = IssuerFactory()
    ldld = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    DocumentFactory(number="377/KH-TLĐ", issuer=tld, issued_on="2025-03-10")
    client.force_login(editor)
    response = client.post(ADD_URL, new_document_data(client, number="377 kh tld"))
    assert errors_of(response) == {
        "number": [
            "Cơ quan này đã có văn bản mang số ký hiệu này: 377/KH-TLĐ (Tổng Liên đoàn Lao động Việt Nam, 10/03/2025)."
        ]
    }
    response = client.post(ADD_URL, new_document_data(client, number="377/KH-TLĐ", issuer=str(ldld.pk)))
    assert errors_of(response) == {
        "not_duplicate": [
            "Có thể trùng với văn bản đã có: 377/KH-TLĐ (Tổng Liên đoàn Lao động Việt Nam, 10/03/2025). Hãy kiểm "
            "tra; nếu đúng là văn bản khác thì đánh dấu “Không phải văn bản trùng” rồi lưu lại."
        ]
    }
    data = new_document_data(client, number="377/KH-TLĐ", issuer=str(ldld.pk), not_duplicate="on")
    assert client.post(ADD_URL, data).status_code == 302
    assert Document.objects.count() == 2


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("٣٧٧/KH-TLĐ", "Số ký hiệu có ký tự “٣” không dùng được: chỉ gõ chữ cái, chữ số 0–9 và các dấu / - . & ( )."),
        (
            "377\u202e/KH",
            "Số ký hiệu có ký tự “U+202E” không dùng được: chỉ gõ chữ cái, chữ số 0–9 và các dấu / - . & ( ).",
        ),
        ("9" * 5000, "Giá trị này chỉ có tối đa 60 kí tự (hiện có 5000)"),
    ],
)
def test_hostile_numbers_are_form_errors(client, editor, number, error):
    IssuerFactory()
    client.force_login(editor)
    response = client.post(ADD_URL, new_document_data(client, number=number, kind="ke-hoach"))
    assert response.status_code == 200
    assert errors_of(response)["number"] == [error]
    assert Document.objects.count() == 0


def test_the_number_recogniser_answers_the_form_script(client, editor):
    tld = IssuerFactory()
    DocumentFactory(number="377/KH-TLĐ", issuer=tld, issued_on="2025-03-10")
    client.force_login(editor)
    answer = client.get("/admin/documents/document/nhan-dien/", {"so": "377-kh-tld"}).json()
    assert answer == {
        "kind": "ke-hoach",
        "kind_name": "Kế hoạch",
        "issuer": tld.pk,
        "issuer_name": "Tổng Liên đoàn Lao động Việt Nam",
        "duplicates": ["377/KH-TLĐ – Tổng Liên đoàn Lao động Việt Nam, 10/03/2025"],
        "error": "",
    }


def test_a_writer_sees_only_their_own_documents(client, writer, editor):
    others = DocumentFactory(status=Document.Status.DRAFT, published_at=None, created_by=editor)
    client.force_login(writer)
    assert client.get(f"/admin/documents/document/{others.pk}/change/").status_code in (302, 403)
    response = client.get("/admin/documents/document/")
    assert list(response.context["cl"].result_list) == []


def test_admin_search_finds_a_number_however_typed(client, editor):
    document = DocumentFactory(number="15/HD-LĐLĐ", issuer=IssuerFactory(name="LĐLĐ tỉnh", code="LĐLĐ"))
    DocumentFactory()
    client.force_login(editor)
    response = client.get("/admin/documents/document/", {"q": "15 hd ldld"})
    assert list(response.context["cl"].result_list) == [document]


def test_the_same_number_of_another_year_is_a_new_document(client, editor):
    """Numbers start again at 01 every year (Decree 30/2020/NĐ-CP): the register takes
    377/KH-TLĐ of 2026 beside that of 2025 without a warning; the same year is refused."""
    tld = IssuerFactory()
    DocumentFactory(number="377/KH-TLĐ", issuer=tld, issued_on="2025-03-10")
    client.force_login(editor)
    data = new_document_data(client, issued_on="12/03/2026", title="Tổ chức Tháng Công nhân năm 2026")
    assert client.post(ADD_URL, data).status_code == 302
    assert sorted(Document.objects.values_list("issued_year", flat=True)) == [2025, 2026]
    response = client.post(ADD_URL, new_document_data(client, issued_on="30/12/2026", title="Một kế hoạch khác"))
    assert errors_of(response) == {
        "number": [
            "Cơ quan này đã có văn bản mang số ký hiệu này: 377/KH-TLĐ (Tổng Liên đoàn Lao động Việt Nam, 12/03/2026)."
        ]
    }


def test_the_database_refuses_a_number_twice_in_one_year():
    from django.core.exceptions import ValidationError

    tld = IssuerFactory()
    DocumentFactory(number="377/KH-TLĐ", issuer=tld, issued_on="2025-03-10")
    twin = Document(
        number="377 kh tld", kind="ke-hoach", issuer=tld, title="Bản khác", issued_on=datetime.date(2025, 9, 1)
    )
    with pytest.raises(ValidationError) as refused:
        twin.full_clean(exclude=["slug"])
    assert refused.value.messages == ["Cơ quan này đã có văn bản mang số ký hiệu này trong cùng năm ban hành."]
