"""Import documents from a table (CSV or XLSX) and a ZIP of their files (docs/import-documents.md).

A federation moving its register to the site brings a spreadsheet, one document a row, and
a ZIP of the PDFs and Word files the rows name. Nothing of a bad import is written:

1. The table is read (congdoan.tables: the encodings and separators Excel writes) and every
   row checked: the number (documents.numbers), the kind and issuer (named, or recognised from
   the number as the admin form does), dates dd/mm/yyyy (digits of any script folded, as
   contestants' are: contests.numbers), the fields' rules (`Document.clean`), duplicates
   within the file.
2. The ZIP is measured from its directory before anything unpacks (a bomb, a path climbing
   out, too many files, one file over the upload limit are refused), then every file a row
   names is read and checked by its content exactly as an upload is (`files.check_file`).
   A file named by a row but not in the ZIP is that row's error; a file in the ZIP that no
   row names is reported and not imported.
3. Every problem is reported, rows by their line number in the spreadsheet; if there is one,
   nothing is written. Otherwise everything is written in one transaction (files written to
   storage are removed again if it fails).

Importing again is idempotent by (issuer, normalised số ký hiệu), the register's own unique
key: a document already on the register is updated with the fields its row carries when
they differ (the file is the source of what it carries), left alone when they are the same;
its status, slug and history are never touched, and a file is added only when the document
has no file with the same content already (files are never removed by an import).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date

import reversion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from congdoan.tables import TableUnreadable, read_table
from contests.numbers import fold_digits
from news.archive_files import _outside, megabytes
from news.importing import grouped
from news.search import fold

from .files import MAX_FILE_BYTES, MAX_RATIO, check_file
from .models import Document, DocumentFile, Issuer, Topic
from .numbers import KINDS, check_number, number_key
from .services import recognise

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024  # 2 GB: a decade of a federation's scans
MAX_ERRORS = 500
MAX_FILES_PER_ROW = 30  # as the admin's inline (DocumentFileInline.max_num)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False


COLUMNS = (
    Column("sokyhieu", "Số ký hiệu", True),
    Column("loaivanban", "Loại văn bản"),
    Column("coquanbanhanh", "Cơ quan ban hành"),
    Column("ngaybanhanh", "Ngày ban hành", True),
    Column("ngaycohieuluc", "Ngày có hiệu lực"),
    Column("ngayhethieuluc", "Ngày hết hiệu lực"),
    Column("trichyeu", "Trích yếu", True),
    Column("linhvuc", "Lĩnh vực"),
    Column("quyenhanky", "Quyền hạn ký"),
    Column("kythaymat", "Ký thay mặt"),
    Column("chucvunguoiky", "Chức vụ người ký"),
    Column("nguoiky", "Người ký"),
    Column("toanvan", "Toàn văn"),
    Column("tep", "Tệp"),
)
# The model fields a row sets, compared when the document is already on the register.
FIELDS = (
    "number", "kind", "title", "issued_on", "effective_from", "effective_until", "signing_prefix",
    "signing_for", "signer_position", "signer_name", "body",
)  # fmt: skip
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LIST_SEPARATORS = re.compile(r"[;\n]")
PREFIXES = {fold(value).rstrip("."): value for value in Document.SigningPrefix.values if value}


class ImportFailed(Exception):
    """Nothing was written; `errors` lists every reason, in Vietnamese (rows as "Dòng 7: …")."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Attachment:
    name: str  # the file's name as the row gives it
    data: bytes
    digest: str
    checked: object


@dataclass
class Row:
    line: int
    document: Document  # unsaved, every field set
    topics: list[Topic]
    attachments: list[Attachment]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    files: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Đã nhập {grouped(self.created)} văn bản mới, cập nhật {grouped(self.updated)}, "
            f"{grouped(self.unchanged)} không đổi; thêm {grouped(self.files)} tệp."
        )


# --- The ZIP of files ------------------------------------------------------------------


