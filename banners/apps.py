from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class BannersConfig(AppConfig):
    name = "banners"
    verbose_name = "Ảnh đầu trang và băng chữ"

    def ready(self):
        from .models import Commemoration, Slide, Slogan, TickerSettings
        from .signals import banners_changed

        for model in (Slide, Slogan, Commemoration, TickerSettings):
            post_save.connect(banners_changed, sender=model, dispatch_uid=f"banners-save-{model.__name__}")
            post_delete.connect(banners_changed, sender=model, dispatch_uid=f"banners-delete-{model.__name__}")
