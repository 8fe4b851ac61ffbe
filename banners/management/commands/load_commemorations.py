from django.core.management.base import BaseCommand, CommandError

from banners.services import CommemorationImportError, import_commemorations, read_commemorations_file


class Command(BaseCommand):
    help = (
        'Nạp danh sách ngày kỷ niệm từ tệp JSON ({"items": [{"event", "origin": "dd/mm/yyyy", "every"}]}). '
        "Không ghi “days_before” và “days_after” thì mục hiện theo tháng; muốn tự đặt thì ghi cả hai. "
        "Chạy lại không tạo trùng; tệp có lỗi thì không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp JSON")

    def handle(self, *args, path, **options):
        try:
            items = read_commemorations_file(path)
            result = import_commemorations(items=items)
        except CommemorationImportError as error:
            raise CommandError(f"{error} Không có thay đổi nào được lưu.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Ngày kỷ niệm: thêm mới {result.created}, cập nhật {result.updated}, giữ nguyên {result.unchanged}."
            )
        )
