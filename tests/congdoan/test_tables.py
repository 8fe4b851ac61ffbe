"""congdoan.tables: the spreadsheets editors upload, read one way by every importer."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.tables import TableUnreadable, read_table
from tests.utils import cp1258_bytes


def read(name: str, data: bytes, **limits):
    return read_table(SimpleUploadedFile(name, data), **{"max_bytes": 1024 * 1024, "max_rows": 10, **limits})


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffĐơn vị;Khối\r\nCông đoàn Trường THPT Ba Bể;Ba Bể\r\n".encode(),  # Excel "CSV UTF-8", semicolons
        "Đơn vị\tKhối\r\nCông đoàn Trường THPT Ba Bể\tBa Bể\r\n".encode("utf-16"),  # Excel "Unicode text"
        "Đơn vị,Khối\nCông đoàn Trường THPT Ba Bể,Ba Bể\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
        # Windows-1258 ("CSV" on a Vietnamese Windows): "ể" as "ê" + a combining hook above
        cp1258_bytes("Đơn vị,Khối\r\nCông đoàn Trường THPT Ba Bể,Ba Bể\r\n"),
    ],
)
def test_csv_in_the_encodings_excel_writes(data):
    assert read("don-vi.csv", data) == [(2, {"donvi": "Công đoàn Trường THPT Ba Bể", "khoi": "Ba Bể"})]


def test_an_xlsx_that_would_unpack_into_a_bomb_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 1024 * 1024))
    with pytest.raises(TableUnreadable) as failure:
        read("bom.xlsx", buffer.getvalue())
    assert failure.value.message == "Tệp Excel giải nén ra quá lớn (tối đa 100 MB): không nhận."


def test_limits_in_vietnamese():
    with pytest.raises(TableUnreadable) as failure:
        read("a.csv", b"x" * 2048, max_bytes=1024)
    assert failure.value.message == "Tệp quá lớn (tối đa 0 MB)."
    rows = "Đơn vị\n" + "".join(f"Đơn vị {n}\n" for n in range(11))
    with pytest.raises(TableUnreadable) as failure:
        read("a.csv", rows.encode())
    assert failure.value.message == "Tệp có hơn 10 dòng, nhiều hơn giới hạn 10 dòng một lần nhập."


def test_an_xlsx_with_broken_xml_is_refused_in_vietnamese():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    broken = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><sheetData><row>" if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(TableUnreadable) as failure:
        read("hong.xlsx", broken.getvalue())
    assert failure.value.message == "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng."
