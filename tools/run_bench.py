"""`make bench`: measure the site under load and print the figures next to the targets.

Steps (the Makefile prepares the database, static files and data first):
  1. queries per page with Django's test client (cold cache, then warm), page weight;
  2. gunicorn (2 workers) with the page cache off: wrk on every target, /healthz is the floor;
  3. gunicorn with the page cache on (600 s; Redis when BENCH_REDIS_URL is set): same;
  4. nginx in front (when installed): cached home and article through its micro-cache,
     and nginx serving a static file (its own floor).

`python tools/run_bench.py createdb` (re)creates the empty bench database;
`python tools/run_bench.py network` is `make bench-network` (issue 14): one federation against
the network of sixty, two gunicorn instances behind nginx, each federation by its Host.
Stdlib + Django only. The parsing and target logic are unit-tested in tests/bench/test_run_bench.py.
"""

import gzip
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

BASE_DIR = Path(__file__).resolve().parents[1]
BENCH_DIR = BASE_DIR / "var" / "bench"

CONNECTIONS = 32
THREADS = 2
WORKERS = 2
TIMEOUT = 10

# Targets from issue 6, "Speed, measured" (throughput as a ratio of /healthz in the same run).
CACHED_MIN_RATIO = 0.9
UNCACHED_MIN_RATIO = {"article": 0.25, "home": 0.15}
CACHED_MAX_P99_MS = 100.0
MAX_WEIGHT_KB = 60.0

# --- wrk output ---------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def duration_ms(text: str) -> float:
    """wrk's '812.00us', '1.23ms', '1.02s', '2.00m' → milliseconds."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(us|ms|s|m|h)\s*", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


@dataclass
class WrkResult:
    requests: int = 0
    rps: float = 0.0
    p50_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    socket_errors: dict = field(default_factory=lambda: {"connect": 0, "read": 0, "write": 0, "timeout": 0})

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())


def parse_wrk(output: str) -> WrkResult:
    """Requests/s, p50/p99 latency, non-2xx/3xx responses and socket errors from `wrk --latency`."""
    result = WrkResult()
    rps = re.search(r"^Requests/sec:\s*([0-9.]+)", output, re.MULTILINE)
    if not rps:
        raise ValueError("no 'Requests/sec' line in wrk output")
    result.rps = float(rps.group(1))
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    result.requests = int(total.group(1)) if total else 0
    for percent, attr in (("50", "p50_ms"), ("99", "p99_ms")):
        match = re.search(rf"^\s*{percent}(?:\.0+)?%\s+([0-9.]+\s*(?:us|ms|s|m|h))\s*$", output, re.MULTILINE)
        if match:
            setattr(result, attr, duration_ms(match.group(1)))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    result.non_2xx = int(non_2xx.group(1)) if non_2xx else 0
    sockets = re.search(r"Socket errors:\s*(.*)", output)
    if sockets:
        for name, value in re.findall(r"(connect|read|write|timeout)\s+(\d+)", sockets.group(1)):
            result.socket_errors[name] = int(value)
    return result


# --- targets ------------------------------------------------------------------


@dataclass
class Row:
    page: str
    run: str  # "uncached", "cached", "nginx"
    result: WrkResult
    floor_rps: float

    @property
    def ratio(self) -> float | None:
        return self.result.rps / self.floor_rps if self.floor_rps else None


def target_for(page: str, run: str) -> str:
    """The target as printed, '' when the issue sets none for this page and run."""
    if page in ("healthz", "static"):
        return "floor"
    if run == "cached":
        return f"≥{CACHED_MIN_RATIO:g}× p99<{CACHED_MAX_P99_MS:g}ms"
    if run == "uncached" and page in UNCACHED_MIN_RATIO:
        return f"≥{UNCACHED_MIN_RATIO[page]:g}×"
    return ""


def shown(ratio: float) -> str:
    """Two decimals, rounded down: 0.8997 is shown as 0.89, never as a 0.90 that looks met."""
    return f"{math.floor(ratio * 100 + 1e-9) / 100:.2f}"


def misses(row: Row) -> list[str]:
    """What this row misses of its targets (empty list when it meets them all)."""
    found = []
    result = row.result
    if result.errors:
        kinds = [f"non-2xx {result.non_2xx}"] if result.non_2xx else []
        kinds += [f"{name} {count}" for name, count in result.socket_errors.items() if count]
        found.append(f"{result.errors} errors ({', '.join(kinds)})")
    if row.page in ("healthz", "static") or row.ratio is None:
        return found
    if row.run == "cached":
        if row.ratio < CACHED_MIN_RATIO:
            found.append(f"{shown(row.ratio)}× < {CACHED_MIN_RATIO:g}× floor")
        if result.p99_ms is None or result.p99_ms >= CACHED_MAX_P99_MS:
            p99 = "?" if result.p99_ms is None else f"{result.p99_ms:.1f}"
            found.append(f"p99 {p99} ms ≥ {CACHED_MAX_P99_MS:g} ms")
    elif row.run == "uncached" and row.page in UNCACHED_MIN_RATIO:
        minimum = UNCACHED_MIN_RATIO[row.page]
        if row.ratio < minimum:
            found.append(f"{shown(row.ratio)}× < {minimum:g}× floor")
    return found


def weight_miss(total_kb: float) -> list[str]:
    return [f"home HTML+CSS+JS {total_kb:.1f} KB > {MAX_WEIGHT_KB:g} KB"] if total_kb > MAX_WEIGHT_KB else []


def format_table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            (str(c).rjust(w) if i in right else str(c).ljust(w))
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def load_rows(rows: list[Row]) -> list[list[str]]:
    table = []
    for row in rows:
        r = row.result
        missed = misses(row)
        table.append(
            [
                row.page,
                row.run,
                f"{r.rps:.0f}",
                "-" if r.p50_ms is None else f"{r.p50_ms:.1f}",
                "-" if r.p99_ms is None else f"{r.p99_ms:.1f}",
                str(r.errors),
                "-" if row.ratio is None else shown(row.ratio),
                target_for(row.page, row.run),
                ("MISS: " + "; ".join(missed)) if missed else "ok",
            ]
        )
    return table


# --- processes ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} after {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gunicorn(port: int, env: dict, workers: int = WORKERS, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "congdoan.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        *extra,
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    wait_for(f"http://127.0.0.1:{port}/healthz", process)
    return process


def warm_up(url: str, rounds: int = 3, parallel: int = 4) -> dict:
    """A few concurrent requests so every worker has loaded templates and filled its caches."""
    headers: dict = {}

    def hit():
        nonlocal headers
        status, headers, _ = fetch(url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")

    for _ in range(rounds):
        threads = [threading.Thread(target=hit) for _ in range(parallel)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return headers


def run_wrk(url: str, seconds: int) -> WrkResult:
    # A 10 s timeout (wrk's default is 2 s): a slow page shows as slow in p99, not as "errors".
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT}s", "--latency", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


# --- Django in this process (queries, page weight, target URLs) ----------------


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PAGE_CACHE_SECONDS = 0  # queries of the views themselves


def target_urls() -> dict[str, str]:
    from campaigns.models import Campaign
    from news.context_processors import menu_sections
    from news.models import Article, Tag
    from tools.seed_bench import BENCH_SLUG_PREFIX

    article = Article.objects.published().order_by("-publish_at").first()
    section = menu_sections()[0]
    tag = (
        Tag.objects.filter(slug=BENCH_SLUG_PREFIX + "bac-kan").first()
        or Tag.objects.filter(articles__isnull=False).first()
    )
    campaign = Campaign.objects.published().order_by("-start_date").first()
    return {
        "healthz": "/healthz",
        "home": "/",
        "section": section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search": "/tim-kiem/?q=cong+doan",
        "campaign": campaign.get_absolute_url(),
    }


def count_queries(urls: dict[str, str], renders: int = 15) -> list[list[str]]:
    """Queries and in-process render time per page, with every cache empty and warm.

    Cold = nothing cached (not the site identity, menu, ticker or any {% fragment %}): what a
    page costs right after an edit. Warm = the second request with the page cache off, the
    "uncached" load run below: fragments and the header come from the cache.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []

    def timed_get(url: str) -> float:
        began = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return (time.perf_counter() - began) * 1000

    for page, url in urls.items():
        cache.clear()
        counts = []
        for _ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as captured:
                timed_get(url)
            counts.append(len(captured))
        cold_ms = []
        for _ in range(renders):
            cache.clear()
            cold_ms.append(timed_get(url))
        warm_ms = [timed_get(url) for _ in range(renders)]
        rows.append(
            [page, url[:60], str(counts[0]), str(counts[1]), f"{median(cold_ms):.1f}", f"{median(warm_ms):.1f}"]
        )
    cache.clear()
    assert settings.PAGE_CACHE_SECONDS == 0
    return rows


