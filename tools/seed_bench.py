"""A realistic data set for `make bench`: 5,000 articles (or a million), 20 sections per
federation, tags, covers, campaigns.

Articles are written in bulk (PostgreSQL: COPY, about a million articles in minutes; SQLite:
`bulk_create`), so everything `Article.save()` computes is computed here, in bulk: text is
made of a pool of sentences whose folded words (`news.search`) and slugs are computed once,
and an article's folded search columns are those words joined in `Article.search_columns`'
order (tests/bench/test_seed_bench.py compares them with a save). A few hundred distinct
cover photos are generated once and shared; their renditions are made once per distinct file.
`--federations 60` seeds the network's shape: sixty federations (the default one and 59 more,
`bench-f01` …, each on its own host `<code>.bench.localhost`) and the national union
(`congdoan.bench.localhost`), each with its own section tree (its menu), tags, slides, slogans
and campaigns; the articles are shared out evenly among the national union and the sixty.

Idempotent: a second run adds nothing when the bench articles are there; `--reset`
removes the bench articles, sections and tags first. Text is generated from word lists
written for this command.

Run by `make bench` as `python tools/seed_bench.py [--articles N] [--reset] …` (a developer
tool: it is no management command of the site, and production never loads it).
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":  # set Django up before the models below are imported
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()

import io
import random
import time
import unicodedata
from contextlib import contextmanager
from datetime import timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from congdoan.caching import bump_content_version
from congdoan.renditions import FORMATS, WIDTHS, delete_renditions, generate_renditions, rendition_name
from congdoan.tenancy import activate, default_federation
from congdoan.text import vietnamese_slugify
from news.counts import recount
from news.search import search_document

BENCH_SLUG_PREFIX = "bench-"
BENCH_HOST = "{code}.bench.localhost"  # a federation's host in the network mode (`--federations` > 1)
NATIONAL_BENCH_CODE = "bench-tld"
COVER_DIR = "upload/images/bench"
COVER_SIZE = (800, 450)

# (name, slug, children)
SECTIONS = [
    ("Tin tức – Sự kiện", "tin-tuc-su-kien", [("Tin cơ sở", "tin-co-so"), ("Tin trong nước", "tin-trong-nuoc")]),
    (
        "Hoạt động Công đoàn",
        "hoat-dong-cong-doan",
        [("Chăm lo đời sống", "cham-lo-doi-song"), ("Phát triển đoàn viên", "phat-trien-doan-vien")],
    ),
    (
        "Chính sách – Pháp luật",
        "chinh-sach-phap-luat",
        [("Hỏi – đáp pháp luật", "hoi-dap-phap-luat"), ("Văn bản mới", "van-ban-moi")],
    ),
    (
        "Thi đua – Khen thưởng",
        "thi-dua-khen-thuong",
        [("Gương người tốt", "guong-nguoi-tot"), ("Sáng kiến", "sang-kien")],
    ),
    ("An toàn lao động", "an-toan-lao-dong", [("Phòng chống cháy nổ", "phong-chong-chay-no")]),
    ("Nữ công", "nu-cong", [("Gia đình", "gia-dinh")]),
    ("Văn hóa – Thể thao", "van-hoa-the-thao", [("Hội diễn", "hoi-dien")]),
    ("Chuyển đổi số", "chuyen-doi-so", [("Công đoàn số", "cong-doan-so")]),
]

PLACES = [
    "Bắc Kạn",
    "Chợ Mới",
    "Ba Bể",
    "Pác Nặm",
    "Ngân Sơn",
    "Na Rì",
    "Bạch Thông",
    "Chợ Đồn",
    "Sơn La",
    "Thái Nguyên",
    "Cao Bằng",
    "Lạng Sơn",
    "Hà Nội",
    "Tuyên Quang",
    "Hà Giang",
]
TOPICS = [
    "Đại hội Công đoàn",
    "Tháng Công nhân",
    "Tết Sum vầy",
    "Mái ấm Công đoàn",
    "Bảo hiểm xã hội",
    "Thương lượng tập thể",
    "Tiền lương",
    "Việc làm",
    "Nhà ở công nhân",
    "Khám sức khỏe",
    "Học bổng",
    "Lao động nữ",
    "Đối thoại",
    "An toàn vệ sinh lao động",
    "Văn nghệ",
    "Bóng chuyền",
    "Giáo dục",
    "Y tế",
    "Khu công nghiệp",
    "Doanh nghiệp",
    "Cán bộ công đoàn",
    "Pháp luật lao động",
    "Phúc lợi",
    "Nông thôn mới",
    "Người lao động",
]

TITLE_OPENERS = [
    "Công đoàn",
    "LĐLĐ tỉnh",
    "Công đoàn ngành Giáo dục",
    "Công đoàn ngành Y tế",
    "Công đoàn Viên chức",
    "Công đoàn cơ sở",
    "Ban Nữ công",
    "Đoàn viên",
    "Người lao động",
    "Công nhân",
]
TITLE_VERBS = [
    "trao quà cho",
    "tổ chức đối thoại với",
    "khen thưởng",
    "thăm hỏi",
    "tập huấn cho",
    "hỗ trợ",
    "ký kết thỏa ước với",
    "tuyên truyền pháp luật cho",
    "khám sức khỏe miễn phí cho",
    "bàn giao Mái ấm Công đoàn cho",
    "phát động thi đua trong",
    "giao lưu văn nghệ cùng",
]
TITLE_OBJECTS = [
    "công nhân có hoàn cảnh khó khăn",
    "đoàn viên vùng cao",
    "lao động nữ",
    "giáo viên mầm non",
    "y, bác sĩ tuyến huyện",
    "công nhân khu công nghiệp",
    "cán bộ công đoàn cơ sở",
    "người lao động mất việc",
    "con đoàn viên học giỏi",
    "doanh nghiệp ngoài nhà nước",
    "lao động thời vụ",
    "công nhân xây dựng",
]
TITLE_TAILS = [
    "",
    "",
    "dịp Tết Nguyên đán",
    "trong Tháng Công nhân",
    "năm {year}",
    "sau mùa mưa lũ",
    "đầu năm học mới",
    "nhân ngày 28/7",
    "quý {quarter}/{year}",
]

SENTENCE_SUBJECTS = [
    "Ban Thường vụ LĐLĐ tỉnh",
    "Công đoàn cơ sở",
    "Chủ tịch công đoàn",
    "Nhiều đoàn viên",
    "Người lao động",
    "Đại diện doanh nghiệp",
    "Các cấp công đoàn",
    "Ban tổ chức",
    "Đoàn kiểm tra liên ngành",
    "Chị em lao động nữ",
    "Cán bộ công đoàn chuyên trách",
    "Lãnh đạo huyện",
]
SENTENCE_VERBS = [
    "đã chủ động nắm bắt",
    "tiếp tục quan tâm",
    "đề nghị làm rõ",
    "cam kết bảo đảm",
    "đánh giá cao",
    "kịp thời tháo gỡ",
    "phối hợp giải quyết",
    "tích cực hưởng ứng",
    "thẳng thắn trao đổi về",
    "ghi nhận kết quả",
    "đề xuất nâng mức",
    "thường xuyên kiểm tra",
]
SENTENCE_OBJECTS = [
    "tâm tư, nguyện vọng của người lao động",
    "tiền lương và thưởng cuối năm",
    "điều kiện làm việc tại nhà xưởng",
    "chế độ bảo hiểm xã hội, bảo hiểm y tế",
    "bữa ăn ca của công nhân",
    "việc làm cho lao động mất việc",
    "an toàn khi làm việc trên cao",
    "phong trào thi đua lao động giỏi",
    "nhà ở cho công nhân xa quê",
    "thời giờ làm thêm",
    "quyền lợi của lao động nữ",
    "công tác phát triển đoàn viên",
]
SENTENCE_TAILS = [
    "trong thời gian tới",
    "ngay từ đầu năm",
    "theo đúng quy định của pháp luật",
    "tại buổi làm việc",
    "với tinh thần cởi mở, thẳng thắn",
    "ở các doanh nghiệp trên địa bàn",
    "để người lao động yên tâm gắn bó",
    "trước khi tổng kết",
]
BYLINES = ["Thu Thủy", "Hoàng Minh", "Lý Thị Hoa", "Nông Văn Đức", "Bùi Thanh Thủy", "Triệu Quang Huy", "Ma Thị Lan"]
CREDITS = ["Ảnh: Thu Thủy", "Ảnh: Hoàng Minh", "Ảnh: CĐCS", "Ảnh: Ban Tuyên giáo"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Progress:
    """A plain progress bar on stderr (a carriage-returned line on a terminal)."""

    def __init__(self, stream, label: str, total: int):
        self.stream, self.label, self.total = stream, label, max(total, 1)
        self.started = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_percent = -1

    def update(self, done: int) -> None:
        percent = int(done * 100 / self.total)
        if percent == self.last_percent or (not self.tty and percent % 25 and done != self.total):
            return
        self.last_percent = percent
        filled = percent // 4
        bar = "#" * filled + "." * (25 - filled)
        line = f"{self.label:<22} [{bar}] {percent:3d}% {done}/{self.total} {time.monotonic() - self.started:5.1f}s"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        self.update(self.total)
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def cover_jpeg(seed: int) -> bytes:
    """A small generated 'photo': a coloured sky, a sun and hills (distinct per seed)."""
    rng = random.Random(seed)
    width, height = COVER_SIZE
    top = (rng.randint(0, 200), rng.randint(40, 160), rng.randint(80, 220))
    bottom = (rng.randint(150, 255), rng.randint(150, 255), rng.randint(100, 230))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 3):
        t = y / height
        colour = tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        draw.rectangle([0, y, width, y + 3], fill=colour)
    x, y, r = rng.randint(80, width - 80), rng.randint(50, 160), rng.randint(25, 55)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 236, 150))
    for layer in range(3):
        shade = tuple(max(0, c - 50 - layer * 30) for c in bottom)
        points = [(0, height)] + [(px, 280 + layer * 50 - rng.randint(0, 90)) for px in range(0, width + 80, 80)]
        draw.polygon([*points, (width, height)], fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class Pieces:
    """Text pieces with their folded words and slug computed once (folding and slugifying
    every article's text one by one took most of a 100,000-article seed)."""

    def __init__(self):
        self._folded: dict[str, str] = {}
        self._slugs: dict[str, str] = {}
        self.sentences = [
            nfc(f"{subject} {verb} {obj} {tail}.")
            for subject in SENTENCE_SUBJECTS
            for verb in SENTENCE_VERBS
            for obj in SENTENCE_OBJECTS
            for tail in SENTENCE_TAILS
        ]
        self.sentence_words = [self.words(sentence) for sentence in self.sentences]

    def words(self, text: str) -> str:
        """The folded syllables of `text`, space-separated, no padding ("" for none)."""
        found = self._folded.get(text)
        if found is None:
            found = self._folded[text] = search_document(text).strip()
        return found

    def slug(self, text: str) -> str:
        found = self._slugs.get(text)
        if found is None:
            found = self._slugs[text] = vietnamese_slugify(text, max_length=200)
        return found


def joined(*parts: str) -> str:
    """Folded parts as one search column: " a b c " (see news.search.search_document)."""
    words = " ".join(part for part in parts if part)
    return f" {words} " if words else ""


def copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class CopyStream(io.RawIOBase):
    """A file-like object over an iterator of lines, for `COPY … FROM STDIN`."""

    def __init__(self, lines):
        self.lines = iter(lines)
        self.buffer = b""

    def readable(self):
        return True

    def readinto(self, target):
        while len(self.buffer) < len(target):
            line = next(self.lines, None)
            if line is None:
                break
            self.buffer += line.encode()
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


FULL_TEXT_INDEX = "news_article_search_fts"  # news/migrations/0010_full_text_search.py
BULK_INDEX_THRESHOLD = 50_000

ARTICLE_COLUMNS = (
    "id", "federation_id", "title", "slug", "section_id", "sapo", "body", "cover", "cover_width", "cover_height",
    "cover_caption", "cover_credit", "cover_alt", "byline_name", "byline_position", "source", "status", "publish_at",
    "featured", "view_count", "original_url", "version", "search_title", "search_text", "created_at", "updated_at",
)  # fmt: skip


class Command(BaseCommand):
    help = "Tạo bộ dữ liệu đo hiệu năng: mặc định 5.000 bài viết, 20 chuyên mục, thẻ, ảnh và phong trào."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=5000, help="Số bài viết (mặc định 5.000).")
        parser.add_argument("--covers", type=int, default=200, help="Số ảnh đại diện khác nhau (mặc định 200).")
        parser.add_argument(
            "--federations", type=int, default=1, help="Số liên đoàn, mỗi liên đoàn 20 chuyên mục (mặc định 1)."
        )
        parser.add_argument("--reset", action="store_true", help="Xóa bài, chuyên mục, thẻ của bộ đo cũ trước.")
        parser.add_argument("--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên (kết quả lặp lại được).")
        parser.add_argument("--no-demo", action="store_true", help="Không nạp khẩu hiệu, băng ảnh, phong trào mẫu.")
        parser.add_argument("--documents", type=int, default=0, help="Số văn bản (tools/document_bench.py).")

    def handle(self, *args, **options):
        from news.models import Article

        started = time.monotonic()
        rng = random.Random(options["seed"])
        if options["reset"]:
            self._reset()
        sites = self._federations(max(1, options["federations"]))
        sections, tags = [], []
        for site in sites:
            with activate(site):
                site.sections = self._sections()
                site.tags = self._tags()
            sections += site.sections
            tags += site.tags
        existing = Article.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).count()
        if existing >= options["articles"]:
            self.stdout.write(f"Đã có {existing} bài viết của bộ đo; không tạo thêm (dùng --reset để tạo lại).")
        else:
            covers = self._covers(options["covers"])
            with self._full_text_index_built_after(options["articles"] - existing):
                self._articles(rng, options["articles"] - existing, existing, sites, covers)
        # COPY and bulk_create pass by the signals that keep the sections' and tags' counts.
        recount([site.pk for site in sites])
        if not options["no_demo"]:
            for site in sites:
                with activate(site):
                    self._demo()
        if options["documents"]:  # the document register's own seeder
            from tools.document_bench import seed_documents

            seed_documents(options["documents"], seed=options["seed"], reset=options["reset"], out=self.stdout)
        # Fresh planner statistics, as a live database has them (a bulk load leaves PostgreSQL
        # guessing a handful of rows until autovacuum comes by, and SQLite has none at all);
        # on PostgreSQL VACUUM also marks the pages all-visible, so index-only scans stay so.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # (not in tests)
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        cache.clear()
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {Article.objects.count()} bài viết, {len(sites)} liên đoàn, {len(sections)} chuyên mục, "
                f"{len(tags)} thẻ "
                f"trong {time.monotonic() - started:.1f} giây."
            )
        )

    @contextmanager
    def _full_text_index_built_after(self, count: int):
        """PostgreSQL, a large load: the full-text GIN index is dropped and built once at the
        end (about ten times faster than updating it row by row)."""
        if connection.vendor != "postgresql" or count < BULK_INDEX_THRESHOLD or connection.in_atomic_block:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [FULL_TEXT_INDEX])
            found = cursor.fetchone()
            if found is None:
                yield
                return
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute(f"DROP INDEX {FULL_TEXT_INDEX}")
        try:
            yield
        finally:
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem TO '512MB'")
                cursor.execute(found[0])
            self.stderr.write(f"Chỉ mục tìm kiếm: {time.monotonic() - started:.0f} giây.")

    def _reset(self):
        from campaigns.models import Campaign
        from news.models import Article, Section, Tag

        with transaction.atomic():
            Campaign.related_articles.through.objects.filter(article__slug__startswith=BENCH_SLUG_PREFIX).delete()
            Article.tags.through.objects.filter(article__slug__startswith=BENCH_SLUG_PREFIX).delete()
            deleted, _ = Article.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).delete()
            Tag.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).delete()
            bench_sections = Section.objects.filter(slug__startswith=BENCH_SLUG_PREFIX)
            if not Article.objects.filter(section__in=bench_sections).exists():
                bench_sections.exclude(parent=None).delete()
                bench_sections.delete()
        self.stdout.write(f"Đã xóa {deleted} dòng của bộ đo cũ.")

    @staticmethod
    def _federations(count: int) -> list:
        """The sites articles are shared among: the default federation alone, or (the network)
        it and `count - 1` more plus the national union, each with a host of its own."""
        from congdoan.models import Federation, FederationHost

        first = default_federation()
        if count == 1:
            return [first]
        national = Federation.objects.filter(kind=Federation.Kind.NATIONAL).first()
        with transaction.atomic():
            if national is None:
                national = Federation.objects.create(
                    code=NATIONAL_BENCH_CODE, kind=Federation.Kind.NATIONAL, name_line1="TỔNG LIÊN ĐOÀN LAO ĐỘNG",
                    name_line2="VIỆT NAM", short_name="Tổng LĐLĐ Việt Nam", province="Toàn quốc",
                    domain="congdoan.vn", tagline="Cơ quan của Tổng Liên đoàn Lao động Việt Nam",
                )  # fmt: skip
            sites = [first]
            for number in range(1, count):
                federation, _ = Federation.objects.get_or_create(
                    code=f"bench-f{number:02d}",
                    defaults={
                        "parent": national,
                        "name_line2": f"TỈNH SỐ {number}",
                        "short_name": f"LĐLĐ tỉnh số {number}",
                        "province": f"Tỉnh số {number}",
                        "domain": f"congdoan-f{number:02d}.vn",
                    },
                )
                sites.append(federation)
            sites.append(national)
            for federation in sites:
                if not FederationHost.objects.filter(federation=federation, is_primary=True).exists():
                    FederationHost.objects.get_or_create(
                        host=BENCH_HOST.format(code="congdoan" if federation.is_national else federation.code),
                        defaults={"federation": federation, "is_primary": True},
                    )
        bump_content_version()  # the directory of hosts
        return sites

    def _sections(self):
        """The current federation's section tree; it is its menu."""
        from news.models import Section

        result = []
        with transaction.atomic():
            for order, (name, slug, children) in enumerate(SECTIONS, start=1):
                parent, _ = Section.objects.get_or_create(
                    slug=BENCH_SLUG_PREFIX + slug,
                    defaults={"name": name, "order": order, "description": f"Tin bài về {name.lower()}."},
                )
                result.append(parent)
                for child_order, (child_name, child_slug) in enumerate(children, start=1):
                    child, _ = Section.objects.get_or_create(
                        slug=BENCH_SLUG_PREFIX + child_slug,
                        defaults={"name": child_name, "parent": parent, "order": child_order, "show_in_menu": False},
                    )
                    result.append(child)
        return result

    def _tags(self):
        from news.models import Tag

        wanted = [(name, Tag.Kind.PLACE) for name in PLACES] + [(name, Tag.Kind.TOPIC) for name in TOPICS]
        with transaction.atomic():
            for name, kind in wanted:
                Tag.objects.get_or_create(
                    slug=BENCH_SLUG_PREFIX + vietnamese_slugify(name), defaults={"name": name, "kind": kind}
                )
        return list(Tag.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).order_by("pk"))

    def _covers(self, count: int) -> list[tuple[str, int, int]]:
        """`count` distinct JPEGs with their renditions, each made once (kept between runs)."""
        from news.models import Article

        progress = Progress(self.stderr._out, "Ảnh và bản thu nhỏ", count)
        covers = []
        for index in range(count):
            name = f"{COVER_DIR}/anh-{index:04d}.jpg"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(cover_jpeg(index)))
            field_file = Article(cover=name).cover
            expected = [rendition_name(name, w, ext) for w in WIDTHS for ext in FORMATS]
            if not all(default_storage.exists(rendition) for rendition in expected):
                # FileSystemStorage never overwrites: remove partial leftovers, then generate.
                delete_renditions(name)
                generate_renditions(field_file)
            covers.append((name, *COVER_SIZE))
            progress.update(index + 1)
        progress.finish()
        return covers

    def _articles(self, rng, count, offset, sites, covers):
        from news.models import Article

        pieces = Pieces()
        for site in sites:
            site.places = [tag for tag in site.tags if tag.kind == "place"]
            site.topics = [tag for tag in site.tags if tag.kind != "place"]
        now = timezone.now()
        taken = set(Article.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).values_list("slug", flat=True))
        progress = Progress(self.stderr._out, "Bài viết", count)
        postgres = connection.vendor == "postgresql"
        batch_size = 20_000 if postgres else 2_000
        next_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        done = 0
        while done < count:
            size = min(batch_size, count - done)
            rows, tag_ids = [], []
            for i in range(size):
                number = offset + done + i
                site = sites[number % len(sites)]
                chosen = rng.sample(site.places, 1) + rng.sample(site.topics, rng.randint(0, 3))
                rows.append(self._article(rng, pieces, number, now, site.sections, covers, taken, chosen))
                tag_ids.append([tag.pk for tag in chosen])
            with transaction.atomic():
                if postgres:
                    for row in rows:
                        row["id"], next_id = next_id, next_id + 1
                    self._copy(rows, tag_ids)
                else:
                    self._bulk_create(rows, tag_ids)
            done += size
            progress.update(done)
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('news_article', 'id'), (SELECT MAX(id) FROM news_article))"
                )
        progress.finish()

    @staticmethod
    def _copy(rows, tag_ids):
        from news.models import Article

        through = Article.tags.through._meta.db_table
        article_lines = ("\t".join(copy_text(row[column]) for column in ARTICLE_COLUMNS) + "\n" for row in rows)
        tag_lines = (f"{row['id']}\t{tag_id}\n" for row, ids in zip(rows, tag_ids, strict=True) for tag_id in ids)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            raw.copy_expert(f"COPY news_article ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN", CopyStream(article_lines))
            raw.copy_expert(f"COPY {through} (article_id, tag_id) FROM STDIN", CopyStream(tag_lines))

    @staticmethod
    def _bulk_create(rows, tag_ids):
        from news.models import Article

        articles = [Article(**row) for row in rows]
        created = Article.objects.bulk_create(articles)
        if not all(article.pk for article in created):  # old SQLite without RETURNING
            by_slug = dict(Article.objects.filter(slug__in=[a.slug for a in articles]).values_list("slug", "pk"))
            for article in articles:
                article.pk = by_slug[article.slug]
        through = Article.tags.through
        through.objects.bulk_create(
            [
                through(article_id=article.pk, tag_id=tag_id)
                for article, ids in zip(articles, tag_ids, strict=True)
                for tag_id in ids
            ]
        )

    def _article(self, rng, pieces, number, now, sections, covers, taken, tags) -> dict:
        """One article's columns, its folded search columns as `Article.search_columns` makes them."""
        from news.models import Article

        publish_at = now - timedelta(minutes=number * 37 % (3 * 365 * 24 * 60) + rng.randint(5, 600))
        year = (publish_at + timedelta(hours=7)).year  # Asia/Ho_Chi_Minh, no daylight saving
        tail = rng.choice(TITLE_TAILS).format(year=year, quarter=rng.randint(1, 4))
        parts = [
            part
            for part in (
                rng.choice(TITLE_OPENERS),
                rng.choice(PLACES) if rng.random() < 0.5 else "",
                rng.choice(TITLE_VERBS),
                f"{rng.randint(12, 480)}" if rng.random() < 0.3 else "",
                rng.choice(TITLE_OBJECTS),
                tail,
            )
            if part
        ]
        title = nfc(" ".join(parts))
        title_words = " ".join(pieces.words(part) for part in parts)
        base = BENCH_SLUG_PREFIX + "-".join(pieces.slug(part) for part in parts)
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        sentence_count = len(pieces.sentences)
        sapo_ids = [rng.randrange(sentence_count) for _ in range(2)]
        paragraphs = [
            [rng.randrange(sentence_count) for _ in range(rng.randint(3, 5))] for _ in range(rng.randint(4, 8))
        ]
        sapo = " ".join(pieces.sentences[i] for i in sapo_ids)
        body = "".join("<p>" + " ".join(pieces.sentences[i] for i in paragraph) + "</p>" for paragraph in paragraphs)
        has_cover = rng.random() < 0.85
        cover, width, height = rng.choice(covers) if has_cover and covers else ("", None, None)
        caption_subject = rng.choice(SENTENCE_SUBJECTS) if cover else ""
        caption = nfc(f"{caption_subject} tại buổi làm việc.") if cover else ""
        credit = rng.choice(CREDITS) if cover else ""
        byline = rng.choice(BYLINES)
        status = Article.Status.PUBLISHED if rng.random() < 0.97 else Article.Status.DRAFT
        text_words = joined(
            title_words,
            " ".join(pieces.sentence_words[i] for i in sapo_ids),
            " ".join(pieces.sentence_words[i] for paragraph in paragraphs for i in paragraph),
            pieces.words(byline),
            pieces.words(caption),
            pieces.words(credit),
            *(pieces.words(name) for name in sorted(tag.name for tag in tags)),
        )
        section = rng.choice(sections)
        return {
            "federation_id": section.federation_id,
            "original_url": "",
            "title": title,
            "slug": slug,
            "section_id": section.pk,
            "sapo": sapo,
            "body": body,
            "cover": cover,
            "cover_width": width,
            "cover_height": height,
            "cover_caption": caption,
            "cover_credit": credit,
            "cover_alt": nfc(f"Ảnh minh họa: {title[:200]}") if cover else "",
            "byline_name": byline,
            "byline_position": "",
            "source": "",
            "status": status,
            "publish_at": publish_at if status == Article.Status.PUBLISHED else None,
            "featured": rng.random() < 0.02,
            "view_count": int(rng.paretovariate(1.2) * 40),
            "version": 1,
            "search_title": joined(title_words),
            "search_text": text_words,
            "created_at": now,
            "updated_at": now,
        }

    def _demo(self):
        """Commemorations, slogans, slides and campaigns from the apps' own demo loaders."""
        from banners import demo as banners_demo
        from campaigns import demo as campaigns_demo

        out = io.StringIO()
        banners_demo.load(stdout=out)
        campaigns_demo.load(stdout=out)
        self._link_campaigns()
        self.stdout.write("Đã nạp ngày kỷ niệm, khẩu hiệu, băng ảnh và phong trào mẫu.")

    @staticmethod
    def _link_campaigns():
        """Each campaign gets a handful of related bench articles (as an editor would add)."""
        from campaigns.models import Campaign
        from news.models import Article

        articles = list(
            Article.objects.published().filter(slug__startswith=BENCH_SLUG_PREFIX).order_by("-publish_at")[:40]
        )
        for index, campaign in enumerate(Campaign.objects.order_by("pk")):
            campaign.related_articles.add(*articles[index * 6 : index * 6 + 6])


if __name__ == "__main__":
    Command().run_from_argv(["python", "tools/seed_bench.py", *sys.argv[1:]])
