"""Reading a spreadsheet an editor uploads (CSV or XLSX): one rule for every importer.

Used by the contests' question and unit imports and the document register's import. Returns
(line number as the editor sees it, {folded header: text}) for every non-empty row; a file
that cannot be read as a whole raises `TableUnreadable` with the reason in Vietnamese.

What offices really send:
- CSV saved by Excel "CSV UTF-8" (with a byte-order mark), plain "CSV" on a Vietnamese
  Windows (Windows-1258, the "ANSI" code page, whose tone marks are separate combining
  characters: NFC composes them), "Unicode text" (UTF-16 with a BOM, tab-separated), and
  semicolons instead of commas where the decimal separator is a comma;
- XLSX, whose dates arrive as dates (written back as dd/mm/yyyy) and whose formulas are read
  as the value Excel last computed. An XLSX is a ZIP: its parts are measured from the ZIP's
  directory before openpyxl unpacks anything (a 5 MB file must not unpack into gigabytes).
"""

import csv
import datetime
import io
import zipfile

from congdoan.text import nfc, vietnamese_slugify

MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 50,000-row sheet of long texts is about 40 MB
MAX_XLSX_RATIO = 200  # shared strings compress well (about 20:1); a bomb is thousands to one


class TableUnreadable(Exception):
    """The file as a whole cannot be read; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def header_key(header) -> str:
    """A column's name as it is matched: "Số ký hiệu", "so ky hieu", "SỐ KÝ HIỆU" → `sokyhieu`."""
    return vietnamese_slugify(str(header or "")).replace("-", "")


def cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", dates as dd/mm/yyyy, NFC, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def decode_csv(data: bytes) -> str:
    """The text of a CSV file in any of the encodings Excel writes (see the module's docstring)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TableUnreadable("Tệp CSV bị hỏng: bảng mã UTF-16 không đọc được.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise TableUnreadable(
            "Tệp không phải bảng CSV (có dữ liệu nhị phân). Hãy lưu từ Excel dạng “CSV UTF-8” hoặc gửi tệp .xlsx."
        )
    try:
        return nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise TableUnreadable(
            "Không nhận ra bảng mã của tệp CSV. Hãy lưu lại từ Excel dạng “CSV UTF-8” hoặc gửi tệp .xlsx."
        ) from None


def csv_rows(data: bytes) -> list[list]:
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise TableUnreadable("Tệp CSV bị hỏng (một ô quá dài hoặc dấu ngoặc kép không đóng).") from None


def xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    unreadable = "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise TableUnreadable(unreadable) from None
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if unpacked > MAX_XLSX_UNPACKED_BYTES or (unpacked > 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO):
        raise TableUnreadable(
            f"Tệp Excel giải nén ra quá lớn (tối đa {MAX_XLSX_UNPACKED_BYTES // 1024 // 1024} MB): không nhận."
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl and its XML parser raise many kinds on a malformed file
        raise TableUnreadable(unreadable) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # as above: a sheet's XML broken half way
        raise TableUnreadable(unreadable) from None
    finally:
        workbook.close()


def read_table(upload, *, max_bytes: int, max_rows: int) -> list[tuple[int, dict[str, str]]]:
    """(line number, {header_key: text}) for every non-empty row after the header row."""
    name = (getattr(upload, "name", "") or "").lower()
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TableUnreadable(f"Tệp quá lớn (tối đa {max_bytes // (1024 * 1024)} MB).")
    if name.endswith(".xlsx"):
        table = xlsx_rows(data)
    elif name.endswith(".csv"):
        table = csv_rows(data)
    else:
        raise TableUnreadable("Chỉ nhận tệp .csv hoặc .xlsx.")
    if not table:
        raise TableUnreadable("Tệp không có dữ liệu.")
    headers = [header_key(value) for value in table[0]]
    rows = []
    for line, values in enumerate(table[1:], start=2):
        cells = [cell_text(value) for value in values]
        if not any(cells):
            continue
        if len(rows) == max_rows:
            raise TableUnreadable(f"Tệp có hơn {max_rows} dòng, nhiều hơn giới hạn {max_rows} dòng một lần nhập.")
        padded = cells + [""] * (len(headers) - len(cells))
        rows.append((line, dict(zip(headers, padded, strict=False))))
    if not rows:
        raise TableUnreadable("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")
    return rows