def page_weight() -> tuple[list[list[str]], float, str | None]:
    """Home HTML + CSS + JS, gzip-compressed (HTML -6; static: WhiteNoise's .gz, else -9)."""
    from django.conf import settings
    from django.test import Client

    html = Client().get("/").content
    rows = [["HTML /", f"{len(html) / 1024:.1f}", f"{len(gzip.compress(html, 6)) / 1024:.1f}"]]
    total = len(gzip.compress(html, 6))
    text = html.decode()
    assets = re.findall(r"<link[^>]+rel=\"stylesheet\"[^>]+href=\"([^\"]+)\"", text)
    assets += re.findall(r"<link[^>]+href=\"([^\"]+)\"[^>]+rel=\"stylesheet\"", text)
    assets += re.findall(r"<script[^>]+src=\"([^\"]+)\"", text)
    first_css = None
    for url in dict.fromkeys(assets):
        if not url.startswith(settings.STATIC_URL):
            rows.append([f"{url} (external!)", "?", "?"])
            continue
        path = Path(settings.STATIC_ROOT) / url[len(settings.STATIC_URL) :]
        raw = path.read_bytes()
        gz = path.with_name(path.name + ".gz")
        compressed = gz.stat().st_size if gz.exists() else len(gzip.compress(raw, 9))
        total += compressed
        rows.append([url, f"{len(raw) / 1024:.1f}", f"{compressed / 1024:.1f}"])
        if first_css is None and url.endswith(".css"):
            first_css = url
    rows.append(["total", "", f"{total / 1024:.1f}"])
    return rows, total / 1024, first_css


# --- growth: the same pages and searches at two archive sizes --------------------

