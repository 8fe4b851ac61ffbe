"""`make bench-contest`: contestants registering and taking a 20-question attempt at once.

Against gunicorn on PostgreSQL (a database made afresh): each simulated contestant opens the
registration form, registers (and so logs in), starts an attempt, opens it, saves its 20
answers one by one the way the page's script does (one choice, posted without cookies to the
attempt's save address with the page's attempt token), changing some answers, with a think
time between them, then submits. Afterwards the database is compared with what every client
was told was saved: answers lost or counted twice, attempts opened twice, scores that differ
from a count of the saved choices, and 5xx responses.

Prints, beside the latencies (p50/p95/p99 per kind of request; targets: save p99 < 300 ms,
registration p99 < 1 s), what the machine was doing (cores, an Argon2 hash as calibration,
load average and CPU steal before and after, from /proc) and the server CPU the requests cost:
over the whole run (gunicorn processes' utime+stime from /proc/<pid>/stat, all requests
together), then per kind of request in a probe run afterwards, sequential on the otherwise idle
servers (target ≤ 5 ms of gunicorn CPU for a save, start, attempt page and submit), with the
PostgreSQL backends' CPU beside it.

Environment: CONTEST_BENCH_USERS (300), CONTEST_BENCH_RAMP seconds over which they arrive
(USERS / 10), CONTEST_BENCH_THINK "min,max" seconds between answers (1,4),
CONTEST_BENCH_SERVERS (1) gunicorn instances, behind nginx when more than one (its upstream
balancing over them, as on the network's app servers), each with CONTEST_BENCH_WORKERS (2)
gthread workers of CONTEST_BENCH_THREADS (8) threads (1: gunicorn's sync workers, as `make run`
starts), CONTEST_BENCH_PROBE (40) contestants in the per-request CPU probe (0: none),
CONTEST_BENCH_SPLIT=1 to have everyone register first and only then take the attempt,
BENCH_STRICT=1 to exit 1 on a miss. With many contestants the run also reports, per time
window, how many were answering, requests a second and the save p99: where the servers
saturate.
"""

import datetime
import http.cookiejar
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from tools.run_bench import (  # noqa: E402
    BENCH_DIR,
    create_database,
    free_port,
    load_average,
    nginx_in_front,
    start_gunicorn,
    stop,
)

USERS = int(os.environ.get("CONTEST_BENCH_USERS", "300"))
RAMP = float(os.environ.get("CONTEST_BENCH_RAMP") or USERS / 10)
THINK = tuple(float(part) for part in os.environ.get("CONTEST_BENCH_THINK", "1,4").split(","))
SERVERS = int(os.environ.get("CONTEST_BENCH_SERVERS", "1"))
WORKERS = int(os.environ.get("CONTEST_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("CONTEST_BENCH_THREADS", "8"))
PROBE = int(os.environ.get("CONTEST_BENCH_PROBE", "40"))
SPLIT = os.environ.get("CONTEST_BENCH_SPLIT") == "1"
REGISTERED = threading.Barrier(USERS) if SPLIT else None
QUESTIONS = 20
BANK = 60
UNITS = 80
P99_TARGET_MS = 300
REGISTRATION_P99_TARGET_MS = 1000
CPU_TARGET_MS = 5.0
HOT = ("save", "start", "load", "submit")  # the attempt page's requests, held to CPU_TARGET_MS
SLUG = "cuoc-thi-do-tai"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def seed() -> dict:
    from django.contrib.auth.models import User  # noqa: F401  (apps ready)
    from django.utils import timezone

    from campaigns.models import Campaign, CampaignKind
    from contests.models import Contest, Option, Question, Round, Unit, UnitGroup

    kind, _ = CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        title="Cuộc thi đo tải",
        slug=SLUG,
        kind=kind,
        summary="Cuộc thi giả lập cho make bench-contest.",
        organiser="Ban Thường vụ LĐLĐ tỉnh",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=30),
        is_published=True,
    )
    contest = Contest.objects.create(campaign=campaign, slug=SLUG, rules="Thể lệ thử.")
    now = timezone.now()
    round_ = Round.objects.create(
        contest=contest,
        order=1,
        name="Đợt 1",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
        time_limit_minutes=20,
        attempts_allowed=2,
        questions_per_attempt=QUESTIONS,
    )
    for number in range(1, BANK + 1):
        question = Question.objects.create(round=round_, text=f"Câu hỏi thử số {number}?", order=number)
        correct = random.randrange(4)
        Option.objects.bulk_create(
            Option(question=question, text=f"Phương án {letter}", is_correct=index == correct, order=index)
            for index, letter in enumerate("ABCD")
        )
    groups = [UnitGroup.objects.create(name=f"LĐLĐ huyện thử {n}", order=n) for n in range(1, 9)]
    units = [
        Unit.objects.create(name=f"Công đoàn cơ sở thử {n}", group=groups[n % len(groups)], order=n)
        for n in range(1, UNITS + 1)
    ]
    return {"round": round_.pk, "units": [unit.pk for unit in units]}


