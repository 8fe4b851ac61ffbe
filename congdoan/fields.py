"""Model fields shared by the apps."""

from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField

from .sanitize import sanitize_html
from .widgets import RichTextWidget


class RichTextFormField(RichTextUploadingFormField):
    widget = RichTextWidget

    def clean(self, value):
        # Editors see in the form what will be stored, not a silently different text.
        return sanitize_html(super().clean(value))


class RichTextField(RichTextUploadingField):
    """CKEditor rich text whose HTML is sanitised with an allowlist on every save."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})
