"""Importing a register from a table and a ZIP of files: all or nothing, every bad row by its line."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from documents import importing
from documents.importing import ImportFailed, import_documents
from documents.models import Document, DocumentFile
from tests.utils import cp1258_bytes

from .factories import DocumentFactory, IssuerFactory, TopicFactory, docx_bytes, pdf_bytes, zip_bytes

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["Số ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu", "Lĩnh vực", "Người ký", "Tệp"]


def table(rows, *, header=HEADER, delimiter=";", encoding="utf-8-sig", name="van-ban.csv"):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([header, *rows])  # as Excel writes: quoted when needed
    return SimpleUploadedFile(name, text.getvalue().encode(encoding))


def archive(members: dict[str, bytes], name="tep.zip"):
    return SimpleUploadedFile(name, zip_bytes(members))


@pytest.fixture
def lists():
    return {
        "tld": IssuerFactory(),
        "ldld": IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ"),
        "thi_dua": TopicFactory(),
        "tai_chinh": TopicFactory(name="Tài chính công đoàn"),
    }


GOOD_ROWS = [
    ["377/KH-TLĐ", "", "10/03/2025", "Tổ chức Tháng Công nhân năm 2025", "Tuyên giáo – Thi đua", "Ngọ Duy Hiểu",
     "ke-hoach-377.pdf"],
    ["15/HD-LĐLĐ", "Liên đoàn Lao động tỉnh Bắc Kạn", "15/07/2025", "Thu, nộp kinh phí công đoàn năm 2025",
     "tai chinh cong doan", "", "huong-dan/15.docx; huong-dan/phu-luc.pdf"],
]  # fmt: skip


def good_files():
    return {
        "ke-hoach-377.pdf": pdf_bytes("Bữa cơm công đoàn tại khu công nghiệp Thanh Bình"),
        "huong-dan/15.docx": docx_bytes("Mức đóng kinh phí công đoàn bằng 2% quỹ tiền lương"),
        "huong-dan/phu-luc.pdf": pdf_bytes("Phụ lục: mẫu biểu thu nộp"),
        "thua.pdf": pdf_bytes("Không dòng nào nhắc tới tệp này"),
    }


def test_a_good_table_and_zip_make_published_documents_with_their_files(lists, editor):
    result = import_documents(table=table(GOOD_ROWS), files=archive(good_files()), user=editor)
    assert result.summary() == "Đã nhập 2 văn bản mới, cập nhật 0, 0 không đổi; thêm 3 tệp."
    assert result.notes == ["Có 1 tệp trong tệp ZIP không dòng nào nhắc tới, không được nhập: thua.pdf."]
    plan = Document.objects.get(number="377/KH-TLĐ")
    assert (plan.kind, plan.issuer, plan.issued_on, plan.status, plan.signer_name, plan.created_by) == (
        "ke-hoach", lists["tld"], D(2025, 3, 10), Document.Status.PUBLISHED, "Ngọ Duy Hiểu", editor
    )  # fmt: skip
    assert list(plan.topics.all()) == [lists["thi_dua"]]
    assert [(f.kind, f.file.name) for f in plan.files.all()] == [
        ("pdf", "upload/van-ban/backan/nam-2025/ke-hoach-377-kh-tld.pdf")
    ]
    guide = Document.objects.get(number="15/HD-LĐLĐ")
    assert (guide.kind, guide.issuer, [t.name for t in guide.topics.all()]) == (
        "huong-dan", lists["ldld"], ["Tài chính công đoàn"]
    )  # fmt: skip
    assert [f.kind for f in guide.files.all()] == ["docx", "pdf"]
    assert " quy tien luong " in guide.search_text  # the DOCX's text is searched


def test_importing_again_updates_what_changed_and_never_duplicates(lists, editor):
    files = good_files()  # the same bytes (a new PDF or DOCX carries the time it was made)
    import_documents(table=table(GOOD_ROWS), files=archive(files), user=editor)
    again = import_documents(table=table(GOOD_ROWS), files=archive(files), user=editor)
    assert again.summary() == "Đã nhập 0 văn bản mới, cập nhật 0, 2 không đổi; thêm 0 tệp."
    plan = Document.objects.get(number="377/KH-TLĐ")
    plan.status = Document.Status.DRAFT  # an editor took it down: an import does not put it back
    plan.save()
    changed = [["377 kh tld", "TLĐ", "10/03/2025", "Tổ chức Tháng Công nhân năm 2025 (sửa)", "", "", ""]]
    result = import_documents(table=table(changed), user=editor)
    assert result.summary() == "Đã nhập 0 văn bản mới, cập nhật 1, 0 không đổi; thêm 0 tệp."
    plan.refresh_from_db()
    assert (plan.number, plan.title, plan.status, list(plan.topics.all()), plan.files.count()) == (
        "377 kh tld", "Tổ chức Tháng Công nhân năm 2025 (sửa)", Document.Status.DRAFT, [], 1
    )  # fmt: skip
    assert Document.objects.count() == 2


def test_every_bad_row_is_reported_by_its_line_and_nothing_is_written(lists, editor):
    DocumentFactory(number="08/NQ-LĐLĐ", kind="nghi-quyet", issuer=lists["ldld"])
    before = (Document.objects.count(), DocumentFile.objects.count())
    rows = [
        ["377/KH-TLĐ", "", "１０/０３/２０２５", "Chữ số toàn khổ vẫn là ngày đúng", "", "", "ke-hoach-377.pdf"],
        ["", "", "10/03/2025", "Thiếu số", "", "", ""],
        ["16/HD-LĐLĐ", "", "31/02/2025", "Ngày không có thật", "", "", ""],
        ["17/HD-LĐLĐ", "", "1²/03/2025", "Chữ số mũ", "", "", ""],
        ["18/HD-LĐLĐ", "", "O1/03/2025", "Chữ O thay số 0", "", "", ""],
        ["19/HD-LĐLĐ", "Sở Nội vụ", "01/03/2025", "Cơ quan không có", "Lĩnh vực lạ", "", ""],
        ["20/XYZ", "", "01/03/2025", "", "", "", ""],
        ["21/HD-LĐLĐ", "", "01/03/2025", "Thiếu tệp trong ZIP", "", "", "khong-co.pdf"],
        ["22/HD-LĐLĐ", "", "01/03/2025", "Tệp HTML đổi tên", "", "", "trang.pdf"],
        ["377-KH-TLD", "", "11/03/2025", "Trùng dòng 2", "", "", ""],
        ["23/HD-LĐLĐ", "", "01/03/2025", "Ký tự lạ", "", "", "../../etc/passwd"],
        ["24/HD‮LĐLĐ", "", "01/03/2025", "Dấu đảo chiều", "", "", ""],
    ]
    files = {"ke-hoach-377.pdf": pdf_bytes("Kế hoạch"), "trang.pdf": b"<html><script>alert(1)</script></html>"}
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(rows), files=archive(files), user=editor)
    assert failure.value.errors == [
        "Dòng 3: Hãy nhập số ký hiệu, ví dụ 377/KH-TLĐ.",
        "Dòng 4: ngày ban hành “31/02/2025” không có thật.",
        "Dòng 5: Ngày ban hành: ký tự “²” không phải chữ số: hãy chỉ dùng các chữ số 0–9.",
        "Dòng 6: ngày ban hành “O1/03/2025” không phải ngày dạng dd/mm/yyyy.",
        "Dòng 7: không có cơ quan ban hành “Sở Nội vụ” (ghi đúng tên hoặc chữ viết tắt, hoặc thêm cơ quan ở "
        "Văn bản → Cơ quan ban hành trước); không có lĩnh vực “Lĩnh vực lạ”.",
        "Dòng 8: không nhận ra loại văn bản từ số ký hiệu: hãy ghi cột “Loại văn bản”; không nhận ra cơ quan ban "
        "hành từ số ký hiệu: hãy ghi cột “Cơ quan ban hành”; thiếu trích yếu.",
        "Dòng 9: không có tệp “khong-co.pdf” trong tệp ZIP.",
        "Dòng 10: tệp “trang.pdf”: Nội dung tệp không phải PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP.",
        "Dòng 11: trùng số ký hiệu, cơ quan ban hành và năm ban hành với dòng 2.",
        "Dòng 12: không có tệp “../../etc/passwd” trong tệp ZIP.",
        "Dòng 13: Số ký hiệu có ký tự “U+202E” không dùng được: chỉ gõ chữ cái, chữ số 0–9 và các dấu / - . & ( ).",
    ]
    assert (Document.objects.count(), DocumentFile.objects.count()) == before


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../ngoai.pdf": b"%PDF-1.4"}, "Tệp ZIP có đường dẫn không an toàn (“../ngoai.pdf”): không nhận tệp ZIP này."),
        ({"/etc/x.pdf": b"%PDF-1.4"}, "Tệp ZIP có đường dẫn không an toàn (“/etc/x.pdf”): không nhận tệp ZIP này."),
        ({"C:/x.pdf": b"%PDF-1.4"}, "Tệp ZIP có đường dẫn không an toàn (“C:/x.pdf”): không nhận tệp ZIP này."),
        ({"bom.pdf": b"\0" * (20 * 1024 * 1024)}, "Tệp “bom.pdf” trong tệp ZIP nén bất thường (có thể là bom nén): "
         "không nhận."),
        ({"lon.pdf": b"\0" * (31 * 1024 * 1024)}, "Tệp “lon.pdf” trong tệp ZIP quá lớn (31,0 MB khi giải nén); "
         "tối đa 30 MB một tệp."),
    ],
)  # fmt: skip
def test_a_hostile_zip_is_refused_before_anything_unpacks(lists, members, message):
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(GOOD_ROWS[:1]), files=archive(members))
    assert failure.value.errors == [message]
    assert Document.objects.count() == 0


def test_a_zip_that_unpacks_too_much_in_total_is_refused(lists, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ZIP_UNPACKED_BYTES", 1024)
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(GOOD_ROWS[:1]), files=archive(good_files()))
    total = sum(len(content) for content in good_files().values())
    shown = f"{total / 1024 / 1024:.1f}".replace(".", ",")
    assert failure.value.errors == [f"Tệp ZIP giải nén ra quá lớn ({shown} MB); tối đa 0 MB một lần nhập."]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.txt", b"x"), "Chỉ nhận tệp .csv hoặc .xlsx."),
        (SimpleUploadedFile("a.xlsx", b"not a zip"), "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng "
         "định dạng."),
        (SimpleUploadedFile("a.csv", b"\x00\x01\x02PK\xff"), "Tệp không phải bảng CSV (có dữ liệu nhị phân). Hãy lưu "
         "từ Excel dạng “CSV UTF-8” hoặc gửi tệp .xlsx."),
        (SimpleUploadedFile("a.csv", "Số ký hiệu;Trích yếu\r\n1/KH-TLĐ;x\r\n".encode()), "Thiếu cột: Ngày ban hành. "
         "Các cột đọc được: Số ký hiệu, Loại văn bản, Cơ quan ban hành, Ngày ban hành, Ngày có hiệu lực, Ngày hết "
         "hiệu lực, Trích yếu, Lĩnh vực, Quyền hạn ký, Ký thay mặt, Chức vụ người ký, Người ký, Toàn văn, Tệp."),
        (SimpleUploadedFile("a.csv", b""), "Tệp không có dữ liệu."),
    ],
)  # fmt: skip
def test_unreadable_tables_are_refused_in_vietnamese(lists, upload, message):
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=upload)
    assert failure.value.errors == [message]


def test_a_broken_zip_is_refused(lists):
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(GOOD_ROWS[:1]), files=SimpleUploadedFile("tep.zip", b"PK\x03\x04 cut short"))
    assert failure.value.errors == ["Tệp ZIP bị hỏng hoặc không phải tệp ZIP (có thể tải lên chưa hết)."]


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-8"])
def test_tables_saved_by_excel_in_any_encoding(lists, encoding):
    rows = [
        ["933/QĐ-TLĐ", "", "20/02/2024", "Ban hành danh mục văn bản của Tổng Liên đoàn", "", "Nguyễn Đình Khang", ""]
    ]
    delimiter = "\t" if encoding == "utf-16" else ","
    if encoding == "cp1258":  # as Windows writes it: tone marks as separate combining characters
        upload = SimpleUploadedFile(
            "van-ban.csv", cp1258_bytes(table(rows, delimiter=delimiter, encoding="utf-8").read().decode())
        )
    else:
        upload = table(rows, delimiter=delimiter, encoding=encoding)
    import_documents(table=upload)
    document = Document.objects.get()
    assert (document.number, document.kind, document.title, document.signer_name) == (
        "933/QĐ-TLĐ", "quyet-dinh", "Ban hành danh mục văn bản của Tổng Liên đoàn", "Nguyễn Đình Khang"
    )  # fmt: skip


def test_an_xlsx_with_date_cells(lists):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỐ KÝ HIỆU", "ngay ban hanh", "Ngày có hiệu lực", "Trích yếu", "Quyền hạn ký", "Ký thay mặt"])
    sheet.append(["08/NQ-LĐLĐ", datetime.datetime(2024, 3, 18), "01/04/2024", "Về phát triển đoàn viên", "tm",
                  "Ban Chấp hành"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_documents(table=SimpleUploadedFile("van-ban.xlsx", buffer.getvalue()))
    document = Document.objects.get()
    assert (document.issuer, document.issued_on, document.effective_from, document.signing_prefix) == (
        lists["ldld"], D(2024, 3, 18), D(2024, 4, 1), "TM."
    )  # fmt: skip


def test_a_formula_is_read_as_its_value_never_as_a_formula(lists):
    """Excel stores a formula's last value, which is what is imported; a formula never computed
    (written by a script) has none, and the row says what is missing."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Số ký hiệu", "Ngày ban hành", "Trích yếu"])
    workbook.active.append(["08/NQ-LĐLĐ", "18/03/2024", '=HYPERLINK("http://evil.example","Bấm vào đây")'])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=SimpleUploadedFile("van-ban.xlsx", buffer.getvalue()))
    assert failure.value.errors == ["Dòng 2: thiếu trích yếu."]


