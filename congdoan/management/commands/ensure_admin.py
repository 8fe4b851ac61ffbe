import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo (hoặc đặt lại mật khẩu) tài khoản quản trị cục bộ và in mật khẩu ra màn hình."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, created = User.objects.get_or_create(username=username, defaults={"email": "admin@localhost"})
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        action = "Đã tạo" if created else "Đã đặt lại mật khẩu cho"
        self.stdout.write(self.style.SUCCESS(f"{action} tài khoản quản trị: {username} / mật khẩu: {password}"))
