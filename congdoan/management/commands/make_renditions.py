from django.apps import apps
from django.core.management.base import BaseCommand

from congdoan.photos import PhotoModel


class Command(BaseCommand):
    help = "Đo lại và tạo lại các bản ảnh thu nhỏ (renditions) của mọi ảnh: ảnh bài viết, ảnh bìa, ảnh đầu trang…"

    def handle(self, *args, **options):
        done = failed = 0
        for model in apps.get_models():
            if not issubclass(model, PhotoModel):
                continue
            with_photo = model._base_manager.none()
            for field in model.photo_fields:
                with_photo = with_photo | model._base_manager.exclude(**{field: ""})
            fields = ["pk", *model.photo_fields, *(size for sizes in model.photo_fields.values() for size in sizes)]
            for obj in with_photo.only(*fields).order_by("pk").iterator(chunk_size=200):
                try:
                    done += obj.regenerate_renditions()
                except (OSError, ValueError) as error:
                    failed += 1
                    self.stderr.write(f"{model._meta.verbose_name} {obj.pk}: không tạo được ảnh ({error}).")
        self.stdout.write(self.style.SUCCESS(f"Đã tạo lại {done} ảnh; lỗi: {failed}."))
