from django.apps import AppConfig
from django.db.models.signals import pre_save


class CongdoanConfig(AppConfig):
    name = "congdoan"
    verbose_name = "Cấu hình trang"

    def ready(self):
        from .signals import normalize_text_fields

        pre_save.connect(normalize_text_fields, dispatch_uid="congdoan-nfc")
