"""Archive import: another site's articles, from a JSON Lines file (docs/import-format.md).

A federation leaving its old website brings its archive with it: each article keeps its
original publish time, its old address answers a 301 to the new one on the federation's
hosts (`congdoan.models.Redirect`, answered by the tenancy middleware), and nothing of a bad
file is written:

1. The whole file is checked first (`check_archive`): every line that is not a good article
   is reported by its number with the reason in Vietnamese, and if there is one, nothing is
   written. The check reads the covers too (congdoan.images: a real JPEG/PNG/WebP/GIF).
2. Then the articles are written, `BATCH_SIZE` to a transaction, so an import of thousands
   does not hold SQLite's single write lock for minutes (editors' saves wait at most 20 s).
   Should the machine stop mid-way, the articles already committed stay and running the
   import again finishes it: an article is recognised by its original URL.

Importing again is idempotent: an article already imported whose line is unchanged is left
alone ("không đổi"); one whose line changed gets the changed fields written ("cập nhật"),
the file being the source of what it carries; the previous version stays in its history.
Its slug and status are never touched, and its redirect follows its current address.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.encoding import escape_uri_path, iri_to_uri

from congdoan.fields import RICH_TEXT_MAX_CHARS
from congdoan.images import check_image, clean_filename
from congdoan.models import Redirect
from congdoan.sanitize import sanitize_html
from congdoan.tenancy import activate
from congdoan.text import nfc, vietnamese_slugify

from .archive_files import (
    MAX_LINE_BYTES,
    Archive,
    ArchiveUnreadable,
    count_lines,
    read_lines,
)
from .models import Article, Section, Tag
from .services import publish

SITE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_RAW_BODY_CHARS = 2_000_000  # before sanitising; the sanitiser's time grows with it
MAX_TAGS = 30
MAX_ERRORS = 1000  # a file that is wrong throughout (a wrong export) says so in 1.000 lines
BATCH_SIZE = 50  # articles per transaction: with covers, a few seconds of SQLite's write lock
EARLIEST_YEAR = 1900  # as every date of the admin (congdoan.admin_input)
MAX_OLD_PATH = Redirect._meta.get_field("old_path").max_length

FIELDS = {
    # key in the file: (what editors call it, longest value allowed)
    "original_url": ("địa chỉ gốc", Article._meta.get_field("original_url").max_length),
    "title": ("tiêu đề", Article._meta.get_field("title").max_length),
    "sapo": ("sapo", Article._meta.get_field("sapo").max_length),
    "body": ("nội dung", MAX_RAW_BODY_CHARS),
    "section": ("chuyên mục", Section._meta.get_field("name").max_length),
    "tags": ("thẻ", None),
    "byline_name": ("tên tác giả", Article._meta.get_field("byline_name").max_length),
    "byline_position": ("chức vụ, đơn vị tác giả", Article._meta.get_field("byline_position").max_length),
    "source": ("nguồn tin", Article._meta.get_field("source").max_length),
    "published_at": ("thời điểm đăng gốc", None),
    "cover": ("ảnh đại diện", None),
}
COVER_FIELDS = {
    "file": ("tệp ảnh", 500),
    "caption": ("chú thích ảnh", Article._meta.get_field("cover_caption").max_length),
    "credit": ("nguồn ảnh", Article._meta.get_field("cover_credit").max_length),
    "alt": ("mô tả ảnh", Article._meta.get_field("cover_alt").max_length),
}
TAG_KINDS = {"topic": Tag.Kind.TOPIC, "place": Tag.Kind.PLACE}
TAG_NAME_MAX = Tag._meta.get_field("name").max_length
REQUIRED = ("original_url", "title", "section", "published_at")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?",
    re.ASCII,
)
_URL = URLValidator(schemes=["http", "https"])


# --- What goes wrong, and what is reported ------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason a file was refused: of a line (numbered from 1), or of the whole file."""

    line: int | None
    message: str

    def __str__(self):
        return f"Dòng {self.line}: {self.message}" if self.line else self.message


