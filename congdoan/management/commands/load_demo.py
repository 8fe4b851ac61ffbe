from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from congdoan.caching.registry import demo_loaders
from congdoan.models import SiteIdentity


class Command(BaseCommand):
    help = "Nạp nội dung mẫu (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        with transaction.atomic():
            identity, created = SiteIdentity.objects.get_or_create(pk=1)
            self.stdout.write(f"Thông tin đơn vị: {'đã tạo' if created else 'đã có'} ({identity.full_name}).")
        # Each app that ships demo content names its module (`demo_module` in its AppConfig).
        for _order, _label, module in demo_loaders():
            import_module(module).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong nội dung mẫu."))
