"""Files attached to documents: what they really are, and the text inside them.

Accepted, recognised by their content and not by their name: PDF, Word (DOC, DOCX),
Excel (XLS, XLSX), OpenDocument text (ODT), and ZIP archives of these. The name's extension
must agree with the content (an HTML page or a program renamed `.pdf` is refused), and:
- at most MAX_FILE_BYTES (30 MB) a file: a scanned 100-page decision is 10–20 MB;
- a PDF may carry no JavaScript, launch action or embedded file, nor be encrypted (readers
  could not search it, and the site could not read it);
- an archive (ZIP and the ZIP-based DOCX, XLSX, ODT) holds at most MAX_MEMBERS entries, no
  path that climbs out (`../`) or starts at the root, at most MAX_UNPACKED_BYTES unpacked and
  no entry packed more than MAX_RATIO times (a ZIP bomb is refused before anything unpacks);
  a ZIP's entries must themselves be files of the accepted kinds.

Text is extracted from PDF (pypdf) and DOCX (python-docx) for search. A PDF with pages but
(almost) no text is a scan: it is marked so and its page says the text cannot be searched.
"""

import io
import os
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_MEMBERS = 200
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_TEXT_CHARS = 500_000  # about 200 printed pages: enough to find any phrase of a real document
MAX_PDF_PAGES = 500  # pages read for text; a longer file is searched by its first 500
SCANNED_MIN_CHARS = 16  # fewer letters than this on every page together: a scan (a stamp, a page number)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOC = "doc", "Word (DOC)"
    DOCX = "docx", "Word (DOCX)"
    XLS = "xls", "Excel (XLS)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODT = "odt", "OpenDocument (ODT)"
    ZIP = "zip", "Tệp nén ZIP"


class TextState(models.TextChoices):
    TEXT = "text", "Đã lấy chữ để tìm kiếm"
    SCANNED = "scanned", "Bản quét, không có lớp chữ"
    NONE = "none", "Không lấy chữ (định dạng này chưa hỗ trợ)"


CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOC: "application/msword",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLS: "application/vnd.ms-excel",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.ZIP: "application/zip",
}
ACCEPTED = "PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    text: str
    text_state: str


