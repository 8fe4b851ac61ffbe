"""Model fields shared by the apps."""

from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .sanitize import sanitize_html
from .text import FALLBACK_SLUG, unique_slug, vietnamese_slugify
from .widgets import RichTextWidget

# About 50.000 words, well over 100 printed pages: a real article is 5.000–30.000 characters.
# Longer texts (a whole law) belong in the document register as a file. Counted after
# sanitising, i.e. on what is stored and searched, so pasted Word markup does not count.
RICH_TEXT_MAX_CHARS = 300_000


def validate_rich_text_length(value: str) -> None:
    if value and len(value) > RICH_TEXT_MAX_CHARS:
        raise ValidationError(
            "Nội dung quá dài (%(length)s ký tự sau khi làm sạch định dạng); tối đa %(max)s ký tự, "
            "khoảng 50.000 chữ. Hãy chia thành nhiều bài, hoặc đăng văn bản dài dưới dạng tệp đính kèm.",
            code="too_long",
            params={"length": f"{len(value):,}".replace(",", "."), "max": f"{RICH_TEXT_MAX_CHARS:,}".replace(",", ".")},
        )


class RichTextFormField(RichTextUploadingFormField):
    widget = RichTextWidget

    def clean(self, value):
        # Editors see in the form what will be stored, not a silently different text.
        value = sanitize_html(super().clean(value))
        validate_rich_text_length(value)
        return value


class RichTextField(RichTextUploadingField):
    """CKEditor rich text whose HTML is sanitised with an allowlist on every save."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        validate_rich_text_length(sanitize_html(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})


class SlugFormField(forms.SlugField):
    """What the editor typed, normalised the way the model stores it (so uniqueness is checked
    on the stored value: “Dai-Hoi-” is “dai-hoi” and clashes with an existing “dai-hoi”)."""

    def __init__(self, *, slug_max_length=None, **kwargs):
        self.slug_max_length = slug_max_length
        super().__init__(**kwargs)

    def to_python(self, value):
        return vietnamese_slugify(super().to_python(value) or "", max_length=self.slug_max_length)


class VietnameseSlugField(models.SlugField):
    """The one slug rule for every model with an address.

    On every save (and in admin forms) the value is normalised with `vietnamese_slugify`
    (ASCII, lower case, no leading/trailing dash); left empty, it is made from
    `populate_from` (an attribute or property of the instance) and numbered until unique.
    """

    default_error_messages = {
        "unique": "%(model_name)s khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi.",
    }

    def __init__(self, *args, populate_from: str = "name", fallback: str = FALLBACK_SLUG, **kwargs):
        self.populate_from = populate_from
        self.fallback = fallback
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = vietnamese_slugify(getattr(model_instance, self.attname) or "", max_length=self.max_length)
        if not value:
            source = getattr(model_instance, self.populate_from) or ""
            value = unique_slug(model_instance, source, field_name=self.name, fallback=self.fallback)
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SlugFormField, "slug_max_length": self.max_length, **kwargs})
