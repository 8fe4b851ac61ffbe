from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from congdoan.models import SiteIdentity

# Each app that has demo content provides `<app>/demo.py` with `load(*, stdout)`.
# Order matters: campaigns link to news articles; the contest hangs on the demo contest campaign.
DEMO_APPS = ["news", "banners", "campaigns", "contests"]


class Command(BaseCommand):
    help = "Nạp nội dung mẫu (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        with transaction.atomic():
            identity, created = SiteIdentity.objects.get_or_create(pk=1)
            self.stdout.write(f"Thông tin đơn vị: {'đã tạo' if created else 'đã có'} ({identity.full_name}).")
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name == f"{app}.demo":
                    continue
                raise
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong nội dung mẫu."))
