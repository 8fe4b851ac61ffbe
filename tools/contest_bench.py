"""`make bench-contest`: contestants registering and taking a 20-question attempt at once.

Against gunicorn on PostgreSQL (database congdoan_bench_contest, made afresh): each simulated
contestant opens the registration form, registers (and so logs in), starts an attempt, saves
its 20 answers one by one the way the page's script does (a POST answered in JSON), changing
some answers, with a think time between them, then submits. Afterwards the database is
compared with what every client was told was saved: answers lost or counted twice, attempts
opened twice, scores that differ from a count of the saved choices, and 5xx responses.
Prints the figures and the p50/p95/p99 of an answer save (target p99 < 300 ms).

Environment: CONTEST_BENCH_USERS (300), CONTEST_BENCH_RAMP seconds over which they arrive (30),
CONTEST_BENCH_THINK "min,max" seconds between answers (1,4), CONTEST_BENCH_WORKERS (2) and
CONTEST_BENCH_THREADS (8) for gunicorn's gthread workers, CONTEST_BENCH_SPLIT=1 to have everyone
register first and only then take the attempt (answer saves measured without registrations'
password hashing competing for the CPU), BENCH_STRICT=1 to exit 1 on a miss.
"""

import datetime
import http.cookiejar
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from tools.run_bench import create_database, free_port, load_average, start_gunicorn, stop  # noqa: E402

