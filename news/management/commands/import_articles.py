"""python manage.py import_articles FILE.jsonl --federation CODE (docs/import-format.md)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congdoan.models import Federation
from news import importing
from news.archive_files import ArchiveUnreadable, open_archive

PHASES = {"check": "Kiểm tra", "write": "Nhập bài"}
BAR_WIDTH = 30


class ProgressBar:
    """`Kiểm tra [##########--------------------]  1.200/3.600` on one line of a terminal,
    rewritten at most ten times a second; a log (not a terminal) gets a line per tenth."""

    def __init__(self, stream, *, interactive: bool):
        self.stream = stream  # the command's OutputWrapper: `ending` is ours to give
        self.interactive = interactive
        self.phase = None
        self.shown_at = 0.0
        self.shown_tenth = -1

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.finish()
            self.phase, self.shown_tenth = phase, -1
        total = max(total, done, 1)
        tenth = done * 10 // total
        now = time.monotonic()
        if self.interactive:
            if done < total and now - self.shown_at < 0.1:
                return
            self._write("\r" + self._bar(phase, done, total), ending="")
            self.stream.flush()
        elif tenth > self.shown_tenth:
            self._write(self._bar(phase, done, total))
            self.shown_tenth = tenth
        self.shown_at = now

    def _write(self, text: str, ending: str = "\n") -> None:
        # Plain: a terminal's stderr is styled as errors (red) by default.
        self.stream.write(text, style_func=lambda plain: plain, ending=ending)

    def _bar(self, phase: str, done: int, total: int) -> str:
        filled = done * BAR_WIDTH // total
        numbers = f"{importing.grouped(done)}/{importing.grouped(total)}"
        return f"{PHASES[phase]:<9} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {numbers}"

    def finish(self) -> None:
        if self.interactive and self.phase is not None:
            self._write("")
            self.stream.flush()
        self.phase = None


class Command(BaseCommand):
    help = (
        "Nhập bài viết lưu trữ từ tệp JSON Lines (hoặc tệp .zip chứa tệp .jsonl và ảnh) vào một liên đoàn: "
        "giữ thời điểm đăng gốc, chuyển hướng 301 từ địa chỉ cũ. Tệp có dòng sai thì không nhập gì. "
        "Định dạng: docs/import-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .jsonl (ảnh theo đường dẫn tính từ thư mục của tệp) hoặc .zip.")
        parser.add_argument("--federation", required=True, help="Mã liên đoàn nhận bài, ví dụ thainguyen.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không ghi gì.")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, file, federation, dry_run, no_progress, **options):
        target = Federation.objects.filter(code=federation).first()
        if target is None:
            raise CommandError(f"Không có liên đoàn mã “{federation}”.")
        if not target.is_active:
            raise CommandError(
                f"{target} đã hợp nhất vào {target.merged_into}; hãy nhập vào --federation {target.merged_into.code}."
            )
        progress = None
        if not no_progress:
            progress = ProgressBar(self.stderr, interactive=self.stderr.isatty())
        try:
            archive = open_archive(Path(file))
        except ArchiveUnreadable as error:
            raise CommandError(str(error)) from None
        try:
            if dry_run:
                checked = importing.check_archive(archive, federation=target, progress=progress)
                self._finish(progress)
                if checked.problems:
                    self._refuse(checked.problems)
                self.stdout.write(f"Tệp hợp lệ: {importing.grouped(checked.articles)} bài. Chưa nhập gì (--dry-run).")
                return
            try:
                summary = importing.import_archive(archive=archive, federation=target, progress=progress)
            except importing.ImportFailed as failure:
                self._finish(progress)
                self._refuse(failure.problems)
            except importing.ImportInterrupted as error:
                self._finish(progress)
                raise CommandError(f"{error} ({error.__cause__!r})") from None
        finally:
            archive.close()
        self._finish(progress)
        for line in summary.lines():
            self.stdout.write(line)

    def _finish(self, progress) -> None:
        if progress is not None:
            progress.finish()

    def _refuse(self, problems) -> None:
        for problem in problems:
            self.stderr.write(str(problem))
        raise CommandError(f"Chưa nhập gì: tệp có {importing.grouped(len(problems))} lỗi (liệt kê ở trên).")
