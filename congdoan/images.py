"""Validation and storage paths for uploaded photos (editor uploads, covers, slides)."""

import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from .text import vietnamese_slugify

# Pillow format name → (extension we store, extensions accepted on the way in).
ALLOWED_FORMATS = {
    "JPEG": ("jpg", {"jpg", "jpeg", "jpe"}),
    "PNG": ("png", {"png"}),
    "WEBP": ("webp", {"webp"}),
    "GIF": ("gif", {"gif"}),
}
UPLOAD_ROOT = "upload/images"


@dataclass(frozen=True)
class CheckedImage:
    format: str
    extension: str
    width: int
    height: int


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_image(file) -> CheckedImage:
    """Return what `file` really is, or raise ValidationError with a message for editors.

    Accepts only JPEG/PNG/WebP/GIF whose name's extension matches the format Pillow
    detects, at most IMAGE_UPLOAD_MAX_BYTES and IMAGE_UPLOAD_MAX_PIXELS. The pixel
    count is read from the header, so a decompression bomb is refused before decoding.
    """
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            "Ảnh quá lớn (%(size)s MB); tối đa %(max)s MB.",
            code="too_large",
            params={"size": f"{file.size / 1024 / 1024:.1f}".replace(".", ","), "max": max_bytes // 1024 // 1024},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                    raise _too_many_pixels()
                image.verify()
            # verify() reads only the headers (for JPEG, next to nothing): a truncated or
            # corrupt photo passes it and fails later when renditions are made. Decode it
            # once; JPEGs at 1/8 scale (draft), which still reads every byte of the data.
            file.seek(0)
            with Image.open(file) as image:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            "Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.",
            code="not_an_image",
        ) from None
    finally:
        file.seek(position)

    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "Định dạng %(format)s không được nhận. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.",
            code="bad_format",
            params={"format": image_format or "không rõ"},
        )
    stored_extension, accepted = ALLOWED_FORMATS[image_format]
    extension = _extension(getattr(file, "name", ""))
    if extension not in accepted:
        raise ValidationError(
            "Tên tệp có đuôi “.%(ext)s” nhưng nội dung là ảnh %(format)s. Hãy đặt đúng đuôi tệp.",
            code="extension_mismatch",
            params={"ext": extension or "(không có)", "format": image_format},
        )
    return CheckedImage(image_format, stored_extension, width, height)


def _too_many_pixels() -> ValidationError:
    megapixels = settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000
    return ValidationError(
        "Ảnh có quá nhiều điểm ảnh; tối đa %(max)s megapixel.", code="too_many_pixels", params={"max": megapixels}
    )


def validate_image_upload(file) -> None:
    """Model/form field validator wrapping `check_image`."""
    check_image(file)


def dated_upload_dir(now=None, folder: str = "") -> str:
    """`upload/images/nam-2024/thang-07.2024` for the current day in the site's zone, inside
    `folder` (the editor's uploads: `upload/images/thainguyen/nam-2024/…`)."""
    local = timezone.localtime(now)
    root = f"{UPLOAD_ROOT}/{folder}" if folder else UPLOAD_ROOT
    return f"{root}/nam-{local:%Y}/thang-{local:%m.%Y}"


def clean_filename(name: str, extension: str | None = None) -> str:
    stem, original_extension = os.path.splitext(os.path.basename(name or ""))
    extension = (extension or original_extension.lstrip(".")).lower()
    if extension == "jpeg":
        extension = "jpg"
    stem = vietnamese_slugify(stem, max_length=80) or "anh"
    return f"{stem}.{extension}" if extension else stem


def dated_upload_to(instance, filename: str) -> str:
    """`upload_to` for ImageFields: the dated folder and a readable ASCII name."""
    return f"{dated_upload_dir()}/{clean_filename(filename)}"
