from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from legal.services import erase_expired_contacts


class Command(BaseCommand):
    help = (
        "Xóa họ tên, số điện thoại, thư điện tử, nơi làm việc của người hỏi sau thời hạn lưu giữ "
        "(LEGAL_CONTACT_RETENTION_MONTHS tháng kể từ khi trả lời hoặc từ chối). Chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--thang", type=int, default=None, help="Số tháng lưu giữ (mặc định: LEGAL_CONTACT_RETENTION_MONTHS)."
        )

    def handle(self, *args, **options):
        months = options["thang"] if options["thang"] is not None else settings.LEGAL_CONTACT_RETENTION_MONTHS
        count = erase_expired_contacts(now=timezone.now(), months=months)
        self.stdout.write(f"Đã xóa thông tin liên hệ của {count} câu hỏi quá {months} tháng.")
