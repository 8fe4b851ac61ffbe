from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class CongdoanConfig(AppConfig):
    name = "congdoan"
    verbose_name = "Cấu hình trang"

    def ready(self):
        from .cache import on_content_change
        from .signals import normalize_text_fields

        pre_save.connect(normalize_text_fields, dispatch_uid="congdoan-nfc")
        post_save.connect(on_content_change, dispatch_uid="congdoan-content-saved")
        post_delete.connect(on_content_change, dispatch_uid="congdoan-content-deleted")
        m2m_changed.connect(on_content_change, dispatch_uid="congdoan-content-m2m")
