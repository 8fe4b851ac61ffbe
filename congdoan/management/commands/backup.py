from django.core.management.base import BaseCommand, CommandError

from congdoan.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (ảnh chụp nhất quán) và thư mục media vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp sao lưu, ví dụ backups/congdoan-2024-07-28.tar.gz")

    def handle(self, *args, path, **options):
        try:
            manifest = create_backup(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Đã sao lưu {rows} bản ghi và {manifest['media_files']} tệp media vào {path}.")
        )
