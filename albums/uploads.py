"""Many photos chosen at once in the admin: every file checked as an article photo is
(`congdoan.images.check_image`), and one bad file stops the whole batch with a message naming it."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from congdoan.images import check_image
from congdoan.kept_uploads import TOKEN_SUFFIX, KeptUpload, hold, retrieve

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
    # isdecimal, not isdigit: a part of superscripts ("²") is no number int() reads.
    return [(0, int(part), "") if part.isdecimal() else (1, 0, part) for part in re.split(r"(\d+)", name) if part]


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
    """Several files in one input. Photos chosen in a form that came back with an error
    elsewhere (a missing title, a version conflict) are held as single photos are
    (`congdoan.kept_uploads`): the form carries their tokens and says so, and the next submit
    uses them unless other files are chosen."""

    allow_multiple_selected = True
    kept: list = []

    def value_from_datadict(self, data, files, name):
        chosen = [upload for upload in files.getlist(name) if upload]
        if chosen:
            return chosen
        tokens = data.getlist(name + TOKEN_SUFFIX) if hasattr(data, "getlist") else []
        kept = [retrieve(token) for token in tokens[:MAX_FILES_PER_BATCH] if isinstance(token, str) and token]
        return [upload for upload in kept if upload is not None]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        hidden = format_html_join(
            "", '<input type="hidden" name="{}" value="{}">', ((name + TOKEN_SUFFIX, kept.token) for kept in self.kept)
        )
        note = format_html(
            '<p class="help kept-upload">Vẫn giữ {} ảnh bạn đã chọn ({}): ảnh sẽ được lưu khi bạn bấm Lưu. '
            "Muốn dùng ảnh khác thì chọn lại các tệp.</p>",
            len(self.kept),
            ", ".join(shown_name(kept.name) for kept in self.kept),
        )
        return mark_safe(html + hidden + note)


class KeepPhotosFormMixin:
    """For forms with a MultiplePhotoField: hold its valid photos when the form has other errors."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if not isinstance(field, MultiplePhotoField) or name in self._errors:
                continue
            uploads = self.cleaned_data.get(name) or []
            if self._errors:
                field.widget.kept = [
                    upload if isinstance(upload, KeptUpload) else hold(upload)
                    for upload in uploads
                    if isinstance(upload, (KeptUpload, UploadedFile))
                ]
            else:
                for upload in uploads:
                    if isinstance(upload, KeptUpload):
                        held = upload.held_name
                        transaction.on_commit(lambda held=held: default_storage.delete(held), robust=True)


class MultiplePhotoField(forms.FileField):
    """Several photos in one file input (`<input type="file" multiple>`); cleans to a list."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.kept = []
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [upload for upload in files if upload and hasattr(upload, "size") and hasattr(upload, "name")]
        if not files:
            if self.required:
                raise ValidationError("Hãy chọn ít nhất một ảnh.", code="required")
            return []
        return check_photos(files)
