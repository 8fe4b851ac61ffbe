"""Rankings of a round as an Excel workbook for the organising committee."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Round
from .results import individual_ranking, unit_ranking

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ranking_workbook(round_: Round) -> bytes:
    workbook = Workbook()
    people = workbook.active
    people.title = "Cá nhân"
    people.append(
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
        ]
    )
    for row in individual_ranking(round_):
        contestant, attempt = row.contestant, row.attempt
        people.append(
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
            ]
        )
    units = workbook.create_sheet("Đơn vị")
    units.append(["Hạng", "Đơn vị", "Khối", "Số người tham gia", "Số lượt dự thi"])
    for row in unit_ranking(round_):
        units.append([row["rank"], row["unit"], row["group"], row["participants"], row["entries"]])
    for sheet in (people, units):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
