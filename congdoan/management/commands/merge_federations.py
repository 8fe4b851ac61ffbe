from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from congdoan.caching import CacheUnavailable
from congdoan.merging import (
    LISTED,
    AlreadyMerged,
    MergeRefused,
    MergeReport,
    find_federations,
    grouped,
    merge_federations,
    plan_merge,
)


class ProgressBar:
    """`[##########··········]  50% (7.500/15.000 bản ghi)` on one line, redrawn as rows move."""

    WIDTH = 30

    def __init__(self, stream, total: int):
        self.stream, self.total, self.done, self._shown = stream, total, 0, None

    def advance(self, count: int) -> None:
        self.done += count
        self._draw()

    def _draw(self) -> None:
        share = self.done / self.total if self.total else 1
        filled = round(self.WIDTH * share)
        line = (
            f"\rĐang chuyển [{'#' * filled}{'·' * (self.WIDTH - filled)}] {round(share * 100):3d}% "
            f"({grouped(self.done)}/{grouped(self.total)} bản ghi)"
        )
        if line != self._shown:
            self.stream.write(line, ending="")
            self.stream.flush()
            self._shown = line

    def finish(self) -> None:
        self._draw()
        self.stream.write("")
        self.stream.flush()


def report_lines(report: MergeReport) -> list[str]:
    """The before/after report, as the command prints it."""
    plan = report.plan
    source, target = plan.source.code, plan.target.code
    after = {count.label: count for count in report.counts_after}
    header = ["loại nội dung", f"trước: {source}", target, "tổng", f"sau: {source}", target, "tổng"]
    rows = [
        [
            count.name,
            *map(grouped, (count.source, count.target, count.total)),
            *map(grouped, (after[count.label].source, after[count.label].target, after[count.label].total)),
        ]
        for count in plan.counts
        if count.total or after[count.label].total  # kinds neither federation has are left out
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]

    def line(cells):
        numbers = zip(cells[1:], widths[1:], strict=True)
        placed = [cells[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in numbers)]
        return "  " + "  ".join(placed)

    lines = ["Số bản ghi theo loại nội dung:", line(header), *map(line, rows)]
    lines.append(
        f"Gộp vào mục đã có của {plan.target.short_name} (cùng đường dẫn hoặc cùng khóa): "
        f"{grouped(len(plan.combinations))}"
    )
    lines += [f"  {combination.name}: {combination.key}" for combination in plan.combinations[:LISTED]]
    if len(plan.combinations) > LISTED:
        lines.append(f"  … và {grouped(len(plan.combinations) - LISTED)} mục khác")
    lines.append(f"Đổi tên vì trùng với {plan.target.short_name}: {grouped(len(plan.renames))}")
    for rename in plan.renames[:LISTED]:
        address = f" ({rename.old_url} → {rename.new_url})" if rename.old_url else ""
        lines.append(f"  {rename.name}: {rename.old} → {rename.new}{address}")
    if len(plan.renames) > LISTED:
        lines.append(f"  … và {grouped(len(plan.renames) - LISTED)} mục khác")
    lines.append(f"Chuyển hướng 301 ghi cho tên miền cũ: {grouped(report.redirects_recorded)}")
    for move in plan.roles:
        already = f", đã là {move.target_role} ở {target}" if move.target_role else ""
        lines.append(f"Tài khoản {move.username}: {move.source_role} ở {source}{already} → {move.kept_role}")
    if plan.hosts:
        lines.append(
            f"Tên miền cũ chuyển hẳn (301) về tên miền chính của {plan.target.short_name}: {', '.join(plan.hosts)}"
        )
    if plan.archived:
        lines.append(f"Chuyển sang ở trạng thái tắt: {', '.join(plan.archived)}.")
    lines.append("Tệp ảnh và tệp tải lên giữ nguyên chỗ: địa chỉ của chúng không đổi.")
    lines.append(f"Lịch sử sửa đổi chuyển theo: {grouped(report.history_rewritten)} phiên bản.")
    lines += [f"Lưu ý: {warning}" for warning in plan.warnings]
    verdict = "khớp: không mất gì" if report.intact else "KHÔNG khớp"
    lines.append(f"Mã kiểm tra nội dung (sha256) trước: {report.checksum_before}")
    lines.append(f"Mã kiểm tra nội dung (sha256) sau:   {report.checksum_after} ({verdict})")
    return lines


class Command(BaseCommand):
    help = (
        "Hợp nhất một liên đoàn vào liên đoàn khác: chuyển toàn bộ nội dung, tài khoản và tên miền; "
        "tên miền cũ chuyển hẳn (301) mọi địa chỉ cũ sang địa chỉ mới. Ví dụ: "
        "manage.py merge_federations --from backan --into thainguyen"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", default="", help="Mã liên đoàn được hợp nhất, ví dụ backan.")
        parser.add_argument("--into", dest="target", default="", help="Mã liên đoàn nhận, ví dụ thainguyen.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chạy thử: làm đủ mọi bước rồi hủy, in báo cáo, không lưu gì."
        )

    def handle(self, *args, source, target, dry_run, **options):
        if not source or not target:
            raise CommandError("Hãy ghi cả hai mã: --from <mã liên đoàn được hợp nhất> --into <mã liên đoàn nhận>.")
        try:
            source_federation, target_federation = find_federations(source_code=source, target_code=target)
            plan = plan_merge(source=source_federation, target=target_federation)
        except AlreadyMerged as done:
            self.stdout.write(str(done))
            return
        except MergeRefused as refused:
            raise CommandError(str(refused)) from None
        mode = " (chạy thử, không lưu)" if dry_run else ""
        self.stdout.write(
            f"Hợp nhất {plan.source.short_name} ({plan.source.code}) vào "
            f"{plan.target.short_name} ({plan.target.code}){mode}."
        )
        bar = ProgressBar(self.stderr, plan.rows_to_move)
        try:
            report = merge_federations(
                source=source_federation, target=target_federation, dry_run=dry_run, progress=bar.advance
            )
        except AlreadyMerged as done:
            self.stdout.write(str(done))
            return
        except MergeRefused as refused:
            raise CommandError(str(refused)) from None
        except DatabaseError as error:
            raise CommandError(
                "Cơ sở dữ liệu từ chối một bước của việc hợp nhất nên đã hủy toàn bộ, không có gì thay đổi. "
                f"Chi tiết kỹ thuật: {error}"
            ) from None
        except CacheUnavailable:
            raise CommandError(
                "Không làm mới được bộ nhớ đệm (Redis không trả lời): chưa hợp nhất, không có gì thay đổi. "
                "Hãy thử lại khi Redis hoạt động."
            ) from None
        bar.finish()
        for text in report_lines(report):
            self.stdout.write(text)
        if dry_run:
            self.stdout.write(self.style.WARNING("Chạy thử: không có gì được lưu."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã hợp nhất {plan.source.short_name} vào {plan.target.short_name}."))