# --- what the machine and the servers are doing ---------------------------------------


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of one process, from /proc/<pid>/stat (in clock ticks: 10 ms)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


class CpuMeter:
    """CPU used between two snapshots by a changing set of processes. A process seen only
    later started meanwhile and counts in full; for one that ends meanwhile (a database
    connection closed after CONN_MAX_AGE) its last sample counts, so sample() now and then."""

    def __init__(self, pids_of):
        self.pids_of = pids_of
        self.before = self.snapshot()
        self.latest = dict(self.before)

    def snapshot(self) -> dict[int, float]:
        return {pid: cpu for pid in self.pids_of() if (cpu := cpu_seconds(pid)) is not None}

    def sample(self) -> None:
        self.latest.update(self.snapshot())

    def used(self) -> float:
        self.sample()
        return sum(cpu - self.before.get(pid, 0.0) for pid, cpu in self.latest.items())


def gunicorn_pids(servers: list[subprocess.Popen]):
    def pids():
        return [pid for server in servers for pid in (server.pid, *children(server.pid))]

    return pids


def postgres_pids(dbname: str):
    """The PostgreSQL backends serving the bench database (same machine: /proc is readable)."""
    import psycopg2
    from django.conf import settings

    config = settings.DATABASES["default"]
    connection = psycopg2.connect(
        dbname=config["NAME"], user=config["USER"], password=config["PASSWORD"] or None, host=config["HOST"]
    )
    connection.autocommit = True

    def pids():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [dbname])
            return [row[0] for row in cursor.fetchall()]

    return pids


