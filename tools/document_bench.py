"""The document register at 50,000 documents: seed them fast, then time the register uncached.

    python tools/document_bench.py seed [--documents 50000] [--reset]
    python tools/document_bench.py measure [--rounds 15]

`seed` writes the documents in bulk (PostgreSQL: COPY; SQLite: bulk_create) with everything
`Document.save()` computes — number key, slug, folded search columns — computed here: twelve
issuers (the national union, the federation and its bodies, state bodies), eight fields, four
in five documents with a "PDF" whose extracted text is searched, one in fifty replacing an
older one, 3% drafts. `tools/seed_bench.py --documents N` calls it for `make bench`.

`measure` renders the register in-process as a reader on a page-cache miss sees it (the
full-page cache off; the filter choices, menu and header cached as in production), for a
filter, a số ký hiệu, a word of the trích yếu, a phrase inside the files' text, a search with
a filter and the last page, and prints p50/p99 in ms, the queries per page, the target
(p50 ≤ 100 ms on PostgreSQL) and EXPLAIN ANALYZE of each case's slowest query, with the load
average (other work on the machine skews every figure).
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":  # set Django up before the models below are imported
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # measure: every request is a page-cache miss
    import django

    django.setup()

import argparse
import random
import statistics
import time
import unicodedata
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from documents.numbers import KIND_BY_CODE
from news.search import search_document

BENCH_PREFIX = "bench-"
TARGET_MS = 100.0
# (name, code, level): the issuers a provincial register really has.
ISSUERS = [
    ("Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "national"),
    ("Đoàn Chủ tịch Tổng Liên đoàn", "ĐCT", "national"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", "federation"),
    ("Ban Chấp hành Liên đoàn Lao động tỉnh", "BCH", "body"),
    ("Ban Thường vụ Liên đoàn Lao động tỉnh", "BTV", "body"),
    ("Ban Tuyên giáo", "TG", "body"),
    ("Ban Chính sách – Pháp luật", "CSPL", "body"),
    ("Ủy ban Kiểm tra", "UBKT", "body"),
    ("Quốc hội", "QH", "state"),
    ("Chính phủ", "CP", "state"),
    ("Bộ Lao động – Thương binh và Xã hội", "BLĐTBXH", "state"),
    ("Ủy ban nhân dân tỉnh", "UBND", "state"),
]
TOPICS = [
    "Tổ chức công đoàn", "Chính sách – Pháp luật", "Tuyên giáo – Thi đua", "Tài chính công đoàn",
    "Nữ công", "Kiểm tra", "An toàn, vệ sinh lao động", "Đối ngoại",
]  # fmt: skip
KINDS = ["ke-hoach", "huong-dan", "quyet-dinh", "nghi-quyet", "thong-bao", "bao-cao", "chi-thi", "chuong-trinh",
         "cong-van", "to-trinh", "quy-che"]  # fmt: skip
STATE_KINDS = ["luat", "nghi-dinh", "thong-tu", "quyet-dinh", "chi-thi"]
ACTIONS = ["Tổ chức", "Triển khai", "Thực hiện", "Tăng cường", "Đẩy mạnh", "Sơ kết", "Tổng kết", "Hướng dẫn",
           "Ban hành", "Kiện toàn", "Phát động", "Kiểm tra"]  # fmt: skip
SUBJECTS = [
    "Tháng Công nhân", "phong trào thi đua lao động giỏi", "công tác phát triển đoàn viên", "thu, nộp kinh phí "
    "công đoàn", "Tết Sum vầy", "chương trình Mái ấm Công đoàn", "công tác nữ công", "đối thoại tại nơi làm việc",
    "thương lượng tập thể", "an toàn, vệ sinh lao động", "Đại hội Công đoàn các cấp", "công tác kiểm tra, giám sát",
    "bầu cử Ban Chấp hành", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "chăm lo cho đoàn viên",
    "quỹ Xã hội công đoàn", "công tác tuyên truyền pháp luật", "Bữa cơm công đoàn", "giải thưởng Nguyễn Đức Cảnh",
    "chuyển đổi số trong hoạt động công đoàn",
]  # fmt: skip
SENTENCES = [
    "Các cấp công đoàn chủ động phối hợp với người sử dụng lao động tổ chức thực hiện.",
    "Bảo đảm quyền, lợi ích hợp pháp, chính đáng của đoàn viên và người lao động.",
    "Kinh phí thực hiện từ nguồn tài chính công đoàn và xã hội hóa.",
    "Báo cáo kết quả về Ban Thường vụ trước ngày 15 hằng tháng.",
    "Tổ chức Bữa cơm công đoàn tại các doanh nghiệp có đông công nhân lao động.",
    "Phát động đợt thi đua cao điểm chào mừng các ngày lễ lớn của đất nước.",
    "Tăng cường đối thoại, thương lượng tập thể, xây dựng quan hệ lao động hài hòa, ổn định, tiến bộ.",
    "Kiểm tra việc chấp hành Điều lệ Công đoàn Việt Nam và quản lý tài chính, tài sản công đoàn.",
    "Hỗ trợ đoàn viên có hoàn cảnh khó khăn, bị tai nạn lao động, mắc bệnh hiểm nghèo.",
    "Văn bản này có hiệu lực kể từ ngày ký và thay thế các quy định trước đây trái với văn bản này.",
]
SIGNERS = [("Chủ tịch", "Nguyễn Đình Khang"), ("Phó Chủ tịch", "Phan Văn Anh"), ("Chủ tịch", "Hoàng Thị Lan"),
           ("Phó Chủ tịch", "Ngọ Duy Hiểu"), ("Chánh Văn phòng", "Lường Văn Thắng")]  # fmt: skip
FILE_NAME = "upload/van-ban/bench/mau.pdf"  # never opened: the register shows links only


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(table: str, columns: list[str], rows: list[dict]) -> None:
    import io

    data = io.StringIO("".join("\t".join(copy_text(row[c]) for c in columns) + "\n" for row in rows))
    with connection.cursor() as cursor:
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        cursor.cursor.copy_expert(f"COPY {table} ({quoted}) FROM STDIN", data)


def _lists():
    from documents.models import Issuer, Topic

    issuers, topics = [], []
    with transaction.atomic():
        for order, (name, code, level) in enumerate(ISSUERS):
            issuer, _ = Issuer.objects.get_or_create(
                slug=BENCH_PREFIX + code.lower().replace("đ", "d"),
                defaults={"name": nfc(name), "code": nfc(code), "level": level, "order": order},
            )
            issuers.append(issuer)
        for order, name in enumerate(TOPICS):
            topic, _ = Topic.objects.get_or_create(
                slug=BENCH_PREFIX + str(order), defaults={"name": nfc(name), "order": order}
            )
            topics.append(topic)
    return issuers, topics


def seed_documents(count: int, *, seed: int = 2026, reset: bool = False, out=sys.stdout) -> int:
    """`count` bench documents in the current federation (those already there count); returns how many were made."""
    from congdoan.tenancy import this_federation
    from congdoan.text import vietnamese_slugify
    from documents.models import Document, DocumentFile, DocumentRelation, Issuer, Topic
    from documents.numbers import number_key

    if reset:
        with transaction.atomic():
            Document.objects.filter(slug__startswith=BENCH_PREFIX).delete()
            Issuer.objects.filter(slug__startswith=BENCH_PREFIX).delete()
            Topic.objects.filter(slug__startswith=BENCH_PREFIX).delete()
    existing = Document.objects.filter(slug__startswith=BENCH_PREFIX).count()
    if existing >= count:
        out.write(f"Đã có {existing} văn bản của bộ đo; không tạo thêm.\n")
        return 0
    started = time.monotonic()
    rng = random.Random(seed + existing)
    federation = this_federation()
    issuers, topics = _lists()
    now = timezone.now()
    postgres = connection.vendor == "postgresql"
    next_id = (Document._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_file_id = (DocumentFile._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    documents, files, topic_links, relations = [], [], [], []
    fields = list(Document._meta.concrete_fields)
    columns = [f.column for f in fields]
    for index in range(existing, count):
        issuer = issuers[index % len(issuers)]
        state = issuer.level == "state"
        kind = KIND_BY_CODE[rng.choice(STATE_KINDS if state else KINDS)]
        issued_on = date(2000, 1, 1) + timedelta(days=rng.randrange(9500))
        serial = index // len(issuers) + 1  # unique per issuer
        symbol = f"{kind.abbreviation}-{issuer.code}" if kind.abbreviation else f"{issuer.code}-VP"
        number = f"{serial}/{issued_on.year}/{symbol}" if state else f"{serial}/{symbol}"
        title = nfc(f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} năm {issued_on.year}")
        position, signer = rng.choice(SIGNERS)
        text = ""
        if rng.random() < 0.8:
            text = " ".join(rng.sample(SENTENCES, 4))
        published = rng.random() < 0.97
        slug = BENCH_PREFIX + vietnamese_slugify(f"{kind.name} {number.replace('/', ' ')}", max_length=180)
        # As Document.search_columns joins them: number, kind, trích yếu, issuer, signer, body, files' text.
        search_text = search_document(" ".join([number, kind.name, title, issuer.name, signer, "", text]))
        row = {
            "id": next_id,
            "federation_id": federation.pk,
            "number": number,
            "number_key": number_key(number),
            "kind": kind.code,
            "issuer_id": issuer.pk,
            "title": title,
            "slug": slug,
            "issued_on": issued_on,
            "issued_year": issued_on.year,
            "effective_from": None,
            "effective_until": None,
            "state_override": "",
            "signing_prefix": "KT." if position.startswith("Phó") else "",
            "signing_for": "Chủ tịch" if position.startswith("Phó") else "",
            "signer_position": position,
            "signer_name": signer,
            "body": "",
            "status": "published" if published else "draft",
            "published_at": now - timedelta(minutes=index) if published else None,
            "created_at": now,
            "updated_at": now,
            "created_by_id": None,
            "updated_by_id": None,
            "search_title": search_document(title),
            "search_text": search_text,
            "version": 1,
        }
        documents.append(row)
        if text:
            files.append({"id": next_file_id, "document_id": next_id, "file": FILE_NAME, "label": "",
                          "kind": "pdf", "size": 250_000 + index % 9000, "text_state": "text", "text": text,
                          "order": 0})  # fmt: skip
            next_file_id += 1
        for topic in rng.sample(topics, rng.choice((1, 1, 2))):
            topic_links.append({"document_id": next_id, "topic_id": topic.pk})
        if index >= existing + len(issuers) and rng.random() < 0.02:
            relations.append({"source_id": next_id, "kind": "replaces", "target_id": next_id - len(issuers)})
        next_id += 1
    through = Document.topics.through
    with transaction.atomic():
        if postgres:
            _copy(Document._meta.db_table, columns, [{f.column: row[f.attname] for f in fields} for row in documents])
            _copy(DocumentFile._meta.db_table, list(files[0]) if files else [], files)
            _copy(through._meta.db_table, ["document_id", "topic_id"], topic_links)
            if relations:
                _copy(DocumentRelation._meta.db_table, ["source_id", "kind", "target_id"], relations)
            with connection.cursor() as cursor:
                for table in (Document._meta.db_table, DocumentFile._meta.db_table):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                    )
        else:
            Document._base_manager.bulk_create([Document(**row) for row in documents], batch_size=2000)
            DocumentFile._base_manager.bulk_create([DocumentFile(**row) for row in files], batch_size=2000)
            through.objects.bulk_create([through(**row) for row in topic_links], batch_size=5000)
            DocumentRelation._base_manager.bulk_create([DocumentRelation(**row) for row in relations])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if postgres and not connection.in_atomic_block else "ANALYZE")
    made = count - existing
    out.write(f"Đã tạo {made} văn bản trong {time.monotonic() - started:.1f} giây.\n")
    return made


# --- Measuring ----------------------------------------------------------------------------


def cases() -> dict[str, str]:
    from documents.models import Document, Issuer

    issuer = Issuer.objects.filter(slug__startswith=BENCH_PREFIX, code="LĐLĐ").first()
    theirs = Document.objects.published().filter(slug__startswith=BENCH_PREFIX, issuer=issuer).order_by("pk")
    sample = theirs[min(400, theirs.count() - 1)]
    count = Document.objects.published().count()
    last = (count + 19) // 20
    typed = sample.number.lower().replace("/", " ").replace("đ", "d")
    return {
        "register": "/van-ban/",
        "filter: loại": "/van-ban/?loai=huong-dan",
        "filter: cơ quan + năm": f"/van-ban/?co-quan={issuer.slug}&nam=2019",
        "filter: tình trạng": "/van-ban/?tinh-trang=het-hieu-luc",
        "search: số ký hiệu": f"/van-ban/?q={typed.replace(' ', '+')}",
        "search: word (trích yếu)": "/van-ban/?q=sum+vay",
        "search: common word": "/van-ban/?q=cong+doan",
        "search: phrase in file text": "/van-ban/?q=%22bua+com+cong+doan%22",
        "search + filter": "/van-ban/?q=doan+vien&loai=ke-hoach",
        "last page": f"/van-ban/?page={last}",
    }


def measure(rounds: int = 15, out=sys.stdout, host: str | None = None) -> list[str]:
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from congdoan.tenancy import this_federation

    host = host or this_federation().hosts.order_by("-is_primary").values_list("host", flat=True).first()
    host = host or "127.0.0.1"  # ALLOWED_HOSTS=127.0.0.1 serves the default federation
    client = Client(HTTP_HOST=host)
    lines = [f"Tải máy (load average): {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {connection.vendor}"]
    header = f"{'case':<30} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8}  target"
    lines.append(header)
    plans = []
    for name, url in cases().items():
        cache.clear()
        client.get(url)  # fills the filter choices, menu and header pieces, as on a live site
        times, captured = [], None
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            captured = queries.captured_queries
        times.sort()
        p50, p99 = statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]
        mark = "ok" if p50 <= TARGET_MS else "MISS"
        lines.append(f"{name:<30} {p50:>8.1f} {p99:>8.1f} {len(captured):>8}  {mark}")
        slowest = max(captured, key=lambda query: float(query["time"]))
        plans.append((name, url, slowest["sql"]))
    for line in lines:
        out.write(line + "\n")
    if connection.vendor == "postgresql":
        for name, url, sql in plans:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            out.write(f"\n--- {name} ({url}): the slowest query\n{sql}\n{plan}\n")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["seed", "measure"])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args(argv)
    if options.action == "seed":
        from django.core.cache import cache

        from congdoan.caching import bump_content_version

        seed_documents(options.documents, reset=options.reset)
        cache.clear()
        bump_content_version()
    else:
        measure(options.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