GROWTH_PAGES = ("home", "section", "section-last", "article", "tag", "campaign")
GROWTH_MAX_RATIO = 1.3  # issue 18: cold render within 1.3× between 5,000 and 1,000,000 articles
SEARCH_P50_MS, SEARCH_P99_MS = 100.0, 250.0
# Kinds of reader searches (bench data: tests use their own). Common: in nearly every article;
# medium: a few per cent; rare: a handful; names: bylines and credits; phrases: quoted.
SEARCHES = {
    "common": ["cong doan", "thi dua", "nguoi lao dong", "Công đoàn"],
    "medium": ["bao hiem xa hoi", "nha o cong nhan", "bua an ca", "pac nam"],
    "rare": ["437 giao vien", "ky ket 123", "tinh than coi mo 99", "khongcotu"],
    "names": ["Thu Thủy", "Triệu Quang Huy", "Ma Thị Lan", "nong van duc"],
    "phrases": ['"cong doan co so"', '"an toan khi lam viec tren cao"', '"thang cong nhan"', '"dai hoi cong doan"'],
}


def growth_urls(urls: dict[str, str]) -> dict[str, str]:
    """The pages of the growth table: the bench targets plus the section's last page."""
    from news.context_processors import menu_sections
    from news.models import Article
    from news.views import PAGE_SIZE

    section = menu_sections()[0]
    count = Article.objects.published().newest_of_sections(section.group_ids).count()
    last = max(1, math.ceil(count / PAGE_SIZE))
    found = {page: urls[page] for page in GROWTH_PAGES if page in urls}
    found["section-last"] = f"{urls['section']}?page={last}"
    return {page: found[page] for page in GROWTH_PAGES}