class ImportFailed(Exception):
    """Nothing was written; `problems` lists every reason, in Vietnamese."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class ImportInterrupted(Exception):
    """A write failed after the check (disk full, database gone): the batches before it stay."""


def grouped(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# --- One line: an article, or the reasons it is not one -------------------------------------


@dataclass(frozen=True)
class ArticleRecord:
    """One checked line, with every value as it will be stored."""

    line: int
    original_url: str
    old_path: str  # path and query of the original URL, as a request for it arrives
    title: str
    sapo: str
    body: str
    section: str
    tags: tuple[tuple[str, str], ...]  # (name, kind)
    byline_name: str
    byline_position: str
    source: str
    published_at: datetime
    cover_file: str
    cover_caption: str
    cover_credit: str
    cover_alt: str


def _text_problem(value: str) -> str | None:
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return "chứa ký tự Unicode không hợp lệ (nửa cặp thay thế)"
        if (code < 0x20 and char not in "\t\n\r") or 0x7F <= code <= 0x9F:
            return f"chứa ký tự điều khiển U+{code:04X}"
    return None


class _Line:
    """Reads the values of one line, collecting every problem instead of stopping at the first."""

    def __init__(self, number: int, data: dict):
        self.number = number
        self.data = data
        self.problems: list[str] = []

    def text(
        self, key, *, label: str, limit: int | None, one_line=True, source=None, required=False, shown=None
    ) -> str:
        """The text at `key` of `source` (the line), trimmed and in NFC; "" and a problem if bad.
        `shown` is how the key is written in messages (`cover.alt`)."""
        source = self.data if source is None else source
        shown = shown or key
        value = source.get(key)
        if value is None or value == "":
            if required:
                self.problems.append(f"thiếu {label} ({shown}).")
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{label} ({shown}) phải là một chuỗi chữ trong dấu ngoặc kép.")
            return ""
        problem = _text_problem(value)
        if problem:
            self.problems.append(f"{label} ({shown}) {problem}.")
            return ""
        value = nfc(" ".join(value.split()) if one_line else value.strip())
        if not value and required:
            self.problems.append(f"thiếu {label} ({shown}).")
        if limit is not None and len(value) > limit:
            self.problems.append(f"{label} ({shown}) dài {grouped(len(value))} ký tự; tối đa {grouped(limit)}.")
            return ""
        return value

    def unknown_keys(self, source: dict, known, prefix: str = "") -> None:
        for key in source:
            if key not in known:
                self.problems.append(f"có trường không được nhận “{prefix}{key}”.")


def _published_at(line: _Line, now: datetime) -> datetime | None:
    value = line.data.get("published_at")
    if value is None or value == "":
        line.problems.append("thiếu thời điểm đăng gốc (published_at).")
        return None
    if not isinstance(value, str):
        line.problems.append(
            "thời điểm đăng gốc (published_at) phải là một chuỗi chữ, ví dụ “2022-03-07T08:53:00+07:00”."
        )
        return None
    text = value.strip()
    strange = next((char for char in text if not char.isascii()), None)
    if strange is not None:
        visible = f" “{strange}”" if unicodedata.category(strange)[0] not in "CZ" else ""
        line.problems.append(
            f"thời điểm đăng gốc (published_at) có ký tự lạ U+{ord(strange):04X}{visible}: chỉ dùng chữ số 0–9 "
            "thường, không dùng chữ số kiểu khác, chỉ số trên hay ký tự ẩn."
        )
        return None
    if not _ISO_DATETIME.fullmatch(text):
        line.problems.append(
            f"thời điểm đăng gốc (published_at) “{text[:40]}” không đúng dạng ISO 8601, "
            "ví dụ 2022-03-07T08:53:00+07:00 (hoặc 2022-03-07 08:53 theo giờ Việt Nam)."
        )
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        line.problems.append(f"thời điểm đăng gốc (published_at) “{text}” không có thật (ngày, giờ hoặc múi giờ sai).")
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=SITE_ZONE)
    if moment.year < EARLIEST_YEAR:
        line.problems.append(f"thời điểm đăng gốc (published_at) “{text}” trước năm {EARLIEST_YEAR}.")
        return None
    if moment > now:
        line.problems.append(
            f"thời điểm đăng gốc (published_at) “{text}” còn ở tương lai; bài lưu trữ phải là bài đã đăng."
        )
        return None
    return moment


def old_path_of(url: str) -> str:
    """The path and query of `url` as Django sees a request for it (`request.get_full_path()`)."""
    parts = urlsplit(url)
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{iri_to_uri(parts.query)}" if parts.query else path


def _original_url(line: _Line) -> tuple[str, str]:
    label, limit = FIELDS["original_url"]
    url = line.text("original_url", label=label, limit=limit, required=True)
    if not url:
        return "", ""
    try:
        _URL(url)
    except ValidationError:
        line.problems.append(
            f"địa chỉ gốc (original_url) “{url[:200]}” không phải địa chỉ http:// hoặc https:// đầy đủ."
        )
        return "", ""
    old_path = old_path_of(url)
    if old_path == "/":
        line.problems.append(f"địa chỉ gốc (original_url) “{url}” là trang chủ, không phải địa chỉ của một bài.")
        return "", ""
    if len(old_path) > MAX_OLD_PATH:
        line.problems.append(
            f"đường dẫn của địa chỉ gốc (original_url) dài {grouped(len(old_path))} ký tự; tối đa {MAX_OLD_PATH}."
        )
        return "", ""
    return url, old_path


def _tags(line: _Line) -> tuple[tuple[str, str], ...]:
    value = line.data.get("tags")
    if value is None:
        return ()
    if not isinstance(value, list):
        line.problems.append("thẻ (tags) phải là một danh sách [ … ].")
        return ()
    if len(value) > MAX_TAGS:
        line.problems.append(f"có {grouped(len(value))} thẻ (tags); tối đa {MAX_TAGS}.")
        return ()
    tags, seen = [], set()
    for index, item in enumerate(value, start=1):
        label = f"tên thẻ thứ {index}"
        if isinstance(item, str):
            name = line.text(index, label=label, limit=TAG_NAME_MAX, source={index: item}, required=True, shown="tags")
            kind = Tag.Kind.TOPIC
        elif isinstance(item, dict):
            line.unknown_keys(item, ("name", "kind"), prefix=f"tags[{index}].")
            name = line.text("name", label=label, limit=TAG_NAME_MAX, source=item, required=True, shown="tags")
            kind_value = item.get("kind", "topic")
            kind = TAG_KINDS.get(kind_value) if isinstance(kind_value, str) else None
            if kind is None:
                shown = str(kind_value)[:40]
                line.problems.append(
                    f"thẻ thứ {index}: loại “{shown}” không có; chỉ nhận topic (chủ đề) hoặc place (địa danh)."
                )
                continue
        else:
            line.problems.append(f'thẻ thứ {index} phải là tên thẻ, hoặc {{"name": …, "kind": …}}.')
            continue
        key = vietnamese_slugify(name) or name.lower()
        if name and key not in seen:
            seen.add(key)
            tags.append((name, str(kind)))
    return tuple(tags)


def _cover(line: _Line) -> tuple[str, str, str, str]:
    value = line.data.get("cover")
    if value is None:
        return "", "", "", ""
    if not isinstance(value, dict):
        line.problems.append('ảnh đại diện (cover) phải là một đối tượng {"file": …, "caption": …, …}.')
        return "", "", "", ""
    line.unknown_keys(value, COVER_FIELDS, prefix="cover.")
    found = {
        key: line.text(key, label=label, limit=limit, source=value, required=key == "file", shown=f"cover.{key}")
        for key, (label, limit) in COVER_FIELDS.items()
    }
    if found["file"] and not (found["alt"] or found["caption"]):
        line.problems.append(
            "ảnh đại diện cần mô tả ảnh (cover.alt) cho người khiếm thị, hoặc ít nhất chú thích ảnh (cover.caption)."
        )
    return found["file"], found["caption"], found["credit"], found["alt"] or found["caption"]


def parse_line(number: int, raw: bytes | None, *, now: datetime) -> tuple[ArticleRecord | None, list[str]]:
    """The article on line `number`, or None and every reason it is not one (or None, [] for a blank line)."""
    if raw is None:
        return None, [f"dòng quá dài (hơn {MAX_LINE_BYTES // 1024 // 1024} MB); một bài viết không dài như vậy."]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, ["không phải văn bản UTF-8 (có thể tệp được lưu bằng bảng mã Windows-1258 hoặc TCVN3); "
                      "hãy lưu tệp bằng UTF-8."]  # fmt: skip
    text = (text.removeprefix("\ufeff") if number == 1 else text).rstrip("\r\n")
    if not text.strip():
        return None, []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [f"không phải JSON hợp lệ (lỗi ở cột {error.colno})."]
    except RecursionError:
        return None, ["không phải JSON đọc được (lồng nhau quá sâu)."]
    except ValueError:
        return None, ["không phải JSON hợp lệ (có số quá dài)."]
    if not isinstance(data, dict):
        return None, ["mỗi dòng phải là một đối tượng JSON {…} mô tả một bài viết."]

    line = _Line(number, data)
    line.unknown_keys(data, FIELDS)
    original_url, old_path = _original_url(line)
    values = {
        key: line.text(key, label=label, limit=limit, one_line=key not in ("sapo", "body"), required=key in REQUIRED)
        for key, (label, limit) in FIELDS.items()
        if key in ("title", "sapo", "body", "section", "byline_name", "byline_position", "source")
    }
    if values["body"]:
        cleaned = sanitize_html(values["body"])
        if len(cleaned) > RICH_TEXT_MAX_CHARS:
            line.problems.append(
                f"nội dung (body) dài {grouped(len(cleaned))} ký tự sau khi làm sạch định dạng; "
                f"tối đa {grouped(RICH_TEXT_MAX_CHARS)}."
            )
    tags = _tags(line)
    published_at = _published_at(line, now)
    cover_file, caption, credit, alt = _cover(line)
    if line.problems:
        return None, line.problems
    return (
        ArticleRecord(
            line=number,
            original_url=original_url,
            old_path=old_path,
            tags=tags,
            published_at=published_at,
            cover_file=cover_file,
            cover_caption=caption,
            cover_credit=credit,
            cover_alt=alt,
            **values,
        ),
        [],
    )


# --- The whole file --------------------------------------------------------------------------


Progress = Callable[[str, int, int], None]  # (phase, lines done, lines in all)


@dataclass
class CheckResult:
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, message: str) -> bool:
        """Record a problem; False once there are too many to go on."""
        self.problems.append(Problem(line, message))
        if len(self.problems) >= MAX_ERRORS:
            self.problems.append(
                Problem(None, f"Dừng kiểm tra sau {grouped(MAX_ERRORS)} lỗi; hãy sửa các lỗi trên rồi thử lại.")
            )
            return False
        return True


def _records(archive: Archive, now: datetime) -> Iterator[tuple[int, ArticleRecord | None, list[str]]]:
    """(number, record or None, problems) of every line: the file is read a line at a time."""
    with read_lines(archive) as lines:
        for number, raw in lines:
            record, problems = parse_line(number, raw, now=now)
            yield number, record, problems


def _check_cover(archive: Archive, path: str) -> str | None:
    try:
        file = archive.cover(path)
    except ValueError as error:
        return str(error)
    try:
        check_image(file)
    except ValidationError as error:
        return f"ảnh “{path}”: {error.messages[0]}"
    finally:
        file.close()
    return None


def check_archive(
    archive: Archive,
    *,
    federation,
    now: datetime | None = None,
    max_articles: int | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check every line and cover of `archive`, and that its old addresses are free on
    `federation`; nothing is written."""
    now = now or timezone.now()
    result = CheckResult()
    urls: dict[str, int] = {}
    paths: dict[str, tuple[int, str]] = {}
    slugs: dict[str, list[int]] = {}  # sections given by address: they must exist
    try:
        total = count_lines(archive) if progress else 0
        for number, record, problems in _records(archive, now):
            if progress:
                progress("check", number, total)
            if record is None and not problems:
                continue
            result.articles += 1
            if max_articles is not None and result.articles > max_articles:
                result.add(
                    None,
                    f"Tệp có hơn {grouped(max_articles)} bài; trên trang quản trị mỗi lần nhập tối đa "
                    f"{grouped(max_articles)} bài. Hãy chia nhỏ tệp, hoặc nhờ quản trị hệ thống chạy lệnh "
                    "python manage.py import_articles.",
                )
                break
            if record is not None:
                if record.original_url in urls:
                    problems.append(f"địa chỉ gốc (original_url) trùng với dòng {urls[record.original_url]}.")
                elif record.old_path in paths:
                    problems.append(
                        f"đường dẫn của địa chỉ gốc (original_url) “{record.old_path}” trùng với dòng "
                        f"{paths[record.old_path][0]}."
                    )
                else:
                    urls[record.original_url] = number
                    paths[record.old_path] = (number, record.original_url)
                if _is_slug(record.section):
                    slugs.setdefault(record.section, []).append(number)
                if record.cover_file:
                    problem = _check_cover(archive, record.cover_file)
                    if problem:
                        problems.append(problem)
            if not all(result.add(number, message) for message in problems):
                break
    except ArchiveUnreadable as error:  # says it all: the lines read before it are no file to fix
        result.problems = [Problem(None, str(error))]
        return result
    if not result.articles and not result.problems:
        result.add(None, "Tệp không có bài viết nào.")
    if len(result.problems) < MAX_ERRORS:
        with activate(federation):
            for number, message in [*_missing_sections(slugs), *_taken_old_paths(federation, paths)]:
                if not result.add(number, message):
                    break
        result.problems.sort(key=lambda problem: problem.line or 0)
    return result


