"""A photo chosen in an admin form survives a validation error elsewhere in the form.

Browsers never re-send a file: after any error (a missing title, a version conflict) the
re-rendered page would silently drop the cover the editor had chosen. Instead the valid upload
is kept in a holding folder of the media storage, and the form carries a signed token to it in
a hidden field, with a visible note next to the file input; the next submit uses it unless
another file is chosen or the photo is cleared. Held files are removed once used, and any left
over (the editor gave up) after `MAX_AGE` when the next one is held.
"""

import secrets

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .images import clean_filename
from .versioning import VersionCheckAdminMixin, VersionCheckFormMixin

HOLDING_DIR = "tmp/anh-dang-giu"
SALT = "congdoan.kept-upload"
MAX_AGE = 24 * 3600  # seconds: an editor may leave a form open over lunch, not over days
TOKEN_SUFFIX = "__giu"


class KeptUpload(File):
    """A held file, presented to the form like a fresh upload."""

    def __init__(self, handle, *, name: str, held_name: str, token: str):
        super().__init__(handle, name=name)
        self.held_name = held_name
        self.token = token


def _purge_stale() -> None:
    try:
        folders, _ = default_storage.listdir(HOLDING_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now().timestamp() - MAX_AGE
    for folder in folders:
        path = f"{HOLDING_DIR}/{folder}"
        _, files = default_storage.listdir(path)
        for name in files:
            if default_storage.get_modified_time(f"{path}/{name}").timestamp() < cutoff:
                default_storage.delete(f"{path}/{name}")


def hold(upload) -> KeptUpload:
    """Copy a valid upload into the holding folder; return it with its signed token."""
    _purge_stale()
    upload.seek(0)
    held_name = default_storage.save(f"{HOLDING_DIR}/{secrets.token_hex(16)}/{clean_filename(upload.name)}", upload)
    upload.seek(0)
    return retrieve(signing.dumps(held_name, salt=SALT))


def retrieve(token: str) -> KeptUpload | None:
    """The held file a token points at, or None for a forged, expired or used token."""
    try:
        held_name = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(held_name, str) or not held_name.startswith(f"{HOLDING_DIR}/"):
        return None
    if ".." in held_name or not default_storage.exists(held_name):
        return None
    handle = default_storage.open(held_name)
    return KeptUpload(handle, name=held_name.rsplit("/", 1)[-1], held_name=held_name, token=token)


class KeptFileInput(AdminFileWidget):
    """The admin's file input, plus the held file's token and a note saying it is kept."""

    kept: KeptUpload | None = None

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None:  # no new file chosen and "clear" not ticked
            token = data.get(name + TOKEN_SUFFIX)
            if isinstance(token, str) and token:
                return retrieve(token)
        return value

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        note = format_html(
            '<input type="hidden" name="{}" value="{}"><p class="help kept-upload">Vẫn giữ ảnh “{}” bạn đã chọn: '
            "ảnh sẽ được lưu khi bạn bấm Lưu. Muốn dùng ảnh khác thì chọn tệp khác.</p>",
            name + TOKEN_SUFFIX,
            self.kept.token,
            self.kept.name,
        )
        return mark_safe(html + note)


class KeepUploadsFormMixin:
    """For ModelForms with KeptFileInput widgets: hold valid uploads when the form has errors."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if not isinstance(field.widget, KeptFileInput) or name in self._errors:
                continue
            value = self.cleaned_data.get(name)
            if self._errors and isinstance(value, UploadedFile):
                field.widget.kept = hold(value)
            elif self._errors and isinstance(value, KeptUpload):
                field.widget.kept = value
            elif isinstance(value, KeptUpload):
                # Used: the saved copy lives in the photo's own folder from now on.
                transaction.on_commit(lambda held=value.held_name: default_storage.delete(held), robust=True)


class KeptUploadsAdminMixin:
    """For ModelAdmins whose form includes KeepUploadsFormMixin: image fields keep their file."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs["widget"] = KeptFileInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PhotoAdminForm(KeepUploadsFormMixin, VersionCheckFormMixin, forms.ModelForm):
    """The admin form of a versioned model with photos (campaigns, slides)."""


class PhotoAdminMixin(KeptUploadsAdminMixin, VersionCheckAdminMixin):
    form = PhotoAdminForm
