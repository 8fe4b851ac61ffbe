from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, pre_save


class CongdoanConfig(AppConfig):
    default = True
    name = "congdoan"
    verbose_name = "Cấu hình trang"
    public_models = ("Federation", "FederationHost")

    def ready(self):
        from .caching.registry import connect_signals
        from .roles import on_post_migrate
        from .signals import normalize_text_fields

        pre_save.connect(normalize_text_fields, dispatch_uid="congdoan-nfc")
        connect_signals()
        post_migrate.connect(on_post_migrate, dispatch_uid="congdoan-role-permissions")


class FederationAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "congdoan.admin_site.FederationAdminSite"
