"""Import a round's question bank and the list of union units from CSV or XLSX files.

The whole file is checked first; every bad row is reported by its line number in the
spreadsheet ("Dòng 7: phải có đúng một đáp án đúng"), and nothing is written unless every
row is good. The writes then happen in one transaction.

Questions: a header row, then one question per row with the columns
    Câu hỏi | Phương án A | … | Phương án F | Đáp án đúng (A–F) | Giải thích (optional)
Units: a header row, then one unit per row with the columns
    Đơn vị | Khối (optional: district or sector)
Header names are matched without diacritics or case ("cau hoi", "Đáp án").
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from congdoan.tables import TableUnreadable, header_key, read_table
from congdoan.tenancy import activate

from .models import MAX_OPTIONS, MIN_OPTIONS, Option, Question, Round, Unit, UnitGroup, validate_options

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
LETTERS = "ABCDEF"


class ImportFailed(Exception):
    """The file was refused; `errors` lists every problem, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


_key = header_key


def read_rows(upload) -> list[tuple[int, dict[str, str]]]:
    """(line number, {normalised header: text}) for every non-empty row after the header."""
    try:
        return read_table(upload, max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS)
    except TableUnreadable as failure:
        raise ImportFailed([failure.message]) from None


QUESTION = "cauhoi"
ANSWER = "dapandung"
EXPLANATION = "giaithich"
OPTION_COLUMNS = [f"phuongan{letter.lower()}" for letter in LETTERS]


def import_questions(*, round: Round, upload) -> ImportResult:
    rows = read_rows(upload)
    headers = set(rows[0][1])
    missing = [label for key, label in [(QUESTION, "Câu hỏi"), (ANSWER, "Đáp án đúng")] if key not in headers]
    if not {OPTION_COLUMNS[0], OPTION_COLUMNS[1]} <= headers:
        missing.append("Phương án A, Phương án B")
    if missing:
        raise ImportFailed([f"Thiếu cột: {', '.join(missing)}."])

    errors, parsed = [], []
    seen = {_key(text) for text in Question.objects.filter(round=round).values_list("text", flat=True)}
    for line, row in rows:
        text = row.get(QUESTION, "")
        options = [row.get(column, "") for column in OPTION_COLUMNS]
        problems = []
        if not text:
            problems.append("thiếu nội dung câu hỏi")
        letter = row.get(ANSWER, "").strip().upper()
        filled = [index for index, option in enumerate(options) if option]
        if filled and filled[-1] + 1 != len(filled):
            problems.append("các phương án phải điền liền nhau từ A")
        if letter not in LETTERS or not letter:
            problems.append("phải có đúng một đáp án đúng (ghi một chữ cái A–F ở cột “Đáp án đúng”)")
        elif LETTERS.index(letter) not in filled:
            problems.append(f"đáp án đúng {letter} trỏ vào phương án để trống")
        if not problems:
            try:
                validate_options([(option, LETTERS[index] == letter) for index, option in enumerate(options)])
            except ValidationError as error:
                problems.extend(message[0].lower() + message[1:].rstrip(".") for message in error.messages)
        if text and _key(text) in seen:
            problems.append("câu hỏi trùng với một câu đã có trong đợt thi hoặc ở dòng trên")
        if problems:
            errors.append(f"Dòng {line}: {'; '.join(problems)}.")
            continue
        seen.add(_key(text))
        parsed.append((text, [option for option in options if option], LETTERS.index(letter), row.get(EXPLANATION, "")))
    if errors:
        raise ImportFailed(errors)

    with transaction.atomic():
        start = Question.objects.filter(round=round).count()
        for offset, (text, options, correct, explanation) in enumerate(parsed, start=1):
            question = Question.objects.create(round=round, text=text, explanation=explanation, order=start + offset)
            Option.objects.bulk_create(
                Option(question=question, text=option, is_correct=index == correct, order=index)
                for index, option in enumerate(options)
            )
    return ImportResult(created=len(parsed))


UNIT = "donvi"
GROUP = "khoi"


def import_units(*, upload, federation=None) -> ImportResult:
    """Units into this federation's list, or (national editors, for a network-wide contest)
    into `federation`'s: the rows are then written, and matched, as that federation's."""
    if federation is not None:
        with activate(federation):
            result = import_units(upload=upload)
        result.notes.append(f"Các đơn vị được nhập vào danh sách của {federation.short_name}.")
        return result
    rows = read_rows(upload)
    if UNIT not in rows[0][1]:
        raise ImportFailed(["Thiếu cột: Đơn vị."])
    errors, parsed, in_file = [], [], set()
    for line, row in rows:
        name, group = row.get(UNIT, ""), row.get(GROUP, "")
        problems = []
        if not name:
            problems.append("thiếu tên đơn vị")
        if len(name) > Unit._meta.get_field("name").max_length:
            problems.append("tên đơn vị quá dài")
        if len(group) > UnitGroup._meta.get_field("name").max_length:
            problems.append("tên khối quá dài")
        key = (_key(group), _key(name))
        if name and key in in_file:
            problems.append("trùng với một dòng ở trên")
        if problems:
            errors.append(f"Dòng {line}: {'; '.join(problems)}.")
            continue
        in_file.add(key)
        parsed.append((name, group))
    if errors:
        raise ImportFailed(errors)

    result = ImportResult()
    with transaction.atomic():
        groups = {group.name: group for group in UnitGroup.objects.all()}
        existing = set(Unit.objects.values_list("group__name", "name"))
        for order, (name, group_name) in enumerate(parsed, start=1):
            if (group_name or None, name) in existing:
                result.skipped += 1
                continue
            group = None
            if group_name:
                group = groups.get(group_name)
                if group is None:
                    group = groups[group_name] = UnitGroup.objects.create(name=group_name, order=len(groups) + 1)
            Unit.objects.create(name=name, group=group, order=order)
            result.created += 1
    if result.skipped:
        result.notes.append(f"{result.skipped} đơn vị đã có từ trước, được giữ nguyên.")
    return result


# Shown on the import pages.
QUESTION_COLUMNS_HELP = (
    "Dòng đầu là tiêu đề cột: Câu hỏi, Phương án A, Phương án B, … (tối đa Phương án F), "
    f"Đáp án đúng (một chữ cái), Giải thích (tùy chọn). Mỗi câu có từ {MIN_OPTIONS} đến {MAX_OPTIONS} phương án."
)
UNIT_COLUMNS_HELP = "Dòng đầu là tiêu đề cột: Đơn vị, Khối (tùy chọn: huyện hoặc ngành mà đơn vị trực thuộc)."
