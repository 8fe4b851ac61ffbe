"""Files are recognised by content; hostile ones are refused with a clear Vietnamese message."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.files import FileKind, TextState, check_file

from .factories import docx_bytes, pdf_bytes, scanned_pdf_bytes, zip_bytes


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content)


def refusal(name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_file(upload(name, content))
    return refused.value.messages


def test_the_text_of_a_pdf_is_extracted():
    checked = check_file(upload("ke-hoach.pdf", pdf_bytes("Tháng Công nhân – Bữa cơm công đoàn năm 2025")))
    assert (checked.kind, checked.text_state, checked.text) == (
        FileKind.PDF,
        TextState.TEXT,
        "Tháng Công nhân – Bữa cơm công đoàn năm 2025",
    )


def test_a_scanned_pdf_is_marked_as_such():
    checked = check_file(upload("quyet-dinh.pdf", scanned_pdf_bytes()))
    assert (checked.kind, checked.text_state, checked.text) == (FileKind.PDF, TextState.SCANNED, "")


def test_the_text_of_a_docx_is_extracted():
    checked = check_file(upload("cong-van.docx", docx_bytes("Kính gửi các công đoàn cơ sở", "Đoàn phí 1%")))
    assert (checked.kind, checked.text_state, checked.text) == (
        FileKind.DOCX,
        TextState.TEXT,
        "Kính gửi các công đoàn cơ sở\nĐoàn phí 1%",
    )


def test_a_zip_of_accepted_files_is_accepted_without_text():
    content = zip_bytes({"ke-hoach.pdf": pdf_bytes("Phụ lục"), "phu-luc/bieu-mau.docx": docx_bytes("Biểu mẫu")})
    checked = check_file(upload("ho-so.zip", content))
    assert (checked.kind, checked.text_state, checked.size) == (FileKind.ZIP, TextState.NONE, len(content))


def test_office_spreadsheets_and_odt_are_recognised():
    xlsx = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    odt = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    doc = ole + "WordDocument".encode("utf-16-le")
    xls = ole + "Workbook".encode("utf-16-le")
    kinds = [check_file(upload(name, content)).kind for name, content in (
        ("bang.xlsx", xlsx), ("van-ban.odt", odt), ("cu.doc", doc), ("cu.xls", xls),
    )]  # fmt: skip
    assert kinds == [FileKind.XLSX, FileKind.ODT, FileKind.DOC, FileKind.XLS]


def test_html_named_pdf_is_refused():
    assert refusal("ke-hoach.pdf", b"<!doctype html><script>alert(1)</script>") == [
        "Nội dung tệp không phải PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP."
    ]


def test_an_executable_named_pdf_is_refused():
    assert refusal("quyet-dinh.pdf", b"MZ\x90\x00" + b"\0" * 200) == [
        "Nội dung tệp không phải PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP."
    ]


def test_a_pdf_named_docx_is_refused():
    assert refusal("cong-van.docx", pdf_bytes("Nội dung")) == [
        "Tên tệp có đuôi “.docx” nhưng nội dung là PDF. Hãy đặt đúng đuôi tệp."
    ]


def test_a_pdf_with_javascript_is_refused():
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal("ke-hoach.pdf", buffer.getvalue()) == [
        "Tệp PDF có mã chạy tự động (JavaScript, lệnh mở chương trình hoặc tệp nhúng): không nhận. "
        "Hãy in lại ra PDF thường rồi tải lên."
    ]


def test_a_corrupt_pdf_is_refused():
    assert refusal("hong.pdf", b"%PDF-1.7\n1 0 obj <<<< garbage") == ["Tệp PDF bị hỏng, không đọc được."]


def test_an_encrypted_pdf_is_refused():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Bí mật"))))
    writer.encrypt("mat-khau")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal("khoa.pdf", buffer.getvalue()) == ["Tệp PDF có mật khẩu hoặc bị khoá: hãy tải lên bản không khoá."]


def test_a_zip_bomb_is_refused_before_unpacking():
    bomb = zip_bytes({"to.pdf": b"%PDF-" + b"\0" * (210 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert refusal("bom.zip", bomb) == ["Tệp nén giải nén ra quá lớn (tối đa 200 MB): không nhận."]


def test_a_zip_with_a_climbing_path_is_refused():
    content = zip_bytes({"../../etc/cron.d/x.pdf": pdf_bytes("x")}, compression=zipfile.ZIP_STORED)
    assert refusal("ho-so.zip", content) == [
        "Tệp nén có đường dẫn không an toàn (“../../etc/cron.d/x.pdf”): không nhận."
    ]


def test_a_zip_holding_a_program_is_refused():
    content = zip_bytes({"cai-dat.pdf": b"MZ\x90\x00program"})
    assert refusal("ho-so.zip", content) == [
        "Tệp “cai-dat.pdf” trong tệp nén không phải PDF, DOC, DOCX, XLS, XLSX hoặc ODT."
    ]


def test_an_oversize_file_is_refused_by_its_size():
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4")
    big.size = 31 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_file(big)
    assert refused.value.messages == ["Tệp quá lớn (31,0 MB); tối đa 30 MB."]


def test_an_empty_file_is_refused():
    assert refusal("rong.pdf", b"") == ["Tệp rỗng."]