class FileArchive:
    """The ZIP's files by path, measured before anything is read; `errors` if it is refused."""

    def __init__(self, upload):
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.by_basename: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.zip = None
        if upload is None:
            return
        try:
            upload.seek(0)
            self.zip = zipfile.ZipFile(upload)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise ImportFailed(["Tệp ZIP bị hỏng hoặc không phải tệp ZIP (có thể tải lên chưa hết)."]) from None
        files = [info for info in infos if not info.is_dir() and not _system_file(info.filename)]
        errors = []
        if len(files) > MAX_ZIP_MEMBERS:
            errors.append(f"Tệp ZIP có {grouped(len(files))} tệp; tối đa {grouped(MAX_ZIP_MEMBERS)} tệp một lần nhập.")
        total = 0
        for info in files:
            name = unicodedata.normalize("NFC", info.filename.replace("\\", "/"))
            if _outside(name):
                errors.append(f"Tệp ZIP có đường dẫn không an toàn (“{name[:120]}”): không nhận tệp ZIP này.")
                continue
            total += info.file_size
            if info.file_size > MAX_FILE_BYTES:
                errors.append(
                    f"Tệp “{name[:120]}” trong tệp ZIP quá lớn ({megabytes(info.file_size)} MB khi giải nén); "
                    f"tối đa {MAX_FILE_BYTES // 1024 // 1024} MB một tệp."
                )
            elif info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
                errors.append(f"Tệp “{name[:120]}” trong tệp ZIP nén bất thường (có thể là bom nén): không nhận.")
            self.members[name] = info
            self.by_basename.setdefault(posixpath.basename(name).lower(), []).append(name)
        if total > MAX_ZIP_UNPACKED_BYTES:
            errors.append(
                f"Tệp ZIP giải nén ra quá lớn ({megabytes(total)} MB); tối đa "
                f"{MAX_ZIP_UNPACKED_BYTES // 1024 // 1024} MB một lần nhập."
            )
        if errors:
            raise ImportFailed(errors)

    def find(self, name: str) -> str:
        """The member a row names: its path in the ZIP, or its bare name when only one has it."""
        wanted = unicodedata.normalize("NFC", name.replace("\\", "/")).lstrip("./")
        if wanted in self.members:
            return wanted
        matches = self.by_basename.get(posixpath.basename(wanted).lower(), [])
        if "/" not in wanted and len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValueError(f"tệp ZIP có {len(matches)} tệp tên “{name}”: hãy ghi cả thư mục")
        raise ValueError(f"không có tệp “{name}” trong tệp ZIP")

    def read(self, member: str) -> bytes:
        try:
            with self.zip.open(self.members[member]) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)  # never more than the directory said, plus one
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError, zlib.error):
            raise ValueError(f"không đọc được tệp “{member}” trong tệp ZIP (tệp ZIP hỏng hoặc có mật khẩu)") from None
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"tệp “{member}” giải nén ra lớn hơn khai báo: không nhận")
        return data

    def unused(self) -> list[str]:
        return sorted(set(self.members) - self.used)

    def close(self):
        if self.zip is not None:
            self.zip.close()


def _system_file(name: str) -> bool:
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base in {".DS_Store", "Thumbs.db", "desktop.ini"}


# --- One row ---------------------------------------------------------------------------


def parse_date(text: str, label: str) -> date | None:
    """dd/mm/yyyy (also with - or .), or yyyy-mm-dd; digits of any script count as 0–9."""
    if not text:
        return None
    try:
        folded = fold_digits(text.strip())
    except ValidationError as error:
        raise ValueError(f"{label}: {error.messages[0][0].lower()}{error.messages[0][1:].rstrip('.')}") from None
    found = _DATE.fullmatch(folded)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif _ISO_DATE.fullmatch(folded):
        year, month, day = (int(part) for part in _ISO_DATE.fullmatch(folded).groups())
    else:
        raise ValueError(f"{label.lower()} “{text[:40]}” không phải ngày dạng dd/mm/yyyy")
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"{label.lower()} “{text[:40]}” không có thật") from None
    if not 1945 <= value.year <= 2100:
        raise ValueError(f"{label.lower()} “{text[:40]}” phải trong các năm 1945–2100")
    return value