USERS = int(os.environ.get("CONTEST_BENCH_USERS", "300"))
RAMP = float(os.environ.get("CONTEST_BENCH_RAMP", "30"))
THINK = tuple(float(part) for part in os.environ.get("CONTEST_BENCH_THINK", "1,4").split(","))
WORKERS = int(os.environ.get("CONTEST_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("CONTEST_BENCH_THREADS", "8"))
SPLIT = os.environ.get("CONTEST_BENCH_SPLIT") == "1"
REGISTERED = threading.Barrier(USERS) if SPLIT else None
QUESTIONS = 20
BANK = 60
UNITS = 80
P99_TARGET_MS = 300
SLUG = "cuoc-thi-do-tai"


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


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'name="q-(\d+)" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.statuses: list[int] = []

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                status, location, content = response.status, response.headers.get("Location"), response.read()
        except urllib.error.HTTPError as error:
            status, location, content = error.code, error.headers.get("Location"), error.read()
        self.statuses.append(status)
        return status, location, content.decode("utf-8", "replace")


class Contestant(threading.Thread):
    def __init__(self, index: int, base: str, plan: dict, start_at: float):
        super().__init__(daemon=True)
        self.index = index
        self.client = Client(base)
        self.plan = plan
        self.start_at = start_at
        self.saves: list[float] = []
        self.save_failures = 0
        self.choices: dict[int, str] = {}  # question → the option's per-attempt value
        self.attempt_id: int | None = None
        self.error: str | None = None
        self.register_seconds = 0.0

    def run(self):
        try:
            time.sleep(max(0.0, self.start_at - time.monotonic()))
            self.take_part()
        except Exception as error:  # reported, never raised: one client's failure is a figure
            self.error = f"{type(error).__name__}: {error}"
            if REGISTERED is not None:
                REGISTERED.abort()

    def post(self, path: str, token: str, data: dict, headers=None):
        return self.client.request(path, {"csrfmiddlewaretoken": token, **data}, headers)

    def take_part(self):
        contest = f"/cuoc-thi/{SLUG}/"
        status, _, html = self.client.request(contest + "dang-ky/")
        token = CSRF.search(html).group(1)
        began = time.monotonic()
        status, location, html = self.post(
            contest + "dang-ky/",
            token,
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
        self.register_seconds = time.monotonic() - began
        if status != 302:
            raise RuntimeError(f"registration answered {status}")
        if REGISTERED is not None:
            REGISTERED.wait(timeout=900)
        status, _, html = self.client.request(contest + "cua-toi/")
        token = CSRF.search(html).group(1)
        status, location, _ = self.post(contest + f"dot/{self.plan['round']}/bat-dau/", token, {})
        match = re.search(r"/luot/(\d+)/", location or "")
        if status != 302 or not match:
            raise RuntimeError(f"start answered {status} {location}")
        self.attempt_id = int(match.group(1))
        path = contest + f"luot/{self.attempt_id}/"
        status, _, html = self.client.request(path)
        token = CSRF.search(html).group(1)
        options: dict[int, list[str]] = {}
        for question, option in RADIO.findall(html):
            options.setdefault(int(question), []).append(option)
        if len(options) != QUESTIONS:
            raise RuntimeError(f"attempt page shows {len(options)} questions")
        order = list(options)
        # A few answers are changed later, as contestants do.
        order += random.sample(order, 3)
        for question in order:
            time.sleep(random.uniform(*THINK))
            option = random.choice(options[question])
            began = time.monotonic()
            status, _, body = self.post(
                path, token, {f"q-{question}": option, "luu": question}, {"Accept": "application/json"}
            )
            self.saves.append(time.monotonic() - began)
            if status == 200 and '"saved": 1' in body:
                self.choices[question] = option
            else:
                self.save_failures += 1
        status, _, _ = self.post(path, token, {"nop": "1"})
        if status != 302:
            raise RuntimeError(f"submit answered {status}")


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
    lost = wrong_score = unsubmitted = 0
    for contestant in contestants:
        if contestant.attempt_id is None:
            continue
        rows = saved.get(contestant.attempt_id, {})
        stored = {question: option_value(contestant.attempt_id, option) for question, option in rows.items()}
        lost += sum(1 for question, option in contestant.choices.items() if stored.get(question) != option)
        attempt = attempts[contestant.attempt_id]
        if attempt.submitted_at is None:
            unsubmitted += 1
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
        "answers": sum(len(rows) for rows in saved.values()),
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        print("make bench-contest needs PostgreSQL: DATABASE_URL=postgres://…/congdoan_bench_contest")
        return 2
    create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    plan = seed()
    connections.close_all()

    port = free_port()
    env = {**os.environ, "PAGE_CACHE_SECONDS": "0", "STATIC_HASHED": "0"}
    server = start_gunicorn(port, env, workers=WORKERS, extra=("--worker-class", "gthread", "--threads", str(THREADS)))
    try:
        base = f"http://127.0.0.1:{port}"
        print(
            f"\n== make bench-contest: {USERS} thí sinh đến trong {RAMP:.0f} s, {QUESTIONS} câu mỗi lượt "
            f"(+3 câu sửa lại), nghỉ {THINK[0]:g}–{THINK[1]:g} s giữa hai câu; gunicorn {WORKERS}×{THREADS} "
            f"luồng, PostgreSQL{'; đăng ký xong hết rồi mới thi' if SPLIT else ''}; "
            f"tải máy trước khi chạy: {load_average()}"
        )
        began = time.monotonic()
        contestants = [
            Contestant(index, base, plan, began + RAMP * index / max(1, USERS)) for index in range(1, USERS + 1)
        ]
        for contestant in contestants:
            contestant.start()
        for contestant in contestants:
            contestant.join(timeout=RAMP + 600)
        elapsed = time.monotonic() - began
    finally:
        stop(server)

    figures = verify(contestants)
    saves = [seconds * 1000 for contestant in contestants for seconds in contestant.saves]
    statuses = [status for contestant in contestants for status in contestant.client.statuses]
    server_errors = sum(1 for status in statuses if status >= 500)
    failed = [contestant for contestant in contestants if contestant.error]
    registrations = [contestant.register_seconds * 1000 for contestant in contestants if contestant.register_seconds]
    p99 = percentile(saves, 0.99)
    print(f"thời gian chạy: {elapsed:.0f} s · yêu cầu: {len(statuses)} · tải máy sau: {load_average()}")
    print(
        f"thí sinh hoàn thành: {USERS - len(failed)}/{USERS}"
        + (f" · lỗi đầu tiên: {failed[0].error}" if failed else "")
    )
    print(f"đăng ký: p50 {percentile(registrations, 0.5):.0f} ms, p99 {percentile(registrations, 0.99):.0f} ms")
    print(
        f"lưu câu trả lời: {len(saves)} lần, p50 {percentile(saves, 0.5):.0f} ms, "
        f"p95 {percentile(saves, 0.95):.0f} ms, "
        f"p99 {p99:.0f} ms (mục tiêu < {P99_TARGET_MS} ms), lớn nhất {max(saves, default=0):.0f} ms"
    )
    print(
        f"câu trả lời trong CSDL: {figures['answers']} · bị mất: {figures['lost']} · trùng: {figures['doubled']} · "
        f"lượt thi mở trùng: {figures['double_attempts']} · điểm sai: {figures['wrong_score']} · "
        f"chưa nộp: {figures['unsubmitted']} · lưu bị từ chối: {sum(c.save_failures for c in contestants)} · "
        f"lỗi 5xx: {server_errors}"
    )
    missed = []
    if p99 >= P99_TARGET_MS:
        missed.append(f"p99 {p99:.0f} ms ≥ {P99_TARGET_MS} ms")
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
