"""python manage.py import_documents TABLE.csv [--files FILES.zip] --federation CODE (docs/import-documents.md)."""

from contextlib import nullcontext
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from congdoan.models import Federation
from congdoan.tenancy import activate
from documents import importing


class Command(BaseCommand):
    help = (
        "Nhập văn bản từ bảng (.csv hoặc .xlsx, mỗi dòng một văn bản) và tệp .zip chứa các tệp văn bản vào một "
        "liên đoàn. Kiểm tra toàn bộ trước; có dòng sai thì không nhập gì. Định dạng: docs/import-documents.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("table", help="Bảng văn bản: tệp .csv hoặc .xlsx.")
        parser.add_argument("--files", help="Tệp .zip chứa các tệp mà cột “Tệp” nhắc tới.")
        parser.add_argument("--federation", required=True, help="Mã liên đoàn nhận văn bản, ví dụ thainguyen.")
        parser.add_argument("--draft", action="store_true", help="Văn bản mới để ở trạng thái bản nháp, chưa đăng.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì.")

    def handle(self, *args, table, files, federation, draft, dry_run, **options):
        target = Federation.objects.filter(code=federation).first()
        if target is None:
            raise CommandError(f"Không có liên đoàn mã “{federation}”.")
        if not target.is_active:
            raise CommandError(f"{target} đã hợp nhất vào {target.merged_into}; hãy nhập vào liên đoàn đó.")
        paths = [Path(table), *([Path(files)] if files else [])]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"Không có tệp “{path}”.")
        opened_zip = paths[1].open("rb") if files else nullcontext()
        with paths[0].open("rb") as table_file, opened_zip as zip_file, activate(target):
            try:
                result = importing.import_documents(
                    table=File(table_file, name=paths[0].name), files=zip_file, publish=not draft, dry_run=dry_run
                )
            except importing.ImportFailed as failure:
                for error in failure.errors:
                    self.stderr.write(error)
                raise CommandError(f"Không nhập gì: {len(failure.errors)} lỗi (liệt kê ở trên).") from None
        for note in result.notes:
            self.stdout.write(note)
        if dry_run:
            self.stdout.write(
                f"Tệp hợp lệ: {result.created} văn bản mới, {result.updated} văn bản đã có (chưa ghi gì: --dry-run)."
            )
        else:
            self.stdout.write(self.style.SUCCESS(result.summary()))
