"""Timestamps as the federation's articles print them."""

from datetime import datetime

from django.utils import timezone


def gmt_offset(value: datetime) -> str:
    """ "GMT +07:00" for a time in Asia/Ho_Chi_Minh."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"GMT {sign}{hours:02d}:{minutes:02d}"


def _stamp(label: str, value: datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    local = timezone.localtime(value)
    return f"{label} {local:%H:%M - %d/%m/%Y} ({gmt_offset(local)})"


def updated_line(value: datetime | None) -> str:
    """`Cập nhật lúc 20:59 - 23/11/2023 (GMT +07:00)` in the site's time zone.

    The federation's wording for an article's publish time (what the reader sees under the title)."""
    return _stamp("Cập nhật lúc", value)


def revised_line(value: datetime | None) -> str:
    """`Sửa đổi, bổ sung lúc 10:15 - 08/03/2022 (GMT +07:00)`: a recorded content update."""
    return _stamp("Sửa đổi, bổ sung lúc", value)
