from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.forms.widgets import Media


class RichTextWidget(CKEditorUploadingWidget):
    """CKEditor with the uploader pointed at our hardened, CSRF-protected view."""

    @property
    def media(self):
        return super().media + Media(js=["congdoan/ckeditor-csrf.js"])
