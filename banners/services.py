"""Importing commemorations from a JSON list (used by `load_commemorations` and the demo)."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from .anniversaries import DEFAULT_PREFIX, EVERY_CHOICES, MAX_WINDOW_DAYS
from .models import Commemoration

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "commemorations.json"


class CommemorationImportError(ValueError):
    """A message for editors naming the item that is wrong."""


@dataclass(frozen=True)
class CommemorationData:
    event: str
    origin: date
    every: int = 1
    # Both None: the monthly rule; both set: a window of days around the anniversary.
    days_before: int | None = None
    days_after: int | None = None
    prefix: str = DEFAULT_PREFIX


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _parse_origin(value, label: str) -> date:
    if not isinstance(value, str):
        raise CommemorationImportError(f"{label}: thiếu ngày gốc “origin” dạng dd/mm/yyyy.")
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise CommemorationImportError(
            f"{label}: ngày gốc “{value}” không hợp lệ, cần một ngày có thật dạng dd/mm/yyyy."
        ) from None


def _parse_int(item: dict, key: str, default: int, label: str, *, allowed=None, maximum=None) -> int:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CommemorationImportError(f"{label}: “{key}” phải là số nguyên không âm, nhận được {value!r}.")
    if allowed is not None and value not in allowed:
        allowed_text = ", ".join(str(a) for a in allowed)
        raise CommemorationImportError(f"{label}: “{key}” phải là một trong {allowed_text}, nhận được {value}.")
    if maximum is not None and value > maximum:
        raise CommemorationImportError(f"{label}: “{key}” tối đa {maximum}, nhận được {value}.")
    return value


def _parse_window(item: dict, label: str) -> tuple[int | None, int | None]:
    before, after = (
        None if item.get(key) is None else _parse_int(item, key, 0, label, maximum=MAX_WINDOW_DAYS)
        for key in ("days_before", "days_after")
    )
    if (before is None) != (after is None):
        raise CommemorationImportError(
            f"{label}: “days_before” và “days_after” phải có cả hai, hoặc bỏ cả hai để hiện theo tháng."
        )
    return before, after


def parse_commemorations(data) -> list[CommemorationData]:
    """Validate the whole list first; raise CommemorationImportError naming the first bad item."""
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise CommemorationImportError(
            "Tệp phải là danh sách các mục, hoặc một đối tượng có khoá “items” là danh sách."
        )
    parsed = []
    seen = set()
    for number, item in enumerate(items, start=1):
        label = f"Mục số {number}"
        if not isinstance(item, dict):
            raise CommemorationImportError(f"{label}: phải là một đối tượng có “event” và “origin”.")
        event = item.get("event")
        if not isinstance(event, str) or not event.strip():
            raise CommemorationImportError(f"{label}: thiếu tên sự kiện “event”.")
        event = event.strip()
        label = f"Mục số {number} (“{event}”)"
        if len(event) > 255:
            raise CommemorationImportError(f"{label}: tên sự kiện dài quá 255 ký tự.")
        origin = _parse_origin(item.get("origin"), label)
        prefix = item.get("prefix", DEFAULT_PREFIX)
        if not isinstance(prefix, str) or len(prefix) > 60:
            raise CommemorationImportError(f"{label}: “prefix” phải là chuỗi tối đa 60 ký tự.")
        days_before, days_after = _parse_window(item, label)
        entry = CommemorationData(
            event=event,
            origin=origin,
            every=_parse_int(item, "every", 1, label, allowed=EVERY_CHOICES),
            days_before=days_before,
            days_after=days_after,
            prefix=prefix.strip() or DEFAULT_PREFIX,
        )
        if (entry.event, entry.origin) in seen:
            raise CommemorationImportError(f"{label}: trùng với một mục phía trên (cùng sự kiện và ngày gốc).")
        seen.add((entry.event, entry.origin))
        parsed.append(entry)
    return parsed


def read_commemorations_file(path) -> list[CommemorationData]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise CommemorationImportError(f"Không tìm thấy tệp {path}.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommemorationImportError(f"Tệp {path} không phải JSON hợp lệ: {error}.") from None
    return parse_commemorations(data)


@transaction.atomic
def import_commemorations(*, items: list[CommemorationData]) -> ImportResult:
    """Create or update by (event, origin): running it twice creates nothing new."""
    created = updated = unchanged = 0
    for entry in items:
        fields = {
            "every": entry.every,
            "days_before": entry.days_before,
            "days_after": entry.days_after,
            "prefix": entry.prefix,
        }
        existing = Commemoration.objects.filter(event=entry.event, origin=entry.origin).first()
        if existing is None:
            Commemoration.objects.create(event=entry.event, origin=entry.origin, **fields)
            created += 1
        elif any(getattr(existing, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.save()
            updated += 1
        else:
            unchanged += 1
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
