from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from congdoan.caching.registry import demo_loaders
from congdoan.tenancy import default_federation


class Command(BaseCommand):
    help = "Nạp nội dung mẫu (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        with transaction.atomic():
            federation = default_federation()
            self.stdout.write(f"Liên đoàn mặc định: {federation.full_name}.")
        # Each app that ships demo content names its module (`demo_module` in its AppConfig).
        for _order, _label, module in demo_loaders():
            import_module(module).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong nội dung mẫu."))
