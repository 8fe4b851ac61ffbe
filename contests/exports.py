"""Rankings of a round as an Excel workbook for the organising committee."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .models import Round
from .network import name_of
from .results import federation_ranking, individual_ranking, unit_ranking

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


def ranking_workbook(round_: Round, *, federation=None) -> bytes:
    """The round's individual and unit rankings; a network-wide contest adds each row's
    federation and a sheet ranking the federations. With `federation`, only its contestants
    and units (a federation's editors downloading their own)."""
    network_wide = round_.contest.network_wide
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
            *(["Liên đoàn"] if network_wide else []),
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
    for row in individual_ranking(round_, federation=federation):
        contestant, attempt = row.contestant, row.attempt
        append_row(
            people,
            [
                row.rank,
                contestant.full_name,
                contestant.phone,
                contestant.date_of_birth.strftime("%d/%m/%Y"),
                *([name_of(contestant.unit.federation_id)] if network_wide else []),
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
    unit_heads = ["Hạng", *(["Liên đoàn"] if network_wide else []), "Đơn vị", "Khối"]
    append_row(units, [*unit_heads, "Số người tham gia", "Số lượt dự thi"])
    for row in unit_ranking(round_, federation=federation):
        federation_cell = [row["federation"]] if network_wide else []
        append_row(
            units, [row["rank"], *federation_cell, row["unit"], row["group"], row["participants"], row["entries"]]
        )
    sheets = [people, units]
    if network_wide:
        federations = workbook.create_sheet("Liên đoàn")
        sheets.append(federations)
        append_row(
            federations,
            [
                "Hạng",
                "Liên đoàn",
                "Số người tham gia",
                "Số lượt dự thi",
                "Số câu đúng trung bình",
                "Số câu đúng cao nhất",
            ],
        )
        for row in federation_ranking(round_):
            append_row(
                federations,
                [row["rank"], row["federation"], row["participants"], row["entries"], row["average"], row["top"]],
            )
    for sheet in sheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