def test_a_failure_while_writing_leaves_nothing_not_even_files(lists, editor, monkeypatch, settings):
    calls = []
    original = importing._write

    def failing(row, *args, **kwargs):
        calls.append(row.line)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(row, *args, **kwargs)

    monkeypatch.setattr(importing, "_write", failing)
    with pytest.raises(RuntimeError):
        import_documents(table=table(GOOD_ROWS), files=archive(good_files()), user=editor)
    assert (Document.objects.count(), DocumentFile.objects.count()) == (0, 0)
    from pathlib import Path

    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []


def test_the_command_checks_then_imports(lists, tmp_path, capsys):
    (tmp_path / "van-ban.csv").write_bytes(table(GOOD_ROWS).read())
    (tmp_path / "tep.zip").write_bytes(zip_bytes(good_files()))
    call_command("import_documents", str(tmp_path / "van-ban.csv"), "--files", str(tmp_path / "tep.zip"),
                 "--federation", "backan", "--dry-run")  # fmt: skip
    assert Document.objects.count() == 0
    call_command("import_documents", str(tmp_path / "van-ban.csv"), "--files", str(tmp_path / "tep.zip"),
                 "--federation", "backan", "--draft")  # fmt: skip
    assert sorted(Document.objects.values_list("number", "status")) == [
        ("15/HD-LĐLĐ", "draft"), ("377/KH-TLĐ", "draft")
    ]  # fmt: skip
    output = capsys.readouterr().out.splitlines()
    assert output[-1] == "Đã nhập 2 văn bản mới, cập nhật 0, 0 không đổi; thêm 3 tệp."
    (tmp_path / "sai.csv").write_bytes(table([["", "", "", "", "", "", "", "x"]]).read())
    with pytest.raises(CommandError) as failure:
        call_command("import_documents", str(tmp_path / "sai.csv"), "--federation", "backan")
    assert str(failure.value) == "Không nhập gì: 1 lỗi (liệt kê ở trên)."


