"""The benchmark's own logic: wrk output parsing, ratios, targets, nginx config (no servers)."""

from pathlib import Path

import pytest

from tools import run_bench
from tools.run_bench import Row, WrkResult, duration_ms, misses, parse_wrk, weight_miss

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40111/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.36ms   10.61ms 412.37ms   95.30%
    Req/Sec     1.08k   153.73     1.41k    74.00%
  Latency Distribution
     50%   13.52ms
     75%   16.02ms
     90%   20.11ms
     99%    1.02s
  21574 requests in 10.01s, 4.72MB read
  Socket errors: connect 0, read 3, write 1, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   2155.17
Transfer/sec:    483.07KB
"""

WRK_CLEAN = """\
Running 10s test @ http://127.0.0.1:40111/healthz
  2 threads and 32 connections
  Latency Distribution
     50%  812.00us
     75%    1.10ms
     90%    1.50ms
     99%    3.25ms
  45000 requests in 10.00s, 7.12MB read
Requests/sec:   4500.00
Transfer/sec:      0.71MB
"""


def result(rps, p99=5.0, errors=0):
    return WrkResult(requests=int(rps * 10), rps=rps, p50_ms=1.0, p99_ms=p99, non_2xx=errors)


def test_durations_in_every_unit():
    assert duration_ms("812.00us") == pytest.approx(0.812)
    assert duration_ms("13.52ms") == pytest.approx(13.52)
    assert duration_ms("1.02s") == pytest.approx(1020)
    assert duration_ms("2.00m") == pytest.approx(120_000)
    with pytest.raises(ValueError):
        duration_ms("fast")


def test_parse_wrk_with_errors():
    parsed = parse_wrk(WRK_OUTPUT)
    assert parsed.rps == pytest.approx(2155.17)
    assert parsed.requests == 21574
    assert parsed.p50_ms == pytest.approx(13.52)
    assert parsed.p99_ms == pytest.approx(1020)
    assert parsed.non_2xx == 7
    assert parsed.socket_errors == {"connect": 0, "read": 3, "write": 1, "timeout": 2}
    assert parsed.errors == 13
    row = Row("home", "uncached", parsed, 4000)
    assert misses(row)[0] == "13 errors (non-2xx 7, read 3, write 1, timeout 2)"


def test_parse_wrk_without_error_lines():
    parsed = parse_wrk(WRK_CLEAN)
    assert parsed.rps == 4500.0
    assert parsed.p50_ms == pytest.approx(0.812)
    assert parsed.p99_ms == pytest.approx(3.25)
    assert parsed.errors == 0


def test_parse_wrk_refuses_output_without_a_rate():
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_ratio_is_relative_to_the_floor_of_the_same_run():
    assert Row("home", "cached", result(3600), 4000).ratio == pytest.approx(0.9)
    assert Row("home", "cached", result(3600), 0).ratio is None


def test_cached_pages_need_nine_tenths_of_the_floor_and_p99_under_100ms():
    assert misses(Row("tag", "cached", result(3600, p99=99.9), 4000)) == []
    assert misses(Row("tag", "cached", result(3599, p99=20), 4000)) == ["0.89× < 0.9× floor"]
    assert misses(Row("tag", "cached", result(3900, p99=100.0), 4000)) == ["p99 100.0 ms ≥ 100 ms"]


def test_uncached_targets_for_article_and_home_only():
    assert misses(Row("article", "uncached", result(1000), 4000)) == []
    assert misses(Row("article", "uncached", result(999), 4000)) == ["0.24× < 0.25× floor"]
    assert misses(Row("home", "uncached", result(600), 4000)) == []
    assert misses(Row("home", "uncached", result(560), 4000)) == ["0.14× < 0.15× floor"]
    # The issue sets no uncached ratio for the other pages.
    assert misses(Row("search", "uncached", result(10), 4000)) == []
    assert run_bench.target_for("search", "uncached") == ""


def test_errors_are_a_miss_everywhere_even_on_the_floor():
    assert misses(Row("healthz", "uncached", result(4000, errors=1), 4000)) == ["1 errors (non-2xx 1)"]
    assert misses(Row("search", "uncached", result(10, errors=2), 4000)) == ["2 errors (non-2xx 2)"]
    assert misses(Row("healthz", "cached", result(4000, p99=500), 4000)) == []


def test_page_weight_limit():
    assert weight_miss(60.0) == []
    assert weight_miss(60.1) == ["home HTML+CSS+JS 60.1 KB > 60 KB"]


def test_table_marks_misses():
    rows = run_bench.load_rows(
        [Row("home", "cached", result(1000), 4000), Row("healthz", "cached", result(4000), 4000)]
    )
    assert rows[0][-1].startswith("MISS: 0.25× < 0.9× floor")
    assert rows[1][-1] == "ok"
    text = run_bench.format_table(["page", "run", "a", "b", "c", "d", "e", "f", "g"], rows)
    assert "MISS" in text and "healthz" in text


def test_nginx_config_is_the_deploy_example_made_local(tmp_path):
    template = (Path(run_bench.BASE_DIR) / "deploy" / "nginx.conf").read_text()
    conf = run_bench.nginx_config(
        template,
        port=18080,
        upstream_port=18000,
        work=tmp_path,
        static_root=Path("/b/static"),
        media_root=Path("/b/media"),
    )
    assert "listen 127.0.0.1:18080;" in conf
    assert "server 127.0.0.1:18000;" in conf
    assert "alias /b/static/;" in conf and "alias /b/media/;" in conf
    assert f"alias {run_bench.BASE_DIR}/deploy/errors/413.html;" in conf
    assert "return 301" not in conf and "443" not in conf and "http2" not in conf
    assert f"proxy_cache_path {tmp_path}/cache" in conf
    assert "proxy_cache congdoan_pages;" in conf  # the micro-cache is kept
    assert conf.count("{") == conf.count("}")


def test_shown_ratio_rounds_down_without_float_noise():
    assert run_bench.shown(0.8997) == "0.89"
    assert run_bench.shown(0.29) == "0.29"
    assert run_bench.shown(1.0) == "1.00"


def _figures(cpu_ms, queries=5):
    return {"url": "/", "queries": queries, "cpu_ms": cpu_ms, "wall_ms": cpu_ms + 1}


def test_growth_over_1_3x_or_a_changed_query_count_is_a_miss():
    pages = run_bench.GROWTH_PAGES
    small = {"pages": {page: _figures(10.0) for page in pages}}
    large = {"pages": {page: _figures(13.0) for page in pages}}
    large["pages"]["article"] = _figures(13.1)
    large["pages"]["tag"] = _figures(10.0, queries=6)
    rows, missed = run_bench.growth_rows(small, large)
    assert rows[0] == ["home", "10.0", "13.0", "1.30×", "11.0", "14.0", "5→5"]
    assert missed == ["article: cold CPU 1.31× > 1.3×", "tag: queries 5→6"]


def test_with_instruction_counts_at_both_sizes_the_growth_is_theirs():
    pages = run_bench.GROWTH_PAGES
    small = {"pages": {page: _figures(10.0) for page in pages}, "instructions": dict.fromkeys(pages, 100e6)}
    large = {"pages": {page: _figures(14.0) for page in pages}, "instructions": dict.fromkeys(pages, 101e6)}
    large["instructions"]["campaign"] = 131e6
    rows, missed = run_bench.growth_rows(small, large)
    assert rows[0] == ["home", "10.0", "14.0", "1.40×", "100.0 M", "101.0 M", "1.01×", "11.0", "15.0", "5→5"]
    assert missed == ["campaign: instructions 1.31× > 1.3×"]  # CPU's 1.40× is the machine's drift


def test_a_callgrind_dump_gives_its_total():
    dump = "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\nsummary: 940333331\n\nfl=(1)\n"
    assert run_bench.dump_total(dump) == 940333331
    assert run_bench.dump_total("totals: 12\n") == 12


def test_search_targets_are_p50_100ms_and_p99_250ms():
    measured = {
        "common": {"p50_ms": 99.0, "p99_ms": 249.0, "hits": {"cong doan": 500}},
        "rare": {"p50_ms": 101.0, "p99_ms": 120.0, "hits": {"x": 0, "y": 2}},
    }
    rows, missed = run_bench.search_rows(measured)
    assert rows == [["common", "99.0", "249.0", "cong doan 500"], ["rare", "101.0", "120.0", "x 0, y 2"]]
    assert missed == ["search rare: p50 101 ms, p99 120 ms"]
    assert run_bench.percentile([float(n) for n in range(1, 101)], 0.99) == 99.0
