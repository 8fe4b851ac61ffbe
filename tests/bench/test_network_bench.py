"""`make bench-network`: the sites it measures on a seeded network (each federation by its
Host, the national union's aggregate), the side-by-side table and its targets, the nginx
config with two upstreams. No servers are started here."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from tools import run_bench
from tools.seed_bench import Command as SeedBench


def site(label, rps, queries, *, national=False, pages=run_bench.NETWORK_PAGES):
    return {
        "label": label,
        "national": national,
        "urls": dict.fromkeys(pages, "/"),
        "load": {page: {"rps": rps[page], "p50": 10.0, "p99": 20.0, "errors": 0} for page in pages},
        "cold": {page: {"cpu_ms": 40.0, "queries": queries[page], "wall_ms": 50.0} for page in pages},
    }


QUERIES = {"home": 17, "section": 14, "article": 16, "search": 13, "national-home": 18, "national-search": 13}
SINGLE = {"home": 100.0, "section": 90.0, "article": 120.0, "search": 60.0}
NATIONAL = ("national-home", "national-search")


def test_a_federation_page_over_1_5x_slower_or_with_other_queries_and_a_slow_national_layer_are_misses():
    single = {"sites": [site("one", SINGLE, QUERIES)]}
    federation = {"home": 70.0, "section": 59.0, "article": 120.0, "search": 60.0}  # section 1.53×
    other_queries = {**QUERIES, "article": 17}
    network = {
        "sites": [
            site("f00", federation, QUERIES),
            site("f30", federation, other_queries),
            site("f59", federation, QUERIES),
            site("national", {"national-home": 34.0, "national-search": 31.0}, QUERIES, national=True, pages=NATIONAL),
        ]
    }
    rows, missed = run_bench.network_rows(single, network)
    assert [row[0] for row in rows] == ["home", "section", "article", "search", *NATIONAL]
    assert rows[1][5] == "1.53×" and rows[2][7] == "16→16/17"
    assert rows[4][5] == "2.06× home" and rows[5][5] == "1.94× search"
    assert missed == [
        "section: 1.53× slower in the network > 1.5×",
        "article: queries 16 → [16, 17]",
        "national-home: 2.06× a federation's home > 2.0×",
    ]


def test_nginx_in_front_of_two_instances_round_robin_without_the_micro_cache(tmp_path, monkeypatch):
    started = []

    class Process:
        def poll(self):
            return None

    monkeypatch.setattr(run_bench.subprocess, "Popen", lambda command, cwd: started.append(command) or Process())
    monkeypatch.setattr(run_bench, "wait_for", lambda url, process: None)
    monkeypatch.setattr(run_bench.shutil, "which", lambda name: "/usr/sbin/nginx")
    _, port = run_bench.nginx_in_front(
        [18001, 18002],
        tmp_path / "nginx",
        static_root=Path("/b/static"),
        media_root=Path("/b/media"),
        micro_cache=False,
    )
    conf = (tmp_path / "nginx" / "nginx.conf").read_text()
    upstream = conf[conf.index("upstream congdoan_app") : conf.index("}", conf.index("upstream congdoan_app"))]
    assert upstream.split() == [
        "upstream", "congdoan_app", "{", "server", "127.0.0.1:18001;", "server", "127.0.0.1:18002;",
        "keepalive", "32;", "keepalive_timeout", "60s;",
    ]  # fmt: skip
    assert "proxy_cache off;" in conf and "proxy_cache congdoan_pages;" not in conf
    assert "proxy_set_header Host $host;" in conf  # each federation by its own Host
    assert f"listen 127.0.0.1:{port};" in conf
    assert started == [["/usr/sbin/nginx", "-p", str(tmp_path / "nginx"), "-c", str(tmp_path / "nginx" / "nginx.conf")]]


@pytest.mark.django_db
def test_sites_are_sampled_federations_by_host_and_the_national_union_and_answer_200():
    call_command(SeedBench(), articles=60, covers=1, federations=3, stdout=io.StringIO(), stderr=io.StringIO())
    sites = run_bench.network_sites()
    assert [(s["label"], s["host"], s["national"]) for s in sites] == [
        (sites[0]["label"], sites[0]["host"], False),
        ("bench-f01", "bench-f01.bench.localhost", False),
        ("bench-f02", "bench-f02.bench.localhost", False),
        ("national", "congdoan.bench.localhost", True),
    ]
    assert sites[0]["host"] == f"{sites[0]['label']}.bench.localhost"
    assert sites[1]["urls"]["section"] == "/chuyen-muc/bench-tin-tuc-su-kien/"
    assert sites[3]["urls"] == {"national-home": "/", "national-search": "/tim-kiem/?q=cong+doan"}
    for each in sites:
        client = Client(HTTP_HOST=each["host"])
        assert {page: client.get(url).status_code for page, url in each["urls"].items()} == dict.fromkeys(
            each["urls"], 200
        )
    national_home = Client(HTTP_HOST="congdoan.bench.localhost").get("/").content.decode()
    assert '<h2 class="block-title" id="tin-lien-doan"><span>Tin từ các Liên đoàn</span></h2>' in national_home


def test_the_contest_bench_keeps_the_micro_cache_and_tweaks_the_config(tmp_path, monkeypatch):
    monkeypatch.setattr(run_bench.subprocess, "Popen", lambda command, cwd: None)
    monkeypatch.setattr(run_bench, "wait_for", lambda url, process: None)
    monkeypatch.setattr(run_bench.shutil, "which", lambda name: "/usr/sbin/nginx")
    run_bench.nginx_in_front(
        [18001], tmp_path, static_root=Path("/b/static"), media_root=Path("/b/media"), micro_cache=True,
        tweak=lambda text: "worker_rlimit_nofile 20000;\n" + text,
    )  # fmt: skip
    conf = (tmp_path / "nginx.conf").read_text()
    assert conf.startswith("worker_rlimit_nofile 20000;\n")
    assert "proxy_cache congdoan_pages;" in conf and "server 127.0.0.1:18001; keepalive 32;" in " ".join(conf.split())
