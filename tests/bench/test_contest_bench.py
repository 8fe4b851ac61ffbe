"""make bench-contest's own arithmetic: /proc readings, the machine's share, loss accounting."""

import os
import subprocess
import sys

from tools import contest_bench
from tools.contest_bench import Contestant, CpuMeter, cpu_seconds, machine_share, percentile


def test_cpu_seconds_reads_this_process_and_none_for_a_gone_one():
    sum(range(3_000_000))  # some CPU of our own
    assert cpu_seconds(os.getpid()) > 0
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert cpu_seconds(child.pid) is None


def test_a_process_that_ends_between_samples_keeps_its_last_reading():
    readings = {1: 1.0, 2: 5.0}
    meter = CpuMeter(lambda: list(readings))
    meter.snapshot = lambda: dict(readings)
    meter.before = meter.snapshot()
    meter.latest = dict(meter.before)
    readings.update({1: 1.5, 2: 5.25, 3: 0.5})  # 3 started meanwhile
    meter.sample()
    del readings[2]  # 2 ended (a database connection closed)
    readings[1] = 2.0
    assert meter.used() == 1.0 + 0.25 + 0.5


def test_machine_share_is_busy_and_steal_of_all_cores():
    # user nice system idle iowait irq softirq steal
    before = [100, 0, 50, 800, 50, 0, 0, 0, 0, 0]
    after = [400, 0, 150, 1100, 100, 0, 0, 250, 0, 0]
    assert machine_share(before, after) == "bận 65%, steal 25.0%"


def test_percentile_takes_the_value_at_the_rank():
    assert percentile([float(n) for n in range(1, 101)], 0.99) == 100.0
    assert percentile([float(n) for n in range(1, 101)], 0.5) == 51.0
    assert percentile([], 0.99) == 0.0


def test_an_answer_whose_save_got_no_answer_is_not_counted_lost(monkeypatch):
    """A save that timed out at the proxy may still be stored: the database holding either the
    confirmed choice or that one is not a loss; holding anything else is."""
    contestant = Contestant(1, "http://127.0.0.1:9", {}, 0.0)
    contestant.options = {7: ["a", "b", "c"]}
    contestant.save_url, contestant.token = "/luu/", "t"
    answers = iter([(200, None, '{"saved": 1, "errors": []}'), (504, None, "Gateway Time-out")])
    monkeypatch.setattr(contestant.client, "request", lambda *args, **kwargs: next(answers))
    picks = iter(["a", "b"])
    monkeypatch.setattr(contest_bench.random, "choice", lambda options: next(picks))
    contestant.save(7)
    contestant.save(7)
    assert contestant.choices == {7: "a"} and contestant.unsure == {7: {"b"}}
    assert contestant.save_failures == 1


def test_the_machine_line_names_cores_load_and_what_the_cores_did(monkeypatch):
    readings = iter([[100, 0, 50, 800, 0, 0, 0, 50], [200, 0, 100, 1500, 0, 0, 0, 200]])
    monkeypatch.setattr(contest_bench, "proc_stat", lambda: next(readings))
    monkeypatch.setattr(contest_bench, "load_average", lambda: "6.90 14.20 9.10")
    monkeypatch.setattr(contest_bench.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(contest_bench.time, "sleep", lambda seconds: None)
    assert contest_bench.machine_line() == "2 nhân, tải trung bình 6.90 14.20 9.10, trong 3 s: bận 30%, steal 15.0%"