def _kind(text: str, number: str, issuers: list[Issuer]):
    if not text:
        return recognise(number, issuers=issuers).kind
    wanted = fold(text).replace(" ", "")
    for kind in KINDS:
        if wanted in {kind.code.replace("-", ""), fold(kind.name).replace(" ", ""), fold(kind.abbreviation)} - {""}:
            return kind
    raise ValueError(f"không có loại văn bản “{text[:60]}”")


class Lookups:
    """The federation's issuers and fields, read once, matched without case or marks."""

    def __init__(self):
        self.issuers = list(Issuer.objects.all())
        self.issuer_by_name = {}
        for issuer in self.issuers:
            self.issuer_by_name.setdefault(fold(issuer.name), issuer)
            if issuer.code:
                self.issuer_by_name.setdefault(fold(issuer.code), issuer)
        self.topics = {fold(topic.name): topic for topic in Topic.objects.all()}

    def issuer(self, text: str, number: str) -> Issuer:
        if text:
            found = self.issuer_by_name.get(fold(" ".join(text.split())))
            if found is None:
                raise ValueError(
                    f"không có cơ quan ban hành “{text[:80]}” (ghi đúng tên hoặc chữ viết tắt, hoặc thêm cơ quan ở "
                    "Văn bản → Cơ quan ban hành trước)"
                )
            return found
        found = recognise(number, issuers=self.issuers).issuer
        if found is None:
            raise ValueError("không nhận ra cơ quan ban hành từ số ký hiệu: hãy ghi cột “Cơ quan ban hành”")
        return found

    def topic_list(self, text: str) -> list[Topic]:
        found, unknown = [], []
        for name in filter(None, (" ".join(part.split()) for part in _LIST_SEPARATORS.split(text))):
            topic = self.topics.get(fold(name))
            (found if topic else unknown).append(topic or name)
        if unknown:
            raise ValueError(f"không có lĩnh vực {', '.join(f'“{name[:60]}”' for name in unknown)}")
        return list(dict.fromkeys(found))


