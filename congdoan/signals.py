from django.db import models

from .text import nfc


def normalize_text_fields(sender, instance, raw=False, **kwargs):
    """Store every text field in NFC so search and uniqueness see one spelling."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname, None)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))
