from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from congdoan import demo_network
from congdoan.caching.registry import demo_loaders
from congdoan.tenancy import activate


class Command(BaseCommand):
    help = "Nạp nội dung mẫu (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        with transaction.atomic():
            federations = demo_network.set_up()
        for code, federation in federations.items():
            hosts = ", ".join(federation.hosts.values_list("host", flat=True)) or "—"
            self.stdout.write(f"Liên đoàn {federation.short_name} ({code}): {hosts}.")
        main = federations[demo_network.DEFAULT]
        others = [federations[demo_network.NATIONAL], federations[demo_network.OTHER]]
        # Each app that ships demo content names its module (`demo_module` in its AppConfig):
        # `load()` fills the main federation; `load_for(federation)`, where a module has it,
        # gives the national union and Sơn La their own, smaller content.
        for _order, _label, module_path in demo_loaders():
            module = import_module(module_path)
            load_for = getattr(module, "load_for", None)
            if load_for is not None:
                with activate(others[0]):
                    load_for(others[0], stdout=self.stdout)
            with activate(main):
                module.load(stdout=self.stdout)
            if load_for is not None:
                with activate(others[1]):
                    load_for(others[1], stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong nội dung mẫu."))