def test_the_admin_page_is_for_editors(client, lists, editor, writer):
    url = "/admin/documents/document/nhap-tu-tep/"
    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert (
        'href="/admin/documents/document/nhap-tu-tep/"' not in client.get("/admin/documents/document/").content.decode()
    )
    client.force_login(editor)
    assert '<li><a href="/admin/documents/document/nhap-tu-tep/">Nhập văn bản từ tệp</a></li>' in (
        client.get("/admin/documents/document/").content.decode()
    )
    bad = client.post(url, {"table": table([GOOD_ROWS[0]]), "publish": "on"})
    assert bad.status_code == 200
    assert bad.context["errors"] == ["Dòng 2: dòng có tệp “ke-hoach-377.pdf” nhưng không kèm tệp ZIP chứa các tệp."]
    response = client.post(url, {"table": table(GOOD_ROWS), "files": archive(good_files()), "publish": "on"})
    assert response.status_code == 302
    assert [str(message) for message in response.wsgi_request._messages] == [
        "Đã nhập 2 văn bản mới, cập nhật 0, 0 không đổi; thêm 3 tệp.",
        "Có 1 tệp trong tệp ZIP không dòng nào nhắc tới, không được nhập: thua.pdf.",
    ]
    too_big = SimpleUploadedFile("tep.zip", b"PK" + b"\0" * (9 * 1024 * 1024))
    refused = client.post(url, {"table": table(GOOD_ROWS), "files": too_big})
    assert refused.context["form"].errors == {"files": ["Tệp quá lớn (9,0 MB); tối đa 9 MB."]}


