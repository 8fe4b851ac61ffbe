"""Where an archive import reads from (news.importing): a .jsonl file with its folder of
photos, a .zip holding both, or a .jsonl uploaded alone in the admin.

Covers are looked up only inside the archive's folder (no `../`, no absolute path, no
symbolic link leading out); a ZIP's members are measured from its directory before anything
is unpacked, so a small upload cannot unpack into gigabytes.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile

from congdoan.images import check_image

# One line is one article: a 300.000-character body (the stored maximum) is at most 1,2 MB
# of UTF-8; pasted Word markup can triple that before sanitising.
MAX_LINE_BYTES = 4 * 1024 * 1024
BINARY_SNIFF_BYTES = 8192


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


class Archive:
    """A JSON Lines file and the folder its cover paths are relative to."""

    name = ""

    def open_lines(self) -> BinaryIO:
        raise NotImplementedError

    def cover(self, path: str) -> File:
        """The cover at `path` as a File named like it; ValueError with the reason if none."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class ArchiveUnreadable(Exception):
    """The file as a whole cannot be read (a broken ZIP, a binary file)."""


def _outside(path: str) -> bool:
    return (
        not path
        or "\x00" in path
        or PurePosixPath(path).is_absolute()
        or PureWindowsPath(path).is_absolute()
        or bool(PureWindowsPath(path).drive)
        or ".." in PurePosixPath(path.replace("\\", "/")).parts
    )


class FolderArchive(Archive):
    """A .jsonl file on disk; covers are files in its folder (or below it)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = self.path.name
        self.folder = self.path.resolve().parent

    def open_lines(self) -> BinaryIO:
        return self.path.open("rb")

    def cover(self, path: str) -> File:
        if _outside(path):
            raise ValueError(f"đường dẫn ảnh “{path}” phải nằm trong thư mục của tệp .jsonl.")
        full = (self.folder / path).resolve()
        if not full.is_relative_to(self.folder):  # a symbolic link leading out
            raise ValueError(f"đường dẫn ảnh “{path}” phải nằm trong thư mục của tệp .jsonl.")
        if not full.is_file():
            raise ValueError(f"không tìm thấy tệp ảnh “{path}”.")
        return File(full.open("rb"), name=full.name)


class UploadedJsonLines(Archive):
    """A .jsonl file uploaded alone in the admin: it has no folder, so no covers."""

    def __init__(self, upload):
        self.upload = upload
        self.name = upload.name or ""

    def open_lines(self) -> BinaryIO:
        self.upload.seek(0)
        return _Unclosed(self.upload.file)

    def cover(self, path: str) -> File:
        raise ValueError(
            f"không có tệp ảnh “{path}”: tệp .jsonl tải lên một mình không kèm ảnh. "
            "Hãy nén tệp .jsonl cùng thư mục ảnh thành một tệp .zip rồi tải tệp .zip lên."
        )


class _Unclosed:
    """The uploaded file, handed out for reading without being closed afterwards."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self.handle

    def __exit__(self, *exc):
        return False


ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
              zlib.error, ValueError)  # fmt: skip
BROKEN_ZIP = "Tệp ZIP bị hỏng hoặc không đọc được (có thể tải lên chưa hết, hoặc có mật khẩu)."


class ZipArchive(Archive):
    """A .zip holding one .jsonl file; cover paths are relative to that file's folder inside it."""

    def __init__(self, file, *, name: str, max_jsonl_bytes: int | None = None):
        self.name = name
        try:
            self.zip = zipfile.ZipFile(file)
            members = [
                info
                for info in self.zip.infolist()
                if not info.is_dir()
                and info.filename.lower().endswith(".jsonl")
                and not info.filename.startswith("__MACOSX/")
            ]
        except ZIP_ERRORS:
            raise ArchiveUnreadable(BROKEN_ZIP) from None
        if len(members) != 1:
            raise ArchiveUnreadable(f"Tệp ZIP phải chứa đúng một tệp .jsonl (đang có {len(members)}).")
        self.member = members[0]
        if max_jsonl_bytes is not None and self.member.file_size > max_jsonl_bytes:
            raise ArchiveUnreadable(
                f"Tệp {self.member.filename} trong tệp ZIP quá lớn ({megabytes(self.member.file_size)} MB khi "
                f"giải nén); tối đa {max_jsonl_bytes // 1024 // 1024} MB."
            )
        self.folder = posixpath.dirname(self.member.filename)

    def open_lines(self) -> BinaryIO:
        return self.zip.open(self.member)

    def cover(self, path: str) -> File:
        if _outside(path):
            raise ValueError(f"đường dẫn ảnh “{path}” phải nằm trong thư mục của tệp .jsonl.")
        member = posixpath.normpath(posixpath.join(self.folder, path.replace("\\", "/")))
        try:
            info = self.zip.getinfo(member)
        except KeyError:
            raise ValueError(f"không tìm thấy tệp ảnh “{path}” trong tệp ZIP.") from None
        if info.file_size > settings.IMAGE_UPLOAD_MAX_BYTES:
            # Measured from the ZIP's directory: a "photo" that unpacks to gigabytes is never read.
            try:
                check_image(_SizeOnly(info.file_size))
            except ValidationError as error:
                raise ValueError(f"ảnh “{path}”: {error.messages[0]}") from None
        try:
            data = self.zip.read(info)
        except ZIP_ERRORS:
            raise ValueError(f"không đọc được tệp ảnh “{path}” trong tệp ZIP (tệp ZIP bị hỏng).") from None
        return ContentFile(data, name=posixpath.basename(member))

    def close(self) -> None:
        self.zip.close()


