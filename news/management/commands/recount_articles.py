"""`python manage.py recount_articles [--federation CODE] [--check]`: set every section's and
tag's kept count of published articles to the real one (see news.counts)."""

from django.core.management.base import BaseCommand, CommandError

from congdoan.models import Federation
from news.counts import recount


class Command(BaseCommand):
    help = "Đếm lại số bài đã duyệt đăng của từng chuyên mục và thẻ, sửa chỗ lệch."

    def add_arguments(self, parser):
        parser.add_argument("--federation", help="Mã liên đoàn (mặc định: mọi liên đoàn).")
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra, không sửa; lệch thì báo lỗi.")

    def handle(self, *args, federation=None, check=False, **options):
        ids = None
        if federation:
            found = Federation.objects.filter(code=federation).first()
            if found is None:
                raise CommandError(f"Không có liên đoàn mã “{federation}”.")
            ids = [found.pk]
        corrected = recount(ids, dry_run=check)
        wrong = f"{corrected['sections']} chuyên mục, {corrected['tags']} thẻ"
        if check and any(corrected.values()):
            raise CommandError(f"Số bài lệch ở {wrong}.")
        self.stdout.write(f"{'Đã kiểm tra' if check else 'Đã đếm lại'}: lệch ở {wrong}.")