def _is_slug(value: str) -> bool:
    return "-" in value and value == vietnamese_slugify(value)


def _missing_sections(slugs: dict[str, list[int]]) -> Iterator[tuple[int, str]]:
    """A section written as an address ("chinh-sach-phap-luat") names an existing one: a new
    section needs its name with its diacritics, which an address has lost."""
    known = set(Section.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))
    for slug, numbers in slugs.items():
        if slug not in known:
            for number in numbers:
                yield (
                    number,
                    (
                        f"chưa có chuyên mục có đường dẫn “{slug}”; để tạo chuyên mục mới, hãy ghi tên chuyên mục "
                        "(có dấu) thay cho đường dẫn."
                    ),
                )


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _serves_a_page(new_path: str) -> bool:
    """Whether a recorded redirect still leads somewhere (a deleted article's does not)."""
    if new_path.startswith(("http://", "https://")):
        return True
    try:
        match = resolve(urlsplit(new_path).path)
    except Resolver404:
        return False
    if match.view_name == "news:article":
        return Article.objects.filter(slug=match.kwargs.get("slug", "")).exists()
    return True


def _taken_old_paths(federation, paths: dict[str, tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Lines whose old address already leads elsewhere on this federation's hosts (a merge's
    redirect, another archive's article): the file cannot take it over silently."""
    for chunk in _chunks(sorted(paths)):
        recorded = dict(
            Redirect.objects.filter(federation=federation, old_path__in=chunk).values_list("old_path", "new_path")
        )
        if not recorded:
            continue
        ours = set(
            Article.objects.filter(original_url__in=[paths[path][1] for path in recorded]).values_list(
                "original_url", flat=True
            )
        )
        for path, new_path in sorted(recorded.items()):
            number, url = paths[path]
            if url not in ours and _serves_a_page(new_path):
                yield (
                    number,
                    (
                        f"đường dẫn cũ “{path}” đã được chuyển hướng tới “{new_path}” (một bài khác hoặc một lần hợp "
                        "nhất); bỏ dòng này, hoặc nhờ quản trị hệ thống xóa chuyển hướng cũ."
                    ),
                )


# --- Writing ----------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    federation: object
    articles: int = 0
    created: int = 0
    unchanged: int = 0
    updated: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (line, title, changed fields)
    redirects: int = 0  # recorded, or changed to follow the article
    sections_created: list[str] = field(default_factory=list)
    tags_created: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, in Vietnamese, one line each."""
        found = [
            f"Đã nhập {grouped(self.articles)} bài vào {self.federation} ({self.federation.code}): "
            f"{grouped(self.created)} bài mới, {grouped(len(self.updated))} bài cập nhật, "
            f"{grouped(self.unchanged)} bài không đổi; {grouped(self.redirects)} chuyển hướng mới hoặc sửa.",
        ]
        if self.sections_created:
            found.append(f"Chuyên mục mới (ẩn khỏi trình đơn): {', '.join(self.sections_created)}.")
        if self.tags_created:
            found.append(f"Thẻ mới: {', '.join(self.tags_created)}.")
        found += [f"Cập nhật dòng {line} “{title}”: {', '.join(changed)}." for line, title, changed in self.updated]
        return found


def _folded(name: str) -> str:
    return " ".join(nfc(name).casefold().split())


class _Writer:
    """Writes checked records, a batch per transaction, finding or creating sections and tags."""

    def __init__(self, *, archive: Archive, federation, user, summary: ImportSummary):
        self.archive = archive
        self.federation = federation
        self.user = user
        self.summary = summary
        self.committed = 0  # articles of the batches written so far
        self.sections: dict[str, Section] = {}
        # A name shared by a section and a sub-section means the top-level one.
        for section in sorted(Section.objects.all(), key=lambda found: (found.parent_id is not None, found.pk)):
            self.sections[section.slug] = section
            self.sections.setdefault(_folded(section.name), section)
        self.tags = {tag.slug: tag for tag in Tag.objects.all()}

    def section(self, value: str) -> Section:
        """The section named or addressed `value` (its slug, its name in any case, or the slug its
        name makes), created hidden from the menu if there is none."""
        slug = vietnamese_slugify(value, max_length=Section._meta.get_field("slug").max_length)
        found = self.sections.get(value) or self.sections.get(_folded(value)) or self.sections.get(slug)
        if found is None:
            found = Section.objects.create(name=value, show_in_menu=False)
            self.sections[found.slug] = self.sections[_folded(value)] = found
            self.summary.sections_created.append(value)
        return found

    def tag(self, name: str, kind: str) -> Tag:
        """The tag with the slug `name` makes (kept as the editors set it), else a new one."""
        slug = vietnamese_slugify(name, max_length=Tag._meta.get_field("slug").max_length)
        found = self.tags.get(slug) if slug else None
        if found is None:
            found = Tag.objects.create(name=name, kind=kind)
            self.tags[found.slug] = found
            self.summary.tags_created.append(name)
        return found

    def write(self, batch: list[ArticleRecord]) -> None:
        stored: list[str] = []
        try:
            with transaction.atomic():
                existing = {
                    article.original_url: article
                    for article in Article.objects.select_for_update(of=("self",))
                    .filter(original_url__in=[record.original_url for record in batch])
                    .prefetch_related("tags")
                }
                redirects = {
                    redirect.old_path: redirect
                    for redirect in Redirect.objects.filter(
                        federation=self.federation, old_path__in=[record.old_path for record in batch]
                    )
                }
                for record in batch:
                    article = self._write_article(record, existing.get(record.original_url), stored)
                    self._record_redirect(record, article, redirects.get(record.old_path))
            self.committed += len(batch)
        except Exception as error:
            for name in stored:  # the rows that named them were rolled back
                Article._meta.get_field("cover").storage.delete(name)
            self.sections = self.tags = {}
            raise ImportInterrupted(
                f"Dừng nhập ở lô bắt đầu từ dòng {batch[0].line} vì lỗi khi ghi vào cơ sở dữ liệu hoặc thư mục ảnh. "
                f"{grouped(self.committed)} bài trước đó "
                "đã được nhập; chạy lại để nhập tiếp (bài đã nhập được nhận ra theo địa chỉ gốc)."
            ) from error

    def _write_article(self, record: ArticleRecord, article: Article | None, stored: list[str]) -> Article:
        section = self.section(record.section)
        tags = [self.tag(name, kind) for name, kind in record.tags]
        with reversion.create_revision():
            if self.user is not None:
                reversion.set_user(self.user)
            if article is None:
                article = Article(original_url=record.original_url, created_by=self.user)
                self._apply(article, record, section, tags, stored)
                publish(article=article, at=record.published_at, by=self.user)
                article.tags.set(tags)
                reversion.set_comment(f"Nhập từ tệp lưu trữ {self.archive.name} (dòng {record.line}).")
                self.summary.created += 1
                return article
            changed = self._apply(article, record, section, tags, stored)
            if not changed:
                self.summary.unchanged += 1
                return article
            if self.user is not None:
                article.updated_by = self.user
            article.save()
            if "thẻ" in changed:
                article.tags.set(tags)
            reversion.set_comment(f"Cập nhật từ tệp lưu trữ {self.archive.name} (dòng {record.line}).")
            self.summary.updated.append((record.line, record.title, changed))
            return article

    def _apply(self, article: Article, record: ArticleRecord, section, tags, stored: list[str]) -> list[str]:
        """Set the record's values on `article`; the labels of those that changed."""
        values = {
            "title": ("tiêu đề", record.title),
            "sapo": ("sapo", record.sapo),
            "body": ("nội dung", record.body),
            "section_id": ("chuyên mục", section.pk),
            "byline_name": ("tên tác giả", record.byline_name),
            "byline_position": ("chức vụ tác giả", record.byline_position),
            "source": ("nguồn tin", record.source),
            "publish_at": ("thời điểm đăng", record.published_at),
            "cover_caption": ("chú thích ảnh", record.cover_caption),
            "cover_credit": ("nguồn ảnh", record.cover_credit),
            "cover_alt": ("mô tả ảnh", record.cover_alt),
        }
        changed = []
        for name, (label, value) in values.items():
            # The field sanitises the body as it saves it (congdoan.fields.RichTextField), as an
            # editor's: the file's HTML is set as it is, and compared as it will be stored.
            stored_as = sanitize_html(value) if name == "body" else value
            if getattr(article, name) != stored_as:
                setattr(article, name, value)
                changed.append(label)
        if article.pk is not None and {tag.pk for tag in article.tags.all()} != {tag.pk for tag in tags}:
            changed.append("thẻ")
        if self._cover_changed(article, record):
            if record.cover_file:
                with self.archive.cover(record.cover_file) as file:
                    article.cover.save(clean_filename(file.name), file, save=False)
                stored.append(article.cover.name)
            else:
                article.cover = ""
            changed.append("ảnh đại diện")
        return changed

    def _cover_changed(self, article: Article, record: ArticleRecord) -> bool:
        if not article.cover or not record.cover_file:
            return bool(article.cover) != bool(record.cover_file)
        try:
            with article.cover.storage.open(article.cover.name) as handle:
                stored = _digest(handle)
        except OSError:
            return True
        with self.archive.cover(record.cover_file) as file:
            return _digest(file) != stored

    def _record_redirect(self, record: ArticleRecord, article: Article, redirect: Redirect | None) -> None:
        new_path = article.get_absolute_url()
        if record.old_path == new_path:
            return  # the old address is the new one (an old site of this same software)
        if redirect is None:
            Redirect.objects.create(federation=self.federation, old_path=record.old_path, new_path=new_path)
        elif redirect.new_path != new_path:
            redirect.new_path = new_path
            redirect.save(update_fields=["new_path"])
        else:
            return
        self.summary.redirects += 1


def _digest(handle) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    while block := handle.read(1024 * 1024):
        digest.update(block)
    return digest.hexdigest()


def import_archive(
    *,
    archive: Archive,
    federation,
    user=None,
    now: datetime | None = None,
    max_articles: int | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every article of `archive` into `federation`, published at its original time,
    with a redirect from its original address; raises ImportFailed (nothing written) when
    any line is bad, ImportInterrupted when a write fails after the check."""
    now = now or timezone.now()
    with activate(federation):
        checked = check_archive(archive, federation=federation, now=now, max_articles=max_articles, progress=progress)
        if checked.problems:
            raise ImportFailed(checked.problems)
        summary = ImportSummary(federation=federation, articles=checked.articles)
        writer = _Writer(archive=archive, federation=federation, user=user, summary=summary)
        batch: list[ArticleRecord] = []
        done = 0
        for line_number, record, problems in _records(archive, now):
            if problems:  # the file changed since it was checked
                raise ImportInterrupted(f"Tệp đã thay đổi trong khi nhập (dòng {line_number}); hãy chạy lại.")
            if record is None:
                continue
            batch.append(record)
            if len(batch) == BATCH_SIZE:
                writer.write(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress("write", done, checked.articles)
        if batch:
            writer.write(batch)
            done += len(batch)
        if progress:
            progress("write", done, checked.articles)
    return summary