class _SizeOnly:
    """A stand-in asking `check_image` about the size alone (it checks that before reading)."""

    name = ""

    def __init__(self, size: int):
        self.size = size


def open_archive(path: Path) -> Archive:
    """The archive at `path`: a .zip (by its content) or a .jsonl file with its folder."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveUnreadable(f"Không có tệp “{path}”.")
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    if is_zip or path.suffix.lower() == ".zip":
        return ZipArchive(path, name=path.name)
    return FolderArchive(path)


def open_upload(upload, *, max_jsonl_bytes: int) -> Archive:
    """The archive of an admin upload: a .zip with the covers, or a .jsonl file alone."""
    upload.seek(0)
    is_zip = upload.read(4) == b"PK\x03\x04"
    upload.seek(0)
    if is_zip or (upload.name or "").lower().endswith(".zip"):
        return ZipArchive(upload.file, name=upload.name, max_jsonl_bytes=max_jsonl_bytes)
    return UploadedJsonLines(upload)


def _raw_lines(handle) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) of every line; None for a line longer than MAX_LINE_BYTES (skipped)."""
    number = offset = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ArchiveUnreadable("Tệp được lưu bằng bảng mã UTF-16; hãy lưu lại bằng UTF-8.")
        # Text never holds a zero byte: a file that does early on is not text at all.
        if offset < BINARY_SNIFF_BYTES and b"\x00" in raw[: BINARY_SNIFF_BYTES - offset]:
            raise ArchiveUnreadable(
                "Tệp không phải văn bản JSON Lines (có dữ liệu nhị phân). Hãy chọn tệp .jsonl, "
                "hoặc tệp .zip chứa tệp .jsonl cùng các ảnh."
            )
        offset += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while True:  # skip the rest of the line
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, raw


def count_lines(archive: Archive) -> int:
    """How many lines the file has (for the progress bar), read in blocks."""
    total, last = 0, b"\n"
    try:
        with archive.open_lines() as handle:
            while block := handle.read(1024 * 1024):
                total += block.count(b"\n")
                last = block[-1:]
    except ZIP_ERRORS:
        raise ArchiveUnreadable(_unreadable(archive)) from None
    return total + (last != b"\n")


@contextmanager
def read_lines(archive: Archive) -> Iterator[Iterator[tuple[int, bytes | None]]]:
    """The archive's lines (see `_raw_lines`); a file that breaks while being read (a ZIP
    cut short, a disk error) raises ArchiveUnreadable, whichever line it was at."""
    try:
        handle = archive.open_lines()
    except ZIP_ERRORS:
        raise ArchiveUnreadable(_unreadable(archive)) from None
    with handle as opened:
        yield _guarded(archive, _raw_lines(opened))


def _guarded(archive: Archive, lines: Iterator) -> Iterator[tuple[int, bytes | None]]:
    while True:
        try:
            item = next(lines)
        except StopIteration:
            return
        except ZIP_ERRORS:
            raise ArchiveUnreadable(_unreadable(archive)) from None
        yield item


def _unreadable(archive: Archive) -> str:
    if isinstance(archive, ZipArchive):
        return BROKEN_ZIP
    return "Không đọc được tệp (không có quyền đọc, hoặc lỗi ổ đĩa)."