def test_zip_members_are_found_by_bare_name_when_unique(lists):
    files = {"nam-2025/ke-hoach-377.pdf": pdf_bytes("Kế hoạch"), "nam-2024/ke-hoach-377.pdf": pdf_bytes("Cũ")}
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(GOOD_ROWS[:1]), files=archive(files))
    assert failure.value.errors == ["Dòng 2: tệp ZIP có 2 tệp tên “ke-hoach-377.pdf”: hãy ghi cả thư mục."]
    files.pop("nam-2024/ke-hoach-377.pdf")
    import_documents(table=table(GOOD_ROWS[:1]), files=archive(files))
    assert Document.objects.get().files.count() == 1


def test_zip_compression_of_stored_members(lists):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as stored:
        stored.writestr("ke-hoach-377.pdf", pdf_bytes("Kế hoạch"))
    import_documents(table=table(GOOD_ROWS[:1]), files=SimpleUploadedFile("tep.zip", buffer.getvalue()))
    assert Document.objects.get().files.get().kind == "pdf"


def test_a_number_saved_elsewhere_during_the_import_is_a_vietnamese_refusal(lists, editor, monkeypatch):
    """Checked, then another editor saves the same number before the write: nothing half written."""
    original = importing._existing

    def meanwhile(rows, **kwargs):
        found = original(rows, **kwargs)
        if kwargs.get("lock"):
            DocumentFactory(number="377/KH-TLĐ", issuer=lists["tld"])
        return found

    monkeypatch.setattr(importing, "_existing", meanwhile)
    with pytest.raises(ImportFailed) as failure:
        import_documents(table=table(GOOD_ROWS), files=archive(good_files()), user=editor)
    assert failure.value.errors == [
        "Trong lúc nhập, văn bản trùng số ký hiệu vừa được thêm ở nơi khác: chưa nhập gì, hãy nhập lại."
    ]


def test_the_same_number_in_another_year_is_another_document(lists, editor):
    """Numbers start again at 01 every year: 15/HD-LĐLĐ of 2024 is not 15/HD-LĐLĐ of 2025."""
    DocumentFactory(number="15/HD-LĐLĐ", kind="huong-dan", issuer=lists["ldld"], issued_on=D(2024, 7, 1))
    rows = [["15/HD-LĐLĐ", "LĐLĐ", "15/07/2025", "Thu, nộp kinh phí công đoàn năm 2025", "", "", ""]]
    result = import_documents(table=table(rows), user=editor)
    assert result.summary() == "Đã nhập 1 văn bản mới, cập nhật 0, 0 không đổi; thêm 0 tệp."
    assert sorted(Document.objects.values_list("number", "issued_year")) == [("15/HD-LĐLĐ", 2024), ("15/HD-LĐLĐ", 2025)]
    twice = [*rows, ["15 hd ldld", "LĐLĐ", "20/12/2025", "Bản khác cùng năm", "", "", ""]]
    with pytest.raises(ImportFailed) as refused:
        import_documents(table=table(twice), user=editor)
    assert refused.value.errors == ["Dòng 3: trùng số ký hiệu, cơ quan ban hành và năm ban hành với dòng 2."]
