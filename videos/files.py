"""Checks for uploaded video files (MP4) and their captions (WebVTT), and where they are stored.

An MP4 is a sequence of boxes (ISO/IEC 14496-12): 4-byte size, 4-byte type, content. A file
is accepted when its top-level boxes start with `ftyp` of an MP4 brand, include the index
(`moov`) and the media (`mdat`), and add up to exactly the file's size (a truncated or
padded upload does not); and when no track is encoded in a format most browsers cannot play
(HEVC, from recent phones). The boxes are read by seeking: a 300 MB file is not read whole.
"""

import os
import struct

from django.core.exceptions import ValidationError
from django.utils import timezone

from congdoan.images import clean_filename

VIDEO_MAX_BYTES = 300 * 1024 * 1024  # about 10 minutes of 720p; longer films belong on YouTube
CAPTIONS_MAX_BYTES = 512 * 1024  # an hour of dense subtitles is about 100 KB
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"mmp4", b"dash"}
UNPLAYABLE_CODECS = {b"hvc1": "HEVC (H.265)", b"hev1": "HEVC (H.265)"}
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
MAX_BOXES = 10_000
MOOV_MAX_BYTES = 32 * 1024 * 1024

NOT_MP4 = "Tệp này không phải là video MP4 hợp lệ (có thể tệp bị hỏng hoặc tải lên chưa hết). Chỉ nhận video MP4."


def _not_mp4() -> ValidationError:
    return ValidationError(NOT_MP4, code="not_mp4")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _boxes(read, start: int, end: int):
    """(type, content start, box end) of each box between start and end; ValidationError if they
    do not tile the range exactly."""
    position, count = start, 0
    while position < end:
        count += 1
        if count > MAX_BOXES:
            raise _not_mp4()
        header = read(position, 8)
        if len(header) < 8:
            raise _not_mp4()
        size, kind = struct.unpack(">I4s", header)
        content = position + 8
        if size == 1:
            large = read(position + 8, 8)
            if len(large) < 8:
                raise _not_mp4()
            size = struct.unpack(">Q", large)[0]
            content += 8
        elif size == 0:
            size = end - position
        if size < content - position or position + size > end or not all(32 <= byte < 127 for byte in kind):
            raise _not_mp4()
        yield kind, content, position + size
        position += size


def _codecs(moov: bytes) -> set[bytes]:
    """Sample entry types (avc1, mp4a, hvc1…) of every track, from the `moov` box's contents."""

    def read(offset, length):
        return moov[offset : offset + length]

    found = set()

    def walk(start, end):
        for kind, content, box_end in _boxes(read, start, end):
            if kind in _CONTAINERS:
                walk(content, box_end)
            elif kind == b"stsd" and box_end - content >= 16:
                # version/flags (4), entry count (4), then the first entry: size (4), type (4).
                found.add(moov[content + 12 : content + 16])

    walk(0, len(moov))
    return found


def check_mp4(file) -> None:
    size = file.size or 0
    if size > VIDEO_MAX_BYTES:
        raise ValidationError(
            "Video quá lớn (%(size)s MB); tối đa %(max)s MB. "
            "Video dài hơn nên đăng lên YouTube rồi dán địa chỉ vào đây.",
            code="too_large",
            params={"size": _megabytes(size), "max": VIDEO_MAX_BYTES // 1024 // 1024},
        )
    extension = os.path.splitext(getattr(file, "name", "") or "")[1].lower()
    if extension != ".mp4":
        raise ValidationError("Chỉ nhận video MP4 (tên tệp có đuôi .mp4).", code="bad_extension")
    position = file.tell() if hasattr(file, "tell") else 0

    def read(offset, length):
        file.seek(offset)
        return file.read(length)

    try:
        boxes = list(_boxes(read, 0, size))
        kinds = [kind for kind, _, _ in boxes]
        if not boxes or kinds[0] != b"ftyp" or b"moov" not in kinds or b"mdat" not in kinds:
            raise _not_mp4()
        _, ftyp_start, _ = boxes[0]
        if read(ftyp_start, 4) not in MP4_BRANDS:
            raise _not_mp4()
        _, moov_start, moov_end = boxes[kinds.index(b"moov")]
        if moov_end - moov_start > MOOV_MAX_BYTES:
            raise _not_mp4()
        codecs = _codecs(read(moov_start, moov_end - moov_start))
    except (OSError, struct.error, ValueError):
        raise _not_mp4() from None
    finally:
        file.seek(position)
    unplayable = sorted({UNPLAYABLE_CODECS[codec] for codec in codecs if codec in UNPLAYABLE_CODECS})
    if unplayable:
        raise ValidationError(
            "Video được mã hóa %(codec)s, nhiều trình duyệt không phát được. Hãy xuất lại video dạng H.264 "
            "(trên điện thoại: chọn “Tương thích nhất” trong phần cài đặt máy ảnh) rồi tải lên lại.",
            code="unplayable_codec",
            params={"codec": ", ".join(unplayable)},
        )


def check_webvtt(file) -> None:
    """A WebVTT caption file: UTF-8 text starting with the WEBVTT line, with at least one cue."""
    size = file.size or 0
    if size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            "Tệp phụ đề quá lớn (%(size)s KB); tối đa %(max)s KB.",
            code="too_large",
            params={"size": size // 1024, "max": CAPTIONS_MAX_BYTES // 1024},
        )
    extension = os.path.splitext(getattr(file, "name", "") or "")[1].lower()
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        raw = file.read()
    finally:
        file.seek(position)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    valid = (
        extension == ".vtt"
        and text is not None
        and "\x00" not in text
        and text.startswith("WEBVTT")
        and (len(text) == 6 or text[6] in " \t\r\n")
        and "-->" in text
    )
    if not valid:
        raise ValidationError(
            "Tệp phụ đề phải là tệp WebVTT (đuôi .vtt, mã UTF-8, dòng đầu là WEBVTT, có ít nhất một đoạn "
            "thời gian “00:00:01.000 --> 00:00:04.000”). Tệp .srt có thể đổi sang .vtt bằng các công cụ phụ đề.",
            code="not_webvtt",
        )


def validate_mp4(file) -> None:
    check_mp4(file)


def validate_webvtt(file) -> None:
    check_webvtt(file)


def _dated(folder: str, filename: str) -> str:
    local = timezone.localtime()
    return f"upload/{folder}/nam-{local:%Y}/thang-{local:%m.%Y}/{clean_filename(filename)}"


def video_upload_to(instance, filename: str) -> str:
    return _dated("video", filename)


def captions_upload_to(instance, filename: str) -> str:
    return _dated("phu-de", filename)
