"""Many photos chosen at once in the admin: every file checked as an article photo is
(`congdoan.images.check_image`), and one bad file stops the whole batch with a message naming it."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from congdoan.images import check_image

# A batch is one form post: 60 photos of 10 MB is already 600 MB through the proxy. Django
# refuses more than DATA_UPLOAD_MAX_NUMBER_FILES (100) files with a 400 page before any form
# runs, so the form's own limit sits well below it and answers in the form.
MAX_FILES_PER_BATCH = 60
NAME_SHOWN = 80


def shown_name(name: str) -> str:
    """A file name as an error message may print it: no control or direction marks (an RTL
    override in a name would reverse the sentence around it), at most NAME_SHOWN characters."""
    text = "".join(char for char in (name or "") if unicodedata.category(char) not in ("Cc", "Cf"))
    text = " ".join(text.split()) or "(không tên)"
    return text if len(text) <= NAME_SHOWN else text[: NAME_SHOWN - 1] + "…"


def _natural_key(upload) -> list:
    """IMG_2.jpg before IMG_10.jpg: cameras and phones number their photos."""
    name = (getattr(upload, "name", "") or "").casefold()
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name) if part]


def check_photos(files) -> list:
    """The files in name order, or ValidationError listing every file that is not a photo we accept."""
    if len(files) > MAX_FILES_PER_BATCH:
        raise ValidationError(
            "Mỗi lần chỉ tải lên tối đa %(max)s ảnh (bạn đã chọn %(count)s). Hãy chia thành nhiều lần.",
            code="too_many_files",
            params={"max": MAX_FILES_PER_BATCH, "count": len(files)},
        )
    errors = []
    for upload in files:
        try:
            if not upload.size:
                raise ValidationError("Tệp trống, không có nội dung.", code="empty")
            check_image(upload)
        except ValidationError as error:
            for message in error.messages:
                errors.append(
                    ValidationError(
                        "Ảnh “%(name)s”: %(message)s",
                        code="bad_photo",
                        params={"name": shown_name(upload.name), "message": message},
                    )
                )
    if errors:
        errors.append(
            ValidationError(
                "Chưa lưu ảnh nào của lần tải này. Hãy bỏ các tệp trên rồi chọn lại các ảnh.", code="nothing_saved"
            )
        )
        raise ValidationError(errors)
    return sorted(files, key=_natural_key)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one file input (`<input type="file" multiple>`); cleans to a list."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [upload for upload in files if upload and hasattr(upload, "size") and hasattr(upload, "name")]
        if not files:
            if self.required:
                raise ValidationError("Hãy chọn ít nhất một ảnh.", code="required")
            return []
        return check_photos(files)