def cold_renders(urls: dict[str, str], renders: int = 7, host: str | None = None, before_each=None) -> dict[str, dict]:
    """Per page, every cache empty before each render: queries, median CPU of this process
    (Python: ORM and templates) and median wall time (adds the database's own work);
    `host`: the federation's Host header; `before_each()`: run before each render instead,
    the page rendered once first."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(**({"HTTP_HOST": host} if host else {}))
    found = {}
    for page, url in urls.items():
        if before_each is not None:
            cache.clear()
            client.get(url)
        cpu, wall, queries = [], [], 0
        for _ in range(renders):
            (before_each or cache.clear)()
            with CaptureQueriesContext(connection) as captured:
                began_cpu, began = time.process_time(), time.perf_counter()
                response = client.get(url)
                cpu.append((time.process_time() - began_cpu) * 1000)
                wall.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            queries = len(captured)
        found[page] = {"url": url, "queries": queries, "cpu_ms": median(cpu), "wall_ms": median(wall)}
    cache.clear()
    return found


def edit_renders(urls: dict[str, str], renders: int = 7) -> dict[str, dict]:
    """As `cold_renders`, but after an edit: an editor saves an article before each render
    (the oldest: it shows on none of the pages), so the federation's generation turns over
    and every piece of news is rendered again, while what does not depend on it stays (the
    news cards, kept by what they show; the ticker and slides, kept per banners' version):
    what every worker pays once after a save."""
    from news.models import Article

    edited = Article.objects.published().order_by("publish_at", "pk").first()
    return cold_renders(urls, renders, before_each=edited.save)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def search_latencies(rounds: int = 5) -> dict[str, dict]:
    """Per kind of search: wall time of the query the search page runs on a cache miss (the
    ranked ids), every query of the kind `rounds` times; the first round is the coldest."""
    from news.models import Article

    found = {}
    for kind, queries in SEARCHES.items():
        times, hits = [], {}
        for _ in range(rounds):
            for query in queries:
                began = time.perf_counter()
                ids = list(Article.objects.published().search(query).values_list("pk", flat=True))
                times.append((time.perf_counter() - began) * 1000)
                hits[query] = len(ids)
        found[kind] = {"p50_ms": median(times), "p99_ms": percentile(times, 0.99), "hits": hits}
    return found


def search_plans() -> list[tuple[str, str]]:
    """EXPLAIN ANALYZE (PostgreSQL) or the query plan and its time (SQLite) of one search of each kind."""
    from django.db import connection

    from news.models import Article

    plans = []
    for kind, queries in SEARCHES.items():
        queryset = Article.objects.published().search(queries[0]).values_list("pk", flat=True)
        if connection.vendor == "postgresql":
            text = queryset.explain(analyze=True, buffers=True)
        else:
            began = time.perf_counter()
            len(list(queryset))
            text = queryset.explain() + f"\n(run: {(time.perf_counter() - began) * 1000:.1f} ms)"
        plans.append((f"{kind}: {queries[0]}", text))
    return plans


def page_plans(urls: dict[str, str]) -> list[tuple[str, str]]:
    """EXPLAIN ANALYZE of the queries that grew with the archive: the section's last page,
    the home blocks, an article's related articles (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    from news.context_processors import menu_sections
    from news.models import Article
    from news.views import MORE, PAGE_SIZE, RELATED, RELATED_CANDIDATES, _section_blocks

    section = menu_sections()[0]
    listing = Article.objects.published().for_cards().newest_of_sections(section.group_ids)
    last = max(1, math.ceil(listing.count() / PAGE_SIZE))
    plans = [(f"section page {last}", listing[(last - 1) * PAGE_SIZE : last * PAGE_SIZE].explain(analyze=True))]
    groups = {item.pk: item.group_ids for item in menu_sections()}
    home = Article.objects.published().for_cards().latest_per_section(groups, 5)
    plans.append(("home section blocks", home.explain(analyze=True)))
    article = Article.objects.published().order_by("-publish_at").first()
    tag_ids = list(article.tags.values_list("pk", flat=True))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        Article.objects.published().related_and_more(
            article, tag_ids, related=RELATED, more=MORE, candidates=RELATED_CANDIDATES
        )
    titles = ("related and more: candidates", "their cards")
    with connection.cursor() as cursor:
        for title, query in zip(titles, queries.captured_queries, strict=False):
            cursor.execute("EXPLAIN ANALYZE " + query["sql"])
            plans.append((title, "\n".join(row[0] for row in cursor.fetchall())))
    assert _section_blocks  # the home view's helper, planned above through its queryset
    return plans


def growth_file(vendor: str, label: str) -> Path:
    return BENCH_DIR / f"growth-{vendor}-{label}.json"


def growth_rows(small: dict, large: dict) -> tuple[list[list[str]], list[str]]:
    """Per growth page: CPU and wall ms at both sizes, the growth, the queries; with
    instruction counts at both sizes (valgrind), the growth and its target are theirs: CPU ms
    on a virtual machine drift by a third between runs minutes apart, instructions do not."""
    rows, missed = [], []
    counted = small.get("instructions") and large.get("instructions")
    for page in GROWTH_PAGES:
        before, after = small["pages"][page], large["pages"][page]
        ratio = after["cpu_ms"] / before["cpu_ms"] if before["cpu_ms"] else 0.0
        queries = f"{before['queries']}→{after['queries']}"
        row = [page, f"{before['cpu_ms']:.1f}", f"{after['cpu_ms']:.1f}", f"{ratio:.2f}×"]
        measure = "cold CPU"
        if counted:
            few, many = small["instructions"][page], large["instructions"][page]
            ratio, measure = (many / few if few else 0.0), "instructions"
            row += [f"{few / 1e6:.1f} M", f"{many / 1e6:.1f} M", f"{ratio:.2f}×"]
        rows.append([*row, f"{before['wall_ms']:.1f}", f"{after['wall_ms']:.1f}", queries])
        if ratio > GROWTH_MAX_RATIO:
            missed.append(f"{page}: {measure} {ratio:.2f}× > {GROWTH_MAX_RATIO}×")
        if after["queries"] != before["queries"]:
            missed.append(f"{page}: queries {queries}")
    return rows, missed


def instruction_counts(urls: dict[str, str], renders: int = 3) -> dict[str, float] | None:
    """Instructions per cold render of each page in this Django process (not the database's),
    counted by `valgrind --tool=callgrind` in a child process that renders each page once,
    then `renders` times, calling getsid() around them: callgrind dumps its counts there
    (`--dump-before=getsid`). None without valgrind."""
    import json
    import tempfile

    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "cg.out"
        command = ["valgrind", "--tool=callgrind", "--dump-before=getsid", f"--callgrind-out-file={out}",
                   sys.executable, __file__, "count-instructions", json.dumps(urls), str(renders)]  # fmt: skip
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = {int(path.suffix[1:]): dump_total(path.read_text()) for path in out.parent.glob("cg.out.*")}
    # Dumps 1, 3, 5…: setup and each page's first render; 2, 4, 6…: each page's `renders`.
    return {page: totals[2 * (index + 1)] / renders for index, page in enumerate(urls)}


def dump_total(text: str) -> int:
    """The instructions of one callgrind dump ("summary: N", or "totals: N")."""
    found = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
    return int(found[1]) if found else 0


def count_instructions(urls: dict[str, str], renders: int) -> None:
    """The child of `instruction_counts`: each page rendered cold once, then `renders` times."""
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    for url in urls.values():
        cache.clear()
        client.get(url)
        os.getsid(0)
        for _ in range(renders):
            cache.clear()
            client.get(url)
        os.getsid(0)


def search_rows(measured: dict) -> tuple[list[list[str]], list[str]]:
    rows, missed = [], []
    for kind, figures in measured.items():
        hits = ", ".join(f"{query} {count}" for query, count in figures["hits"].items())
        rows.append([kind, f"{figures['p50_ms']:.1f}", f"{figures['p99_ms']:.1f}", hits])
        if figures["p50_ms"] > SEARCH_P50_MS or figures["p99_ms"] > SEARCH_P99_MS:
            missed.append(f"search {kind}: p50 {figures['p50_ms']:.0f} ms, p99 {figures['p99_ms']:.0f} ms")
    return rows, missed


def run_growth(store_only: bool = False) -> list[str]:
    """Measure the growth pages and searches at this size and store them (`store_only`: the
    small size, which `make bench` measures first); else print them against the small size."""
    import json

    from django.db import connection

    from news.models import Article

    vendor = connection.vendor
    count = Article.objects.count()
    urls = growth_urls(target_urls())
    measured = {
        "count": count,
        "load": load_average(),
        "pages": cold_renders(urls),
        "edit": edit_renders(urls),
        "search": search_latencies(),
        "instructions": instruction_counts(urls),
    }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    growth_file(vendor, "small" if store_only else "large").write_text(json.dumps(measured, indent=1))
    print(f"\nGrowth figures at {count} articles stored (load average: {measured['load']}).")
    if store_only:
        return []
    small_path = growth_file(vendor, "small")
    small = json.loads(small_path.read_text()) if small_path.exists() else measured
    missed = []
    print(
        f"\nGrowth: cold render (every cache empty) at {small['count']} → {count} articles, {vendor};"
        f"\nCPU = this process (ORM, templates), wall adds the database; load average then/now:"
        f" {small['load']} / {measured['load']} (2 cores shared with other work)"
    )
    rows, missed_pages = growth_rows(small, measured)
    headers = ["page", f"CPU ms {small['count']}", f"CPU ms {count}", "growth"]
    if small.get("instructions") and measured.get("instructions"):
        headers += [f"instructions {small['count']}", f"instructions {count}", "growth (target)"]
    headers += ["wall ms small", "wall ms large", "queries"]
    print(format_table(headers, rows, right=set(range(1, len(headers) - 1))))
    for page, figures in measured["pages"].items():
        print(f"  {page:<13} {figures['url']}")
    print(
        f"\nAfter an edit at {count} articles (issue 18): CPU ms, median; every cache empty beside the"
        "\nrender after an article was saved (what each worker pays once after a save)"
    )
    rows = [[page, f"{figures['cpu_ms']:.1f}", f"{measured['edit'][page]['cpu_ms']:.1f}", str(figures["queries"]),
             str(measured["edit"][page]["queries"])] for page, figures in measured["pages"].items()]  # fmt: skip
    print(format_table(["page", "every cache empty", "after an edit", "queries", "after an edit"], rows, {1, 2, 3, 4}))
    rows, missed_search = search_rows(measured["search"])
    print(
        f"\nSearch at {count} articles: the ranked-ids query, wall ms (target p50 ≤ {SEARCH_P50_MS:g}, p99 ≤ "
        f"{SEARCH_P99_MS:g}); hits = matches ranked (at most the newest {SEARCH_LIMIT_SHOWN})"
    )
    print(format_table(["kind", "p50 ms", "p99 ms", "hits per query"], rows, right={1, 2}))
    for title, plan in search_plans() + page_plans(urls):
        print(f"\n-- plan: {title}\n{plan}")
    missed = missed_pages + missed_search
    return missed


SEARCH_LIMIT_SHOWN = 500


# --- nginx ----------------------------------------------------------------------


def nginx_config(template: str, *, port: int, upstream_port: int, work: Path, static_root: Path, media_root: Path):
    """The deploy example made local: plain http on `port`, paths under var/bench."""
    text = re.sub(r"server\s*\{[^{}]*return 301[^{}]*\}", "", template)  # the http→https redirect
    text = text.replace("/var/cache/nginx/congdoan", str(work / "cache"))
    text = re.sub(r"server 127\.0\.0\.1:\d+;", f"server 127.0.0.1:{upstream_port};", text)
    text = text.replace("/srv/congdoan/staticfiles/", f"{static_root}/")
    text = text.replace("/srv/congdoan/media/", f"{media_root}/")
    text = text.replace("/srv/congdoan/deploy/", f"{BASE_DIR / 'deploy'}/")
    text = re.sub(r"listen 443 ssl;", f"listen 127.0.0.1:{port};", text)
    text = re.sub(r"\s*http2 on;", "", text)
    text = re.sub(r"server_name [^;]*;", "server_name 127.0.0.1 localhost;", text)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes {WORKERS};\ndaemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "include /etc/nginx/mime.types;\ndefault_type application/octet-stream;\naccess_log off;\n"
        f"client_body_temp_path {work}/tmp/body;\nproxy_temp_path {work}/tmp/proxy;\n"
        f"fastcgi_temp_path {work}/tmp/fastcgi;\nuwsgi_temp_path {work}/tmp/uwsgi;\nscgi_temp_path {work}/tmp/scgi;\n"
        f"{text}\n}}\n"
    )


