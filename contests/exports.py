"""Rankings of a round as an Excel workbook for the organising committee."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .models import Round
from .results import individual_ranking, unit_ranking

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Leading characters a spreadsheet reads as the start of a formula when a cell is typed or
# re-entered (OWASP "CSV injection"); tab and carriage return also start a new cell on paste.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def append_row(sheet, values: list) -> None:
    """Append `values`, every string stored as a string cell, never as a formula.

    openpyxl turns any string starting with "=" into a formula (data_type "f"), so a contestant
    named `=HYPERLINK(…)` would be a live link in the organisers' Excel. Strings are forced to
    data_type "s"; those starting like a formula also get Excel's quote prefix, so editing the
    cell keeps it text. Control characters XML cannot hold (openpyxl refuses them) are dropped.
    """
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True


def ranking_workbook(round_: Round) -> bytes:
    workbook = Workbook()
    people = workbook.active
    people.title = "Cá nhân"
    append_row(
        people,
        [
            "Hạng",
            "Họ và tên",
            "Số điện thoại",
            "Ngày sinh",
            "Đơn vị",
            "Khối",
            "Lượt",
            "Số câu đúng",
            "Thời gian (giây)",
            "Trả lời dự đoán",
            "Chênh lệch dự đoán",
            "Điểm tự luận",
            "Nộp lúc",
        ],
    )
    for row in individual_ranking(round_):
        contestant, attempt = row.contestant, row.attempt
        append_row(
            people,
            [
                row.rank,
                contestant.full_name,
                contestant.phone,
                contestant.date_of_birth.strftime("%d/%m/%Y"),
                contestant.unit.name,
                contestant.unit.group.name if contestant.unit.group_id else "",
                attempt.number,
                row.score,
                int(attempt.duration.total_seconds()) if attempt.duration else None,
                attempt.tiebreak_answer,
                row.tiebreak_distance,
                float(attempt.essay_mark) if attempt.essay_mark is not None else None,
                timezone.localtime(attempt.submitted_at).strftime("%d/%m/%Y %H:%M:%S"),
            ],
        )
    units = workbook.create_sheet("Đơn vị")
    append_row(units, ["Hạng", "Đơn vị", "Khối", "Số người tham gia", "Số lượt dự thi"])
    for row in unit_ranking(round_):
        append_row(units, [row["rank"], row["unit"], row["group"], row["participants"], row["entries"]])
    for sheet in (people, units):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
