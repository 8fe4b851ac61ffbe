from django.core.management.base import BaseCommand, CommandError

from congdoan.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu: THAY THẾ toàn bộ dữ liệu hiện có; thư mục media trở lại đúng như "
        "trong bản sao lưu (tệp thêm vào sau khi sao lưu bị xoá)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận.")

    def handle(self, *args, path, yes, **options):
        if not yes and options.get("interactive", True):
            answer = input("Toàn bộ dữ liệu và tệp media hiện tại sẽ bị thay thế. Gõ 'dong y' để tiếp tục: ")
            if answer.strip().lower() != "dong y":
                raise CommandError("Đã hủy khôi phục.")
        try:
            manifest = restore_backup(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        message = f"Đã khôi phục {rows} bản ghi và {manifest['media_files']} tệp media."
        if removed := manifest["removed_media"]:
            shown = ", ".join(removed[:10]) + (", …" if len(removed) > 10 else "")
            message += f" Đã xoá {len(removed)} tệp media không có trong bản sao lưu: {shown}."
        self.stdout.write(self.style.SUCCESS(message))