def run_nginx(upstream_port: int, urls: dict, css_url: str | None, seconds: int, floor_rps: float) -> list[Row]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        print("nginx: không có (skipped; `make bench BENCH_NGINX=1` cài nginx khi chạy bằng root).")
        return []
    from django.conf import settings

    work = BENCH_DIR / "nginx"
    shutil.rmtree(work, ignore_errors=True)
    (work / "tmp").mkdir(parents=True)
    port = free_port()
    conf = work / "nginx.conf"
    template = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    conf.write_text(
        nginx_config(
            template,
            port=port,
            upstream_port=upstream_port,
            work=work,
            static_root=Path(settings.STATIC_ROOT),
            media_root=Path(settings.MEDIA_ROOT),
        )
    )
    process = subprocess.Popen([nginx, "-p", str(work), "-c", str(conf)], cwd=work)
    rows = []
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process)
        base = f"http://127.0.0.1:{port}"
        static_url = css_url or "/static/css/site.css"
        warm_up(base + static_url, rounds=1)
        static = run_wrk(base + static_url, seconds)
        rows.append(Row("static", "nginx", static, static.rps))
        for page in ("home", "article"):
            headers = warm_up(base + urls[page])
            if headers.get("X-Micro-Cache") != "HIT":
                print(f"  ! nginx micro-cache on {page}: {headers.get('X-Micro-Cache')} (expected HIT)")
            # The first second under full load after filling the micro-cache has stalls of
            # ~0.45 s for about 1% of requests (seen on every run, never afterwards): measure
            # the steady state, as for the other targets.
            run_wrk(base + urls[page], 1)
            rows.append(Row(page, "nginx", run_wrk(base + urls[page], seconds), static.rps))
    finally:
        stop(process)
    for row in rows:
        if row.page != "static":
            print(f"  nginx {row.page}: {row.result.rps / floor_rps:.2f}× gunicorn /healthz")
    return rows


# --- network mode (issue 14): 60 federations × 15,000 against 1 × 15,000 ----------------------

