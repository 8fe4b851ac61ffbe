"""Importing question banks and units from CSV/XLSX: all rows or none, errors by line number."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from contests.importing import ImportFailed, import_questions, import_units
from contests.models import Option, Question, Unit, UnitGroup

from .factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADER = ["Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D", "Đáp án đúng", "Giải thích"]
GOOD_ROWS = [
    ["Luật Công đoàn hiện hành được thông qua năm nào?", "2012", "2024", "1990", "", "B", "Luật số 50/2024/QH15."],
    ["Ngày thành lập Công đoàn Việt Nam?", "28/7/1929", "1/5/1886", "", "", "a", ""],
]


def csv_file(rows, *, delimiter=",", encoding="utf-8-sig", name="cau-hoi.csv"):
    lines = [delimiter.join(f'"{cell}"' if delimiter in str(cell) else str(cell) for cell in row) for row in rows]
    return SimpleUploadedFile(name, "\r\n".join(lines).encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="cau-hoi.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_good_csv_creates_questions_with_one_correct_option(open_round):
    before = open_round.questions.count()
    result = import_questions(round=open_round, upload=csv_file([HEADER, *GOOD_ROWS]))
    assert result.created == 2
    assert open_round.questions.count() == before + 2
    question = Question.objects.get(text="Luật Công đoàn hiện hành được thông qua năm nào?")
    options = [(option.text, option.is_correct) for option in question.options.all()]
    assert options == [("2012", False), ("2024", True), ("1990", False)]
    assert question.explanation == "Luật số 50/2024/QH15."
    second = Question.objects.get(text="Ngày thành lập Công đoàn Việt Nam?")
    assert second.options.get(is_correct=True).text == "28/7/1929"


def test_good_xlsx_with_numbers_in_cells(open_round):
    rows = [HEADER, ["Năm nào Bộ luật Lao động mới có hiệu lực?", 2021, 2019, 2012, None, "A", None]]
    assert import_questions(round=open_round, upload=xlsx_file(rows)).created == 1
    question = Question.objects.get(text__startswith="Năm nào Bộ luật")
    assert list(question.options.values_list("text", flat=True)) == ["2021", "2019", "2012"]


def test_semicolon_csv_and_headers_without_diacritics(open_round):
    header = ["cau hoi", "phuong an a", "phuong an b", "dap an dung"]
    rows = [header, ["Một câu hỏi; có dấu chấm phẩy?", "Có", "Không", "A"]]
    assert import_questions(round=open_round, upload=csv_file(rows, delimiter=";")).created == 1


def test_bad_rows_are_all_reported_and_nothing_changes(open_round):
    before_questions, before_options = Question.objects.count(), Option.objects.count()
    rows = [
        HEADER,
        GOOD_ROWS[0],  # line 2: fine, but must not be saved either
        ["Thiếu đáp án đúng?", "X", "Y", "", "", "", ""],  # line 3
        ["Chỉ một phương án?", "X", "", "", "", "A", ""],  # line 4
        ["", "X", "Y", "", "", "A", ""],  # line 5
        ["Đáp án trỏ vào ô trống?", "X", "Y", "", "", "D", ""],  # line 6
        ["Hai đáp án?", "X", "Y", "", "", "A,B", ""],  # line 7
        GOOD_ROWS[0],  # line 8: same question as line 2
        ["Phương án trùng?", "X", "x", "", "", "A", ""],  # line 9
    ]
    with pytest.raises(ImportFailed) as failure:
        import_questions(round=open_round, upload=csv_file(rows))
    errors = failure.value.errors
    assert errors == [
        "Dòng 3: phải có đúng một đáp án đúng (ghi một chữ cái A–F ở cột “Đáp án đúng”).",
        "Dòng 4: mỗi câu hỏi phải có từ 2 đến 6 phương án (đang có 1).",
        "Dòng 5: thiếu nội dung câu hỏi.",
        "Dòng 6: đáp án đúng D trỏ vào phương án để trống.",
        "Dòng 7: phải có đúng một đáp án đúng (ghi một chữ cái A–F ở cột “Đáp án đúng”).",
        "Dòng 8: câu hỏi trùng với một câu đã có trong đợt thi hoặc ở dòng trên.",
        "Dòng 9: các phương án không được trùng nhau.",
    ]
    assert (Question.objects.count(), Option.objects.count()) == (before_questions, before_options)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.txt", b"x"), "Chỉ nhận tệp .csv hoặc .xlsx."),
        (SimpleUploadedFile("a.xlsx", b"not a zip"), "Không đọc được tệp Excel"),
        (SimpleUploadedFile("a.csv", b"\x00\x01PK junk\xff"), "không phải bảng CSV"),
        (SimpleUploadedFile("a.csv", b""), "không có dữ liệu"),
        (SimpleUploadedFile("a.csv", "Câu hỏi,Phương án A,Phương án B,Đáp án đúng\n".encode()), "chỉ có dòng tiêu đề"),
        (SimpleUploadedFile("a.csv", "Nội dung,A,B\nx,y,z\n".encode()), "Thiếu cột"),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(open_round, upload, message):
    with pytest.raises(ImportFailed) as failure:
        import_questions(round=open_round, upload=upload)
    assert message in failure.value.errors[0]


def test_units_import_creates_groups_and_keeps_existing_units(db):
    UnitFactory(name="Công đoàn Trường THPT Ba Bể", group__name="LĐLĐ huyện Ba Bể")
    rows = [
        ["Đơn vị", "Khối"],
        ["Công đoàn Trường THPT Ba Bể", "LĐLĐ huyện Ba Bể"],
        ["Công đoàn Bệnh viện Đa khoa tỉnh", "Công đoàn ngành Y tế"],
        ["Công đoàn cơ quan LĐLĐ tỉnh", ""],
    ]
    result = import_units(upload=xlsx_file(rows, name="don-vi.xlsx"))
    assert (result.created, result.skipped) == (2, 1)
    assert Unit.objects.get(name="Công đoàn Bệnh viện Đa khoa tỉnh").group.name == "Công đoàn ngành Y tế"
    assert Unit.objects.get(name="Công đoàn cơ quan LĐLĐ tỉnh").group is None
    assert UnitGroup.objects.count() == 2


def test_units_import_bad_rows_change_nothing(db):
    rows = [["Đơn vị", "Khối"], ["Công đoàn A", "Khối 1"], ["", "Khối 1"], ["Công đoàn A", "Khối 1"]]
    with pytest.raises(ImportFailed) as failure:
        import_units(upload=csv_file(rows))
    assert failure.value.errors == ["Dòng 3: thiếu tên đơn vị.", "Dòng 4: trùng với một dòng ở trên."]
    assert not Unit.objects.exists() and not UnitGroup.objects.exists()


def test_admin_import_pages_editors_only(client, editor, writer, open_round):
    url = f"/admin/contests/round/{open_round.pk}/nhap-cau-hoi/"
    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert client.get("/admin/contests/unit/nhap/").status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200
    bad = [HEADER, ["Câu?", "X", "Y", "", "", "", ""]]
    page = client.post(url, {"file": csv_file(bad)}).content.decode()
    assert "Dòng 2: phải có đúng một đáp án đúng" in page
    response = client.post(url, {"file": csv_file([HEADER, *GOOD_ROWS])})
    assert response.status_code == 302
    assert open_round.questions.count() == 7
    response = client.post("/admin/contests/unit/nhap/", {"file": csv_file([["Đơn vị"], ["Công đoàn X"]])})
    assert response.status_code == 302
    assert Unit.objects.filter(name="Công đoàn X").exists()
    assert "Nhập từ tệp CSV/Excel" in client.get("/admin/contests/unit/").content.decode()