def proc_stat() -> list[int]:
    return [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def machine_share(before: list[int], after: list[int]) -> str:
    """Busy and stolen shares of all cores between two /proc/stat readings."""
    delta = [b - a for a, b in zip(before, after, strict=False)]
    total = sum(delta[:8]) or 1  # user nice system idle iowait irq softirq steal
    idle = delta[3] + delta[4]
    return f"bận {100 * (total - idle) / total:.0f}%, steal {100 * delta[7] / total:.1f}%"


def argon2_calibration() -> str:
    """The project's password hash, timed here: compares this machine with the one the
    README's figures were taken on (a registration costs about one hash)."""
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher()
    cpu, wall = [], []
    for _ in range(7):
        started_cpu, started = time.process_time(), time.perf_counter()
        hasher.encode("mat-khau-do-tai-2024", hasher.salt())
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return (
        f"một lần băm {hasher.algorithm}: {statistics.median(cpu) * 1000:.0f} ms CPU "
        f"({statistics.median(wall) * 1000:.0f} ms thực), trung vị 7 lần"
    )


def machine_line(seconds: float = 3.0) -> str:
    """Cores, the load average and what all cores did over the next `seconds` (busy, stolen):
    printed before and after the run, so a figure taken on a busier machine shows it."""
    before = proc_stat()
    time.sleep(seconds)
    return (
        f"{os.cpu_count()} nhân, tải trung bình {load_average()}, "
        f"trong {seconds:g} s: {machine_share(before, proc_stat())}"
    )


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'name="q-(\d+)" value="([^"]+)"')
SAVE_URL = re.compile(r'data-save-url="([^"]+)"')
TOKEN = re.compile(r'data-token="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One contestant's browser: pages with its cookies, saves without (fetch's "omit")."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.bare = urllib.request.build_opener(NoRedirect())
        self.log: list[tuple[str, float, float, int]] = []  # kind, finished at, seconds, status

    def request(self, kind: str, path: str, data: dict | None = None, headers: dict | None = None, cookies=True):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        began = time.monotonic()
        try:
            with (self.opener if cookies else self.bare).open(request, timeout=120) as response:
                status, location, content = response.status, response.headers.get("Location"), response.read()
        except urllib.error.HTTPError as error:
            status, location, content = error.code, error.headers.get("Location"), error.read()
        finished = time.monotonic()
        self.log.append((kind, finished, finished - began, status))
        return status, location, content.decode("utf-8", "replace")


class Contestant(threading.Thread):
    def __init__(self, index: int, base: str, plan: dict, start_at: float, think=THINK):
        super().__init__(daemon=True)
        self.index = index
        self.client = Client(base)
        self.plan = plan
        self.start_at = start_at
        self.think = think
        self.save_failures = 0
        self.choices: dict[int, str] = {}  # question → the option's per-attempt value, saved
        self.picked: dict[int, str] = {}  # question → the option checked on the page
        # Values sent after the last confirmed save whose outcome the client never learnt (a
        # 5xx, a proxy's timeout): the server may have stored them, or not.
        self.unsure: dict[int, set[str]] = {}
        self.submitted = False
        self.attempt_id: int | None = None
        self.error: str | None = None
        self.started_at = self.finished_at = None

    def run(self):
        try:
            time.sleep(max(0.0, self.start_at - time.monotonic()))
            self.started_at = time.monotonic()
            self.take_part()
        except Exception as error:  # reported, never raised: one client's failure is a figure
            self.error = f"{type(error).__name__}: {error}"
            if REGISTERED is not None:
                REGISTERED.abort()
        finally:
            self.finished_at = time.monotonic()

    def post(self, kind: str, path: str, token: str, data: dict):
        return self.client.request(kind, path, {"csrfmiddlewaretoken": token, **data})

    # The steps, one method each so that the probe can run each kind of request in a batch.
    def open_registration(self):
        _, _, html = self.client.request("registration form", f"/cuoc-thi/{SLUG}/dang-ky/")
        self.csrf = CSRF.search(html).group(1)

    def register(self):
        status, _, _ = self.post(
            "registration",
            f"/cuoc-thi/{SLUG}/dang-ky/",
            self.csrf,
            {
                "full_name": f"Thí sinh thử {self.index}",
                "phone": f"09{self.index:08d}",
                "password1": "mat-khau-do-tai-2024",
                "password2": "mat-khau-do-tai-2024",
                "date_of_birth": "17/05/1990",
                "unit": random.choice(self.plan["units"]),
                "consent": "on",
            },
        )
        if status != 302:
            raise RuntimeError(f"registration answered {status}")

    def open_mine(self):
        _, _, html = self.client.request("my attempts", f"/cuoc-thi/{SLUG}/cua-toi/")
        self.csrf = CSRF.search(html).group(1)

    def start_attempt(self):
        status, location, _ = self.post("start", f"/cuoc-thi/{SLUG}/dot/{self.plan['round']}/bat-dau/", self.csrf, {})
        match = re.search(r"/luot/(\d+)/", location or "")
        if status != 302 or not match:
            raise RuntimeError(f"start answered {status} {location}")
        self.attempt_id = int(match.group(1))

    def load(self):
        _, _, html = self.client.request("load", f"/cuoc-thi/{SLUG}/luot/{self.attempt_id}/")
        self.save_url = SAVE_URL.search(html).group(1)
        self.token = TOKEN.search(html).group(1)
        self.options: dict[int, list[str]] = {}
        for question, option in RADIO.findall(html):
            self.options.setdefault(int(question), []).append(option)
        if len(self.options) != QUESTIONS:
            raise RuntimeError(f"attempt page shows {len(self.options)} questions")
        # A few answers are changed later, as contestants do.
        self.order = list(self.options) + random.sample(list(self.options), 3)

    def save(self, question: int):
        option = random.choice(self.options[question])
        try:
            status, _, body = self.client.request(
                "save",
                self.save_url,
                {f"q-{question}": option},
                {"Accept": "application/json", "X-Attempt-Token": self.token},
                cookies=False,
            )
        except OSError:  # no answer at all: the save may or may not have been stored
            self.unsure.setdefault(question, set()).add(option)
            raise
        self.picked[question] = option
        if status == 200 and '"saved": 1' in body:
            self.choices[question] = option
            self.unsure.pop(question, None)
        else:
            self.save_failures += 1
            if status >= 500:
                self.unsure.setdefault(question, set()).add(option)

    def submit(self):
        # "Nộp bài" posts the whole form: every checked option, as a browser does.
        # The page's form proves its origin with the attempt token (contests.views._forged).
        form = {f"q-{question}": option for question, option in self.picked.items()}
        form.update({"ma-luot": self.token, "nop": "1"})
        status, _, _ = self.client.request("submit", f"/cuoc-thi/{SLUG}/luot/{self.attempt_id}/", form)
        if status != 302:
            for question, option in self.picked.items():
                self.unsure.setdefault(question, set()).add(option)
            raise RuntimeError(f"submit answered {status}")
        self.choices.update(self.picked)
        self.unsure.clear()
        self.submitted = True

    def take_part(self):
        self.open_registration()
        self.register()
        if REGISTERED is not None:
            REGISTERED.wait(timeout=900)
        self.open_mine()
        self.start_attempt()
        self.load()
        for question in self.order:
            time.sleep(random.uniform(*self.think))
            self.save(question)
        self.submit()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def verify(contestants: list[Contestant]) -> dict:
    from django.db.models import Count

    from contests.models import Answer, Attempt, Option
    from contests.services import option_value

    attempts = {attempt.pk: attempt for attempt in Attempt.objects.all()}
    saved = {}
    for attempt_id, question_id, option_id in Answer.objects.values_list("attempt_id", "question_id", "option_id"):
        saved.setdefault(attempt_id, {})[question_id] = option_id
    correct = set(Option.objects.filter(is_correct=True).values_list("pk", flat=True))
    lost = wrong_score = unsubmitted = left_open = 0
    for contestant in contestants:
        if contestant.attempt_id is None:
            continue
        rows = saved.get(contestant.attempt_id, {})
        stored = {question: option_value(contestant.attempt_id, option) for question, option in rows.items()}
        lost += sum(
            1
            for question, option in contestant.choices.items()
            if stored.get(question) != option and stored.get(question) not in contestant.unsure.get(question, ())
        )
        attempt = attempts[contestant.attempt_id]
        if attempt.submitted_at is None:
            unsubmitted += contestant.submitted  # told "submitted" (302), yet open
            left_open += not contestant.submitted
        elif attempt.score != sum(1 for option in rows.values() if option in correct):
            wrong_score += 1
    doubled = Answer.objects.values("attempt_id", "question_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    double_attempts = (
        Attempt.objects.values("contestant_id", "round_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    return {
        "lost": lost,
        "doubled": doubled,
        "double_attempts": double_attempts,
        "wrong_score": wrong_score,
        "unsubmitted": unsubmitted,
        "left_open": left_open,
        "answers": sum(len(rows) for rows in saved.values()),
    }


def probe(base: str, plan: dict, gunicorn, postgres) -> dict[str, tuple[float, float, int]]:
    """Server CPU per request of each kind: PROBE new contestants, one request at a time on
    the otherwise idle servers, each kind in one batch between two /proc readings (a clock
    tick is 10 ms; a batch of 40 makes the error at most 0.25 ms a request)."""
    people = [Contestant(USERS + index, base, plan, 0.0) for index in range(1, PROBE + 1)]
    steps = [
        ("registration form", lambda c: c.open_registration()),
        ("registration", lambda c: c.register()),
        ("my attempts", lambda c: c.open_mine()),
        ("start", lambda c: c.start_attempt()),
        ("load", lambda c: c.load()),
        ("save", lambda c: [c.save(question) for question in c.order]),
        ("submit", lambda c: c.submit()),
    ]
    figures = {}
    for kind, step in steps:
        server, database = CpuMeter(gunicorn), CpuMeter(postgres)
        for person in people:
            step(person)
        count = sum(1 for person in people for entry in person.client.log if entry[0] == kind)
        figures[kind] = (server.used() * 1000 / count, database.used() * 1000 / count, count)
    return figures


def start_servers(env: dict) -> tuple[list[subprocess.Popen], str, subprocess.Popen | None]:
    """SERVERS gunicorn instances; behind nginx (round robin) when more than one."""
    # One thread: gunicorn's default sync workers, as `make run` and the README's production.
    threads = ("--worker-class", "gthread", "--threads", str(THREADS)) if THREADS > 1 else ()
    servers, ports = [], []
    try:
        for _ in range(SERVERS):
            ports.append(free_port())
            servers.append(start_gunicorn(ports[-1], env, workers=WORKERS, extra=threads))
        if SERVERS == 1:
            return servers, f"http://127.0.0.1:{ports[0]}", None
        from django.conf import settings

        def many_connections(text: str) -> str:
            # Thousands of contestants: each request in flight holds two connections in nginx.
            return "worker_rlimit_nofile 20000;\n" + text.replace(
                "worker_connections 1024;", "worker_connections 8192;"
            )

        proxy, port = nginx_in_front(
            ports,
            BENCH_DIR / "contest-nginx",
            static_root=Path(settings.STATIC_ROOT),
            media_root=Path(settings.MEDIA_ROOT),
            micro_cache=True,
            tweak=many_connections,
        )
        return servers, f"http://127.0.0.1:{port}", proxy
    except BaseException:
        for server in servers:
            stop(server)
        raise


def saturation(contestants: list[Contestant], began: float, elapsed: float) -> list[str]:
    """Per time window: contestants taking part, requests a second, save p50/p99; the first
    window whose save p99 reaches the target is where the servers saturate."""
    window = max(10.0, round(RAMP / 10 / 5) * 5)
    rows, saturated = [], None
    for start in range(0, int(elapsed) + 1, int(window)):
        low, high = began + start, began + start + window
        active = sum(1 for c in contestants if c.started_at and c.started_at < high and (c.finished_at or high) > low)
        entries = [entry for c in contestants for entry in c.client.log if low <= entry[1] < high]
        saves = [entry[2] * 1000 for entry in entries if entry[0] == "save"]
        if not entries:
            continue
        p99 = percentile(saves, 0.99)
        if saturated is None and p99 >= P99_TARGET_MS:
            saturated = (start, active, len(entries) / window)
        rows.append(
            f"  {start:>4}–{start + window:.0f} s: {active:>5} đang thi · {len(entries) / window:6.1f} yêu cầu/s · "
            f"lưu p50 {percentile(saves, 0.5):5.0f} ms, p99 {p99:6.0f} ms"
        )
    if saturated is None:
        rows.append("  chưa bão hoà: p99 của lưu câu trả lời dưới mục tiêu trong mọi khoảng.")
    else:
        rows.append(
            f"  bão hoà từ giây {saturated[0]}: {saturated[1]} thí sinh đang thi, "
            f"{saturated[2]:.0f} yêu cầu/s (p99 lưu ≥ {P99_TARGET_MS} ms)"
        )
    return rows


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        print("make bench-contest needs PostgreSQL: DATABASE_URL=postgres://…/congdoan_bench_contest")
        return 2
    create_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    plan = seed()
    connections.close_all()
    calibration = argon2_calibration()
    # Thousands of client threads, each with its own connections.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * USERS + 1024)), hard))
    threading.stack_size(512 * 1024)

    env = {
        **os.environ,
        "PAGE_CACHE_SECONDS": "0",
        "STATIC_HASHED": "0",
        # Every simulated contestant comes from 127.0.0.1: the per-address registration
        # limit (60 a minute) would refuse all but the first 60.
        "CONTEST_REGISTRATIONS_PER_MINUTE": str(10 * USERS),
        "CONTEST_REGISTRATIONS_PER_HOUR": str(10 * USERS),
    }
    servers, base, proxy = start_servers(env)
    gunicorn = gunicorn_pids(servers)
    postgres = postgres_pids(settings.DATABASES["default"]["NAME"])
    try:
        print(
            f"\n== make bench-contest: {USERS} thí sinh đến trong {RAMP:.0f} s, {QUESTIONS} câu mỗi lượt "
            f"(+3 câu sửa lại), nghỉ {THINK[0]:g}–{THINK[1]:g} s giữa hai câu; {SERVERS} gunicorn "
            f"{WORKERS}×{THREADS} luồng{' sau nginx' if proxy else ''}, PostgreSQL"
            f"{'; đăng ký xong hết rồi mới thi' if SPLIT else ''}"
        )
        print(f"máy: {machine_line()} trước khi chạy; {calibration}")
        stat_before = proc_stat()
        server_cpu, database_cpu, client_cpu = CpuMeter(gunicorn), CpuMeter(postgres), time.process_time()
        began = time.monotonic()
        contestants = [
            Contestant(index, base, plan, began + RAMP * index / max(1, USERS)) for index in range(1, USERS + 1)
        ]
        for contestant in contestants:
            contestant.start()
        for contestant in contestants:
            while contestant.is_alive() and time.monotonic() < began + RAMP + 900:
                contestant.join(timeout=1.0)
                server_cpu.sample()
                database_cpu.sample()
        elapsed = time.monotonic() - began
        run_cpu = (server_cpu.used(), database_cpu.used(), time.process_time() - client_cpu)
        stat_after = proc_stat()
        machine_after = machine_line()
        per_kind = probe(base, plan, gunicorn, postgres) if PROBE else {}
    finally:
        for server in servers:
            stop(server)
        if proxy is not None:
            stop(proxy)

    figures = verify(contestants)
    log = [entry for contestant in contestants for entry in contestant.client.log]
    latency = {}
    for kind, _, seconds, _ in log:
        latency.setdefault(kind, []).append(seconds * 1000)
    saves = latency.get("save", [])
    registrations = latency.get("registration", [])
    server_errors = sum(1 for entry in log if entry[3] >= 500)
    failed = [contestant for contestant in contestants if contestant.error]
    p99 = percentile(saves, 0.99)
    registration_p99 = percentile(registrations, 0.99)
    print(
        f"thời gian chạy: {elapsed:.0f} s · yêu cầu: {len(log)} · "
        f"trong lúc chạy, cả máy: {machine_share(stat_before, stat_after)}"
    )
    print(f"máy sau khi chạy: {machine_after}")
    print(
        f"thí sinh hoàn thành: {USERS - len(failed)}/{USERS}"
        + (f" · lỗi đầu tiên: {failed[0].error}" if failed else "")
    )
    for kind in ("registration", "my attempts", "start", "load", "save", "submit"):
        values = latency.get(kind, [])
        print(
            f"  {kind:<13} {len(values):>6} lần: p50 {percentile(values, 0.5):5.0f} ms, "
            f"p95 {percentile(values, 0.95):5.0f} ms, p99 {percentile(values, 0.99):5.0f} ms, "
            f"lớn nhất {max(values, default=0):5.0f} ms"
        )
    print(
        f"mục tiêu: lưu p99 < {P99_TARGET_MS} ms (đạt {p99:.0f} ms), "
        f"đăng ký p99 < {REGISTRATION_P99_TARGET_MS} ms (đạt {registration_p99:.0f} ms)"
    )
    print(
        f"CPU cả lượt chạy: gunicorn {run_cpu[0]:.1f} s ({run_cpu[0] * 1000 / max(1, len(log)):.1f} ms mỗi yêu cầu, "
        f"kể cả băm mật khẩu khi đăng ký), PostgreSQL {run_cpu[1]:.1f} s "
        f"({run_cpu[1] * 1000 / max(1, len(log)):.1f} ms mỗi yêu cầu), các thí sinh giả lập {run_cpu[2]:.1f} s"
    )
    if per_kind:
        print(f"CPU mỗi yêu cầu, đo riêng từng loại ({PROBE} thí sinh, lần lượt, máy chủ không tải khác):")
        for kind, (server_ms, database_ms, count) in per_kind.items():
            mark = (" ✓" if server_ms <= CPU_TARGET_MS else " ✗ > 5 ms") if kind in HOT else ""
            print(f"  {kind:<17} {count:>4} lần: gunicorn {server_ms:5.1f} ms, PostgreSQL {database_ms:4.1f} ms{mark}")
    if USERS >= 1000 or SERVERS > 1:
        print("theo thời gian:")
        print("\n".join(saturation(contestants, began, elapsed)))
    print(
        f"câu trả lời trong CSDL: {figures['answers']} · bị mất: {figures['lost']} · trùng: {figures['doubled']} · "
        f"lượt thi mở trùng: {figures['double_attempts']} · điểm sai: {figures['wrong_score']} · "
        f"đã báo nộp mà chưa nộp: {figures['unsubmitted']} · "
        f"bỏ dở (thí sinh lỗi): {figures['left_open']} · lưu bị từ chối: {sum(c.save_failures for c in contestants)} · "
        f"lỗi 5xx: {server_errors}"
    )
    missed = []
    if p99 >= P99_TARGET_MS:
        missed.append(f"lưu p99 {p99:.0f} ms ≥ {P99_TARGET_MS} ms")
    if registration_p99 >= REGISTRATION_P99_TARGET_MS:
        missed.append(f"đăng ký p99 {registration_p99:.0f} ms ≥ {REGISTRATION_P99_TARGET_MS} ms")
    for kind in HOT:
        if kind in per_kind and per_kind[kind][0] > CPU_TARGET_MS:
            missed.append(f"{kind}: {per_kind[kind][0]:.1f} ms CPU > {CPU_TARGET_MS:g} ms")
    for name in ("lost", "doubled", "double_attempts", "wrong_score", "unsubmitted"):
        if figures[name]:
            missed.append(f"{name} = {figures[name]}")
    if server_errors:
        missed.append(f"{server_errors} lỗi 5xx")
    if failed:
        missed.append(f"{len(failed)} thí sinh không hoàn thành")
    print("KHÔNG ĐẠT: " + "; ".join(missed) if missed else "ĐẠT mọi mục tiêu.")
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