def _error(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read(MAX_FILE_BYTES + 1)
    file.seek(0)
    return data


def _check_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _error("Tệp nén bị hỏng, không mở được.", "bad_zip") from None
    if len(members) > MAX_MEMBERS:
        raise _error("Tệp nén có quá nhiều tệp (tối đa %(max)s).", "too_many_members", max=MAX_MEMBERS)
    total = 0
    for member in members:
        name = member.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
            raise _error("Tệp nén có đường dẫn không an toàn (“%(name)s”): không nhận.", "unsafe_path", name=name[:80])
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise _error(
                "Tệp nén giải nén ra quá lớn (tối đa %(max)s MB): không nhận.",
                "zip_bomb",
                max=MAX_UNPACKED_BYTES // 1024 // 1024,
            )
    return archive


def _zip_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return FileKind.DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            raise _error("Tệp nén bị hỏng, không mở được.", "bad_zip") from None
        if mimetype.strip() == b"application/vnd.oasis.opendocument.text":
            return FileKind.ODT
    return FileKind.ZIP


def _ole_kind(data: bytes) -> str | None:
    # The storage's directory names its streams in UTF-16: Word files have "WordDocument",
    # Excel files "Workbook" (or "Book" before Excel 97).
    if "WordDocument".encode("utf-16-le") in data:
        return FileKind.DOC
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return FileKind.XLS
    return None


def detect_kind(data: bytes) -> tuple[str, zipfile.ZipFile | None]:
    """What `data` is (a FileKind), with the opened archive for ZIP-based kinds; else ValidationError."""
    if data.startswith(OLE_MAGIC):
        kind = _ole_kind(data)
        if kind is None:
            raise _error("Tệp Office này không phải văn bản Word hay bảng tính Excel.", "bad_ole")
        return kind, None
    if data.startswith(ZIP_MAGIC):
        archive = _check_archive(data)
        return _zip_kind(archive), archive
    if b"%PDF-" in data[:1024]:  # the header may follow some junk, as readers allow
        return FileKind.PDF, None
    raise _error("Nội dung tệp không phải %(accepted)s.", "bad_kind", accepted=ACCEPTED)


_EXTENSIONS = {
    FileKind.PDF: {"pdf"},
    FileKind.DOC: {"doc"},
    FileKind.DOCX: {"docx"},
    FileKind.XLS: {"xls"},
    FileKind.XLSX: {"xlsx"},
    FileKind.ODT: {"odt"},
    FileKind.ZIP: {"zip"},
}


def _check_zip_members(archive: zipfile.ZipFile) -> None:
    for member in archive.infolist():
        if member.is_dir():
            continue
        name = member.filename.rsplit("/", 1)[-1]
        try:
            inner = archive.read(member)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
            raise _error("Tệp nén bị hỏng, không mở được.", "bad_zip") from None
        try:
            kind, _archive = detect_kind(inner)
        except ValidationError:
            raise _error(
                "Tệp “%(name)s” trong tệp nén không phải %(accepted)s.",
                "bad_member",
                name=name[:80],
                accepted="PDF, DOC, DOCX, XLS, XLSX hoặc ODT",
            ) from None
        if kind == FileKind.ZIP:
            raise _error("Tệp nén không được chứa tệp nén khác (“%(name)s”).", "nested_zip", name=name[:80])
        if extension_of(name) not in _EXTENSIONS[kind]:
            raise _error(
                "Tệp “%(name)s” trong tệp nén có đuôi không khớp nội dung (%(kind)s).",
                "member_extension",
                name=name[:80],
                kind=FileKind(kind).label,
            )
        if kind == FileKind.PDF:
            _pdf_text(inner)


def _pdf_reader(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _error("Tệp PDF có mật khẩu hoặc bị khoá: hãy tải lên bản không khoá.", "encrypted_pdf")
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds on a malformed file
        raise _error("Tệp PDF bị hỏng, không đọc được.", "bad_pdf") from None
    return reader, pages


def _refuse_active_pdf(data: bytes, reader) -> None:
    """JavaScript, launch actions and embedded files: in the raw bytes, or in the catalogue and pages."""
    found = bool(_PDF_ACTIVE.search(data))
    try:
        root = reader.trailer["/Root"]
        names = root.get("/Names") or {}
        found = found or "/JavaScript" in names or "/EmbeddedFiles" in names
        action = root.get("/OpenAction")
        if hasattr(action, "get_object"):
            action = action.get_object()
        found = found or (isinstance(action, dict) and action.get("/S") in ("/JavaScript", "/Launch"))
        found = found or "/AA" in root
        for page in reader.pages[:MAX_PDF_PAGES]:
            if "/AA" in page:
                found = True
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                target = annotation.get("/A")
                target = target.get_object() if hasattr(target, "get_object") else target
                if "/AA" in annotation or (isinstance(target, dict) and target.get("/S") in ("/JavaScript", "/Launch")):
                    found = True
    except Exception:  # any malformed structure: the file cannot be vouched for
        raise _error("Tệp PDF bị hỏng, không đọc được.", "bad_pdf") from None
    if found:
        raise _error(
            "Tệp PDF có mã chạy tự động (JavaScript, lệnh mở chương trình hoặc tệp nhúng): không nhận. "
            "Hãy in lại ra PDF thường rồi tải lên.",
            "active_pdf",
        )


def _pdf_text(data: bytes) -> tuple[str, str]:
    reader, pages = _pdf_reader(data)
    _refuse_active_pdf(data, reader)
    parts: list[str] = []
    length = 0
    try:
        for page in reader.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARS:
                break
    except Exception:  # pypdf raises many kinds on a malformed content stream
        raise _error("Tệp PDF bị hỏng, không đọc được.", "bad_pdf") from None
    text = clean_text("\n".join(parts))
    letters = sum(1 for char in text if char.isalnum())
    if pages and letters < SCANNED_MIN_CHARS:
        return "", TextState.SCANNED
    return text, TextState.TEXT


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    except Exception:  # python-docx/lxml raise many kinds on a malformed file
        raise _error("Tệp Word (DOCX) bị hỏng, không đọc được.", "bad_docx") from None
    return clean_text("\n".join(parts))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Extracted text as stored: no control characters (XML and PostgreSQL refuse NUL), at most MAX_TEXT_CHARS."""
    return _CONTROL.sub(" ", text)[:MAX_TEXT_CHARS].strip()


def check_file(file) -> CheckedFile:
    """What an uploaded file is and the text in it, or a ValidationError for editors (in Vietnamese)."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise _error(
            "Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.",
            "too_large",
            size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
            max=MAX_FILE_BYTES // 1024 // 1024,
        )
    data = _read_all(file)
    if len(data) > MAX_FILE_BYTES:
        raise _error("Tệp quá lớn; tối đa %(max)s MB.", "too_large", max=MAX_FILE_BYTES // 1024 // 1024)
    if not data:
        raise _error("Tệp rỗng.", "empty")
    kind, archive = detect_kind(data)
    extension = extension_of(getattr(file, "name", ""))
    if extension not in _EXTENSIONS[kind]:
        raise _error(
            "Tên tệp có đuôi “.%(ext)s” nhưng nội dung là %(kind)s. Hãy đặt đúng đuôi tệp.",
            "extension_mismatch",
            ext=extension or "(không có)",
            kind=FileKind(kind).label,
        )
    text, state = "", TextState.NONE
    if kind == FileKind.PDF:
        text, state = _pdf_text(data)
    elif kind == FileKind.DOCX:
        text = _docx_text(data)
        state = TextState.TEXT
    elif kind == FileKind.ZIP:
        _check_zip_members(archive)
    return CheckedFile(kind=kind, size=len(data), text=text, text_state=state)