NETWORK_PAGES = ("home", "section", "article", "search")
NETWORK_SAMPLE = 3  # federations measured under load: the first, one in the middle, the last
NETWORK_SERVERS = 2
NETWORK_MAX_RATIO = 1.5  # a federation's page against the same page of a single federation
NATIONAL_MAX_RATIO = 2.0  # the national aggregate against a federation's home
NETWORK_SEARCH = "/tim-kiem/?q=cong+doan"


def network_sites() -> list[dict]:
    """The sites measured in this database: sampled federations (label, Host, pages) and the
    national union's home ("Tin từ các Liên đoàn") and search across federations."""
    from congdoan.models import Federation
    from congdoan.tenancy import activate, directory
    from news.context_processors import menu_sections
    from news.models import Article

    known = directory()
    federations = [f for f in Federation.objects.order_by("pk") if f.is_active and not f.is_national]
    picked = sorted({0, len(federations) // 2, len(federations) - 1})[:NETWORK_SAMPLE]
    sites = []
    for federation in (federations[index] for index in picked):
        with activate(federation):
            article = Article.objects.published().order_by("-publish_at", "-pk").first()
            urls = {
                "home": "/",
                "section": menu_sections()[0].get_absolute_url(),
                "article": article.get_absolute_url(),
                "search": NETWORK_SEARCH,
            }
        host = known.primary_hosts.get(federation.pk, "127.0.0.1")
        sites.append({"label": federation.code, "host": host, "national": False, "urls": urls})
    if known.national_id in known.primary_hosts:
        host = known.primary_hosts[known.national_id]
        urls = {"national-home": "/", "national-search": NETWORK_SEARCH}
        sites.append({"label": "national", "host": host, "national": True, "urls": urls})
    return sites


def network_pages() -> dict:
    """This database's sites with each page's cold queries and render (in this process)."""
    from django.db import connection

    from news.models import Article

    sites = network_sites()
    for site in sites:
        site["cold"] = cold_renders(site["urls"], renders=5, host=site["host"])
    total = Article.objects.count()
    return {"articles": total, "vendor": connection.vendor, "load": load_average(), "sites": sites}


def nginx_in_front(
    ports: list[int], work: Path, *, static_root: Path, media_root: Path, micro_cache: bool, tweak=None
) -> tuple[subprocess.Popen, int]:
    """The shipped nginx config in front of `ports` (its upstream holds them all: round robin,
    nginx's default), on a free port; `micro_cache=False` for uncached figures; `tweak(text)`
    edits the config further. Used by `make bench-network` and `make bench-contest`."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        raise RuntimeError("this bench needs nginx: apt-get install nginx (as root)")
    shutil.rmtree(work, ignore_errors=True)
    (work / "tmp").mkdir(parents=True)
    port = free_port()
    template = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    text = nginx_config(
        template, port=port, upstream_port=ports[0], work=work, static_root=static_root, media_root=media_root
    )
    text = text.replace(f"server 127.0.0.1:{ports[0]};", " ".join(f"server 127.0.0.1:{each};" for each in ports))
    if not micro_cache:
        text = text.replace("proxy_cache congdoan_pages;", "proxy_cache off;")
    (work / "nginx.conf").write_text(tweak(text) if tweak else text)
    process = subprocess.Popen([nginx, "-p", str(work), "-c", str(work / "nginx.conf")], cwd=work)
    wait_for(f"http://127.0.0.1:{port}/healthz", process)
    return process, port


def host_fetch(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def run_wrk_host(url: str, host: str, seconds: int) -> WrkResult:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT}s", "--latency"]
    output = subprocess.run([*command, "-H", f"Host: {host}", url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def network_stack(name: str, database_url: str, redis_url: str) -> tuple[list[subprocess.Popen], str]:
    """Two gunicorn instances on `database_url` behind nginx, page cache off, Redis shared
    (each database under its own key prefix: their federations' ids coincide)."""
    from django.conf import settings

    env = {**server_env(0, redis_url), "DATABASE_URL": database_url, "CACHE_KEY_PREFIX": f"bench-{name}"}
    processes = []
    try:
        ports = []
        for _ in range(NETWORK_SERVERS):
            ports.append(free_port())
            processes.append(start_gunicorn(ports[-1], env, workers=1))
        work = BENCH_DIR / f"network-nginx-{name}"
        static_root, media_root = Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)
        proxy, port = nginx_in_front(ports, work, static_root=static_root, media_root=media_root, micro_cache=False)
        processes.append(proxy)
    except BaseException:
        for process in processes:
            stop(process)
        raise
    return processes, f"http://127.0.0.1:{port}"


def network_load(measured: dict, bases: dict, seconds: int) -> None:
    """wrk on every page of every site, with its Host, the two databases' stacks running side
    by side and measured in turn page by page (so the machine's load drifts over both alike).
    Adds "load" to each site."""
    jobs = [
        (page, name, site)
        for page in [*NETWORK_PAGES, "national-home", "national-search"]
        for name in measured
        for site in measured[name]["sites"]
        if page in site["urls"]
    ]
    for page, name, site in jobs:
        url = bases[name] + site["urls"][page]
        for _ in range(4):  # both instances, fragments filled
            status = host_fetch(url, site["host"])
            if status != 200:
                raise RuntimeError(f"{site['host']}{site['urls'][page]} answered {status}")
        result = run_wrk_host(url, site["host"], seconds)
        site.setdefault("load", {})[page] = {
            "rps": result.rps, "p50": result.p50_ms, "p99": result.p99_ms, "errors": result.errors,
        }  # fmt: skip
        print(f"  {name:<8} {site['label']:<12} {page:<16} {result.rps:7.1f} req/s p50 {result.p50_ms} ms", flush=True)


def network_rows(single: dict, network: dict) -> tuple[list[list[str]], list[str]]:
    """One row per page: the single federation against the network's sampled federations
    (median req/s, the worst p50), cold queries; the national aggregate against a federation's home."""
    rows, missed = [], []
    one = single["sites"][0]
    federations = [site for site in network["sites"] if not site["national"]]
    for page in NETWORK_PAGES:
        base = one["load"][page]
        rps = median(site["load"][page]["rps"] for site in federations)
        p50 = max(site["load"][page]["p50"] or 0 for site in federations)
        ratio = base["rps"] / rps if rps else float("inf")
        queries = sorted({site["cold"][page]["queries"] for site in federations})
        cpu = median(site["cold"][page]["cpu_ms"] for site in federations)
        before = one["cold"][page]
        rows.append([
            page, f"{base['rps']:.1f}", f"{base['p50'] or 0:.0f}", f"{rps:.1f}", f"{p50:.0f}", f"{ratio:.2f}×",
            f"{before['cpu_ms']:.0f}→{cpu:.0f}", f"{before['queries']}→{'/'.join(map(str, queries))}",
        ])  # fmt: skip
        if ratio > NETWORK_MAX_RATIO:
            missed.append(f"{page}: {ratio:.2f}× slower in the network > {NETWORK_MAX_RATIO}×")
        if queries != [one["cold"][page]["queries"]]:
            missed.append(f"{page}: queries {one['cold'][page]['queries']} → {queries}")
    national = next((site for site in network["sites"] if site["national"]), None)
    if national is not None:
        for page, theirs in (("national-home", "home"), ("national-search", "search")):
            figures = national["load"][page]
            against = median(site["load"][theirs]["rps"] for site in federations)
            ratio = against / figures["rps"] if figures["rps"] else float("inf")
            rows.append([
                page, "", "", f"{figures['rps']:.1f}", f"{figures['p50'] or 0:.0f}", f"{ratio:.2f}× {theirs}",
                f"{national['cold'][page]['cpu_ms']:.0f}", str(national["cold"][page]["queries"]),
            ])  # fmt: skip
            if ratio > NATIONAL_MAX_RATIO:
                missed.append(f"{page}: {ratio:.2f}× a federation's {theirs} > {NATIONAL_MAX_RATIO}×")
    return rows, missed


def redis_flush(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def run_network() -> int:
    """`make bench-network`: both databases seeded by the Makefile; DATABASE_URL is the
    network's, BENCH_SINGLE_DATABASE_URL the single federation's."""
    import json

    started = time.monotonic()
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    redis_url = os.environ["BENCH_REDIS_URL"]
    databases = {"single": os.environ["BENCH_SINGLE_DATABASE_URL"], "network": os.environ["DATABASE_URL"]}
    print(f"\n== make bench-network: {os.cpu_count()} CPUs, load average before: {load_average()} ==")
    measured = {}
    redis_flush(redis_url)  # what an earlier bench left (another database's directory of hosts)
    for name, url in databases.items():
        env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"bench-{name}"}
        out = BENCH_DIR / f"network-{name}.json"
        subprocess.run([sys.executable, __file__, "network-pages", str(out)], check=True, env=env, cwd=BASE_DIR)
        measured[name] = json.loads(out.read_text())
    os.environ["REDIS_URL"] = redis_url
    setup_django()
    from django.core.cache import cache

    cache.clear()
    processes, bases = [], {}
    try:
        for name, url in databases.items():
            started_processes, bases[name] = network_stack(name, url, redis_url)
            processes += started_processes
        print(f"\nLoad runs, load average {load_average()}", flush=True)
        network_load(measured, bases, seconds)
    finally:
        for process in reversed(processes):
            stop(process)
    (BENCH_DIR / "network.json").write_text(json.dumps(measured, indent=1))
    rows, missed = network_rows(measured["single"], measured["network"])
    single, network = measured["single"], measured["network"]
    federations = len([site for site in network["sites"] if not site["national"]])
    print(
        f"\nNetwork: {single['articles']} articles (1 federation) against {network['articles']} (the network),"
        f" {NETWORK_SERVERS} gunicorn instances (1 worker each) behind nginx (deploy/nginx.conf, round robin,"
        f" micro-cache off), Redis shared, page cache off; wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s with each"
        f" site's Host; network = median req/s and worst p50 of {federations} federations; ratio = single req/s ÷"
        f" network req/s (target ≤ {NETWORK_MAX_RATIO}×; national: a federation's home or search ÷ it,"
        f" ≤ {NATIONAL_MAX_RATIO}×);"
        f" cold CPU ms and queries in-process (single→network). Load average: {load_average()}"
    )
    headers = ["page", "single req/s", "p50 ms", "network req/s", "p50 ms", "ratio", "cold CPU ms", "queries"]
    print(format_table(headers, rows, right={1, 2, 3, 4, 5}))
    for site in network["sites"]:
        print(f"  {site['label']:<12} {site['host']:<32} {site['urls']}")
    print(f"\nNetwork targets missed: {len(missed)}", *(f"  - {miss}" for miss in missed), sep="\n")
    print(f"Bench took {time.monotonic() - started:.0f} s; load average after: {load_average()}.")
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


# --- main -----------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def create_database() -> None:
    import dj_database_url

    url = os.environ["DATABASE_URL"]
    config = dj_database_url.parse(url)
    if "sqlite" in config["ENGINE"]:
        for suffix in ("", "-wal", "-shm"):
            Path(str(config["NAME"]) + suffix).unlink(missing_ok=True)
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        print(f"SQLite: {config['NAME']} (mới)")
        return
    import psycopg2

    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()
    print(f"PostgreSQL: {config['NAME']} (mới)")


def server_env(page_cache_seconds: int, redis_url: str) -> dict:
    env = {**os.environ, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def measure(run: str, urls: dict, seconds: int, redis_url: str, keep_running: bool = False):
    from django.core.cache import cache

    cache.clear()  # Redis: no page or version left from an earlier bench
    port = free_port()
    process = start_gunicorn(port, server_env(600 if run == "cached" else 0, redis_url))
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        results = {}
        for page, url in urls.items():
            headers = warm_up(base + url)
            if run == "cached" and page != "healthz" and headers.get("X-Page-Cache") != "hit":
                print(f"  ! {page}: X-Page-Cache={headers.get('X-Page-Cache')} after warm-up (expected hit)")
            results[page] = run_wrk(base + url, seconds)
            print(f"  {run:<8} {page:<8} {results[page].rps:8.0f} req/s", flush=True)
        floor = results["healthz"].rps
        rows = [Row(page, run, result, floor) for page, result in results.items()]
    except BaseException:
        stop(process)
        raise
    if keep_running:
        return rows, process, port
    stop(process)
    return rows, None, None


def main(argv: list[str]) -> int:
    if argv[1:2] == ["createdb"]:
        create_database()
        return 0
    if argv[1:2] == ["network"]:
        return run_network()
    if argv[1:2] == ["network-pages"]:  # one database's sites and cold pages, as JSON (run_network)
        import json

        setup_django()
        Path(argv[2]).write_text(json.dumps(network_pages(), indent=1))
        return 0
    if argv[1:2] == ["count-instructions"]:  # the child of instruction_counts, under valgrind
        import json

        setup_django()
        count_instructions(json.loads(argv[2]), int(argv[3]))
        return 0
    if argv[1:2] == ["growth"]:  # the small size (make bench measures it first)
        setup_django()
        run_growth(store_only=True)
        return 0
    if argv[1:2] == ["growth-table"]:  # this size against the small one, without the load runs
        setup_django()
        missed = run_growth()
        print(f"\nGrowth and search targets missed: {len(missed)}", *(f"  - {miss}" for miss in missed), sep="\n")
        return 0
    started = time.monotonic()
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    redis_url = os.environ.get("BENCH_REDIS_URL", "")
    if redis_url:
        os.environ["REDIS_URL"] = redis_url  # this process clears the same cache the servers use
    else:
        os.environ.pop("REDIS_URL", None)
    setup_django()
    from django.db import connection

    from news.models import Article

    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    urls = target_urls()
    count = Article.objects.count()
    cache_name = "Redis" if redis_url else "LocMem (per worker)"
    print(
        f"\n== make bench: {vendor}, {count} bài viết, gunicorn {WORKERS} workers, "
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s --timeout={TIMEOUT}s, cache: {cache_name} ==\n"
        f"   {os.cpu_count()} CPUs, load average before: {load_average()} (other work skews every figure)\n"
    )

    growth_misses = run_growth()
    query_rows = count_queries(urls)
    weight_rows, weight_kb, css_url = page_weight()

    uncached, _, _ = measure("uncached", urls, seconds, redis_url)
    cached, process, port = measure("cached", urls, seconds, redis_url, keep_running=True)
    try:
        nginx_rows = run_nginx(port, urls, css_url, seconds, cached[0].floor_rps)
    finally:
        stop(process)

    by_page = {}
    for row in uncached + cached:
        by_page.setdefault(row.page, []).append(row)
    ordered = [row for page in urls for row in by_page[page]]
    headers = ["page", "run", "req/s", "p50 ms", "p99 ms", "errors", "× floor", "target", "result"]
    print("\nLoad (× floor = req/s ÷ /healthz req/s in the same run)")
    print(format_table(headers, load_rows(ordered), right={2, 3, 4, 5, 6}))
    if nginx_rows:
        print("\nnginx in front (micro-cache; × floor = ÷ nginx serving a static file)")
        print(format_table(headers, load_rows(nginx_rows), right={2, 3, 4, 5, 6}))

    print(
        "\nPer page, in this process (test client, page cache off): SQL queries and median render time;"
        "\ncold = every cache empty (as right after an edit), warm = fragments and header cached"
    )
    print(format_table(["page", "url", "queries cold", "warm", "ms cold", "ms warm"], query_rows, right={2, 3, 4, 5}))

    print(f"\nPage weight, home (target ≤ {MAX_WEIGHT_KB:g} KB compressed, images excluded)")
    print(format_table(["resource", "KB", "KB gzip"], weight_rows, right={1, 2}))

    all_misses = [f"{row.page} ({row.run}): {m}" for row in ordered + nginx_rows for m in misses(row)]
    all_misses += weight_miss(weight_kb) + growth_misses
    print(f"\nTargets missed: {len(all_misses)}")
    for miss in all_misses:
        print(f"  - {miss}")
    print(f"\nBench took {time.monotonic() - started:.0f} s (load part); load average after: {load_average()}.")
    return 1 if all_misses and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