def _row(line: int, values: dict[str, str], lookups: Lookups, archive: FileArchive) -> Row:
    """The row as an unsaved document with its fields and files, or ValueError with every problem."""
    problems: list[str] = []

    def attempt(function, *args, default=None):
        try:
            return function(*args)
        except ValidationError as error:
            problems.extend(message.rstrip(".") for message in error.messages)
        except ValueError as error:
            problems.append(str(error))
        return default

    number = attempt(check_number, values.get("sokyhieu", ""), default="")
    kind = issuer = None
    if number:
        kind = attempt(_kind, values.get("loaivanban", ""), number, lookups.issuers)
        if kind is None and not values.get("loaivanban"):
            problems.append("không nhận ra loại văn bản từ số ký hiệu: hãy ghi cột “Loại văn bản”")
        issuer = attempt(lookups.issuer, values.get("coquanbanhanh", ""), number)
    issued_on = attempt(parse_date, values.get("ngaybanhanh", ""), "Ngày ban hành")
    if not values.get("ngaybanhanh"):
        problems.append("thiếu ngày ban hành")
    effective_from = attempt(parse_date, values.get("ngaycohieuluc", ""), "Ngày có hiệu lực")
    effective_until = attempt(parse_date, values.get("ngayhethieuluc", ""), "Ngày hết hiệu lực")
    title = " ".join(values.get("trichyeu", "").split())
    if not title:
        problems.append("thiếu trích yếu")
    topics = attempt(lookups.topic_list, values.get("linhvuc", ""), default=[])
    prefix_text = values.get("quyenhanky", "")
    prefix = PREFIXES.get(fold(prefix_text).rstrip(" .")) if prefix_text else ""
    if prefix is None:
        problems.append(f"quyền hạn ký “{prefix_text[:20]}” phải là TM., KT., TL. hoặc TUQ.")
        prefix = ""
    document = Document(
        number=number,
        number_key=number_key(number),
        kind=kind.code if kind else "",
        issuer=issuer,
        title=title,
        issued_on=issued_on,
        effective_from=effective_from,
        effective_until=effective_until,
        signing_prefix=prefix,
        signing_for=values.get("kythaymat", ""),
        signer_position=values.get("chucvunguoiky", ""),
        signer_name=values.get("nguoiky", ""),
        body=values.get("toanvan", ""),
    )
    if not problems:
        # The model's own rules: lengths, choices, the years, dates in order, who signs for whom.
        excluded = ["slug", "issuer", "number_key", "search_title", "search_text", "version", "status"]
        try:
            document.full_clean(exclude=excluded, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = Document._meta.get_field(name).verbose_name if name != "__all__" else ""
                problems.extend(
                    f"{label}: {message.rstrip('.')}" if label else message.rstrip(".") for message in messages
                )
    attachments = []
    names = [name.strip() for name in _LIST_SEPARATORS.split(values.get("tep", "")) if name.strip()]
    if len(names) > MAX_FILES_PER_ROW:
        problems.append(f"nhiều hơn {MAX_FILES_PER_ROW} tệp")
        names = []
    for name in names:
        if archive.zip is None:
            problems.append(f"dòng có tệp “{name[:80]}” nhưng không kèm tệp ZIP chứa các tệp")
            break
        try:
            member = archive.find(name)
            archive.used.add(member)
            data = archive.read(member)
            checked = check_file(ContentFile(data, name=posixpath.basename(member)))
        except ValueError as error:
            problems.append(str(error))
            continue
        except ValidationError as error:
            problems.append(f"tệp “{name[:80]}”: {error.messages[0].rstrip('.')}")
            continue
        attachments.append(Attachment(posixpath.basename(member), data, hashlib.sha256(data).hexdigest(), checked))
    if problems:
        raise ValueError("; ".join(dict.fromkeys(problems)))
    return Row(line=line, document=document, topics=topics, attachments=attachments)


# --- The whole import ------------------------------------------------------------------


def check(*, table, files=None) -> tuple[list[Row], list[str]]:
    """Every row checked and its files read (nothing written): (rows, notes), or ImportFailed."""
    try:
        rows = read_table(table, max_bytes=MAX_TABLE_BYTES, max_rows=MAX_ROWS)
    except TableUnreadable as failure:
        raise ImportFailed([failure.message]) from None
    headers = set(rows[0][1])
    missing = [column.label for column in COLUMNS if column.required and column.key not in headers]
    if missing:
        known = ", ".join(column.label for column in COLUMNS)
        raise ImportFailed([f"Thiếu cột: {', '.join(missing)}. Các cột đọc được: {known}."])
    unknown = sorted(headers - {column.key for column in COLUMNS} - {""})
    archive = FileArchive(files)
    try:
        lookups = Lookups()
        errors, checked, seen = [], [], {}
        for line, values in rows:
            try:
                row = _row(line, values, lookups, archive)
            except ValueError as error:
                errors.append(f"Dòng {line}: {error}.")
            else:
                key = _key(row.document)
                if key in seen:
                    errors.append(
                        f"Dòng {line}: trùng số ký hiệu, cơ quan ban hành và năm ban hành với dòng {seen[key]}."
                    )
                else:
                    seen[key] = line
                    checked.append(row)
            if len(errors) >= MAX_ERRORS:
                errors.append(f"Dừng kiểm tra sau {MAX_ERRORS} lỗi: hãy sửa các dòng trên rồi nhập lại.")
                break
        if errors:
            raise ImportFailed(errors)
        notes = []
        if unknown:
            notes.append(f"Bỏ qua các cột không dùng: {', '.join(unknown)}.")
        if unused := archive.unused():
            shown = ", ".join(unused[:20]) + (f" và {len(unused) - 20} tệp khác" if len(unused) > 20 else "")
            notes.append(f"Có {len(unused)} tệp trong tệp ZIP không dòng nào nhắc tới, không được nhập: {shown}.")
        return checked, notes
    finally:
        archive.close()


def import_documents(*, table, files=None, user=None, publish: bool = True, dry_run: bool = False) -> ImportResult:
    """Check everything, then write everything in one transaction (see the module's docstring)."""
    rows, notes = check(table=table, files=files)
    result = ImportResult(notes=notes)
    if dry_run:
        existing = _existing(rows)
        result.created = sum(1 for row in rows if _key(row.document) not in existing)
        result.updated = len(rows) - result.created  # at most: unchanged ones are told apart when written
        return result
    stored: list[DocumentFile] = []
    try:
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Nhập văn bản từ tệp")
            if user is not None:
                reversion.set_user(user)
            existing = _existing(rows, lock=True)
            for row in rows:
                _write(row, existing.get(_key(row.document)), user=user, publish=publish, result=result, stored=stored)
    except BaseException as error:
        for attached in stored:  # the rows are rolled back: their files must go too
            attached.file.storage.delete(attached.file.name)
        if isinstance(error, IntegrityError):  # another editor saved the same number meanwhile
            raise ImportFailed(
                ["Trong lúc nhập, văn bản trùng số ký hiệu vừa được thêm ở nơi khác: chưa nhập gì, hãy nhập lại."]
            ) from None
        raise
    return result


def _key(document: Document) -> tuple[int, str, int]:
    """A document's identity: its number restarts every year, so the year is part of it."""
    return document.issuer_id, document.number_key, document.issued_on.year


def _existing(rows: list[Row], *, lock: bool = False) -> dict[tuple[int, str, int], Document]:
    keys = {row.document.number_key for row in rows}
    queryset = Document.objects.filter(number_key__in=keys).prefetch_related("topics", "files")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return {_key(document): document for document in queryset}


def _write(row: Row, current: Document | None, *, user, publish: bool, result: ImportResult, stored: list) -> None:
    new = row.document
    if current is None:
        new.created_by = new.updated_by = user
        if publish:
            new.status = Document.Status.PUBLISHED
        new.save()
        new.topics.set(row.topics)
        result.created += 1
        document, digests = new, set()
    else:
        changed = [name for name in FIELDS if getattr(current, name) != getattr(new, name)]
        topics_changed = {topic.pk for topic in current.topics.all()} != {topic.pk for topic in row.topics}
        for name in changed:
            setattr(current, name, getattr(new, name))
        if changed:
            current.updated_by = user
            current.save()
        if topics_changed:
            current.topics.set(row.topics)
        document = current
        digests = {_digest(attached) for attached in current.files.all()}
        added = [attachment for attachment in row.attachments if attachment.digest not in digests]
        if changed or topics_changed or added:
            result.updated += 1
        else:
            result.unchanged += 1
    order = len(digests)
    for attachment in row.attachments:
        if attachment.digest in digests:
            continue
        digests.add(attachment.digest)
        attached = DocumentFile(document=document, order=order)
        attached.apply_check(attachment.checked)
        attached.file.save(attachment.name, ContentFile(attachment.data), save=False)
        stored.append(attached)
        attached.save()
        order += 1
        result.files += 1
    if row.attachments:
        document.refresh_search_columns()


def _digest(attached: DocumentFile) -> str:
    try:
        with attached.file.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (FileNotFoundError, OSError):
        return ""


# Shown on the admin's import page.
COLUMNS_HELP = (
    "Dòng đầu là tiêu đề cột: "
    + ", ".join(f"{column.label}{' (bắt buộc)' if column.required else ''}" for column in COLUMNS)
    + ". Ngày viết dd/mm/yyyy; nhiều lĩnh vực hoặc nhiều tệp thì cách nhau bằng dấu chấm phẩy."
)
