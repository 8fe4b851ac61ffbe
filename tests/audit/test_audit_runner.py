"""The `make audit` runner's own logic, offline: page discovery, thresholds, the summary line."""

import json

import pytest

from tools.audit import run_audit
from tools.audit.run_audit import (
    PageResult,
    discover,
    evaluate,
    extract_links,
    first_link,
    lighthouse_findings,
    lighthouse_score,
    run_lighthouse_judged,
    run_vnu,
    summary_line,
)

BASE = "http://127.0.0.1:8123"

HOME = """<!doctype html><html lang="vi"><head><title>Trang chủ</title></head><body>
<header><a href="/">Trang chủ</a>
  <a href="/chuyen-muc/quang-cao/">Quảng cáo ngoài menu</a>
  <nav aria-label="Chuyên mục"><ul class="menu">
    <li><a href="/" aria-current="page">Trang chủ</a></li>
    <li><a href="/chuyen-muc/tin-hoat-dong/rss/">RSS</a></li>
    <li><a href="http://example.org/chuyen-muc/ngoai-trang/">Trang khác</a></li>
    <li><a href="/chuyen-muc/tin-hoat-dong/#dau-trang">Tin hoạt động</a></li>
    <li><a href="/chuyen-muc/phap-luat/">Pháp luật</a></li>
  </ul></nav>
</header>
<main>
  <a href="/bai-viet/">Tất cả</a>
  <a href="https://example.org/bai-viet/bai-ngoai/">Bài ở trang khác</a>
  <a href="bai-viet/dai-hoi-cong-doan-tinh-lan-thu-xi/">Đại hội</a>
  <a href="/bai-viet/bai-thu-hai/">Bài thứ hai</a>
  <a>không có href</a>
</main></body></html>"""

ARTICLE = """<!doctype html><html lang="vi"><body><main><article>
<p>Nội dung</p><a href="/chuyen-muc/tin-hoat-dong/">Tin hoạt động</a>
<ul class="tags"><li><a href="../../the/bac-kan/">Bắc Kạn</a></li><li><a href="/the/dai-hoi/">Đại hội</a></li></ul>
</article></main></body></html>"""

CAMPAIGNS = """<!doctype html><html lang="vi"><body>
<nav><a href="/phong-trao/">Phong trào</a></nav>
<main><a href="/phong-trao/?page=2">Trang 2</a>
<a href="/phong-trao/xanh-sach-dep/bai-viet/">Bài viết của phong trào</a>
<a href="/phong-trao/thi-dua-lao-dong-gioi/">Thi đua lao động giỏi</a></main></body></html>"""

SITE = {
    "/": HOME,
    "/chuyen-muc/tin-hoat-dong/": "<h1>Tin hoạt động</h1>",
    "/bai-viet/dai-hoi-cong-doan-tinh-lan-thu-xi/": ARTICLE,
    "/the/bac-kan/": "<h1>Bắc Kạn</h1>",
    "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n": "<h1>Kết quả tìm kiếm</h1>",
    "/phong-trao/": CAMPAIGNS,
    "/phong-trao/thi-dua-lao-dong-gioi/": "<h1>Thi đua</h1>",
    "/lich-cong-tac/": "<h1>Lịch công tác</h1>",
    "/van-ban/": '<a href="/van-ban/rss/">RSS</a> <a href="/van-ban/ke-hoach-377-kh-tld/">377/KH-TLĐ</a>',
    "/van-ban/ke-hoach-377-kh-tld/": "<h1>Kế hoạch 377/KH-TLĐ</h1>",
    "/hoi-dap/": '<a href="/hoi-dap/gui-cau-hoi/">Gửi câu hỏi</a> <a href="/hoi-dap/tra-cuu/">Tra cứu</a> '
    '<a href="/hoi-dap/rss/">RSS</a> <a href="/hoi-dap/bi-no-luong/">Bị nợ lương</a>',
    "/hoi-dap/bi-no-luong/": "<h1>Bị nợ lương</h1>",
    "/gioi-thieu/": '<a href="/gioi-thieu/">Giới thiệu</a> <a href="/gioi-thieu/lich-su/">Lịch sử</a>',
    "/gioi-thieu/lich-su/": "<h1>Lịch sử</h1>",
    "/thu-vien-anh/": '<a href="/thu-vien-anh/?page=2">2</a> <a href="/thu-vien-anh/dai-hoi/">Đại hội</a>',
    "/thu-vien-anh/dai-hoi/": "<h1>Đại hội</h1>",
    "/video/": '<a href="/video/phong-su/">Phóng sự</a>',
    "/video/phong-su/": "<h1>Phóng sự</h1>",
}


def fake_fetch(site):
    requested = []

    def fetch(url):
        assert url.startswith(BASE + "/")
        path = url[len(BASE) :]
        requested.append(path)
        return (200, site[path]) if path in site else (404, "<h1>Không tìm thấy</h1>")

    fetch.requested = requested
    return fetch


# --- discovery --------------------------------------------------------------------------------


def test_links_are_absolute_same_site_without_fragments_and_know_whether_they_are_in_a_nav():
    links = extract_links(HOME, BASE + "/")
    urls = [link.url for link in links]
    assert urls[:3] == [BASE + "/", BASE + "/chuyen-muc/quang-cao/", BASE + "/"]
    assert BASE + "/chuyen-muc/tin-hoat-dong/" in urls  # "#dau-trang" dropped
    assert not any("example.org" in url for url in urls)
    assert [link.in_nav for link in links][:3] == [False, False, True]
    assert BASE + "/bai-viet/dai-hoi-cong-doan-tinh-lan-thu-xi/" in urls  # relative href resolved


def test_section_is_the_first_section_link_in_the_menu_not_rss_nor_another_site():
    url = first_link(HOME, BASE + "/", run_audit.SECTION_RE, prefer_nav=True)
    assert url == BASE + "/chuyen-muc/tin-hoat-dong/"


def test_section_falls_back_to_a_link_outside_the_menu():
    html = '<nav><a href="/">Trang chủ</a></nav><p><a href="/chuyen-muc/doi-song/">Đời sống</a></p>'
    assert first_link(html, BASE + "/", run_audit.SECTION_RE, prefer_nav=True) == BASE + "/chuyen-muc/doi-song/"


def test_percent_encoded_paths_match():
    html = '<a href="/the/b%E1%BA%AFc-k%E1%BA%A1n/">Bắc Kạn</a>'
    assert first_link(html, BASE + "/", run_audit.TAG_RE) == BASE + "/the/b%E1%BA%AFc-k%E1%BA%A1n/"


def test_discover_finds_every_kind_of_page_from_the_site_links():
    fetch = fake_fetch(SITE)
    pages = discover(BASE, fetch)
    assert list(pages) == list(run_audit.PAGE_NAMES)
    assert {name: url[len(BASE) :] for name, (url, _, _) in pages.items()} == {
        "home": "/",
        "section": "/chuyen-muc/tin-hoat-dong/",
        "article": "/bai-viet/dai-hoi-cong-doan-tinh-lan-thu-xi/",
        "tag": "/the/bac-kan/",
        "search": "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
        "campaigns": "/phong-trao/",
        "campaign": "/phong-trao/thi-dua-lao-dong-gioi/",
        "document": "/van-ban/ke-hoach-377-kh-tld/",
        "qa": "/hoi-dap/bi-no-luong/",
        "about": "/gioi-thieu/lich-su/",
        "calendar": "/lich-cong-tac/",
        "album": "/thu-vien-anh/dai-hoi/",
        "video": "/video/phong-su/",
    }
    assert all(missing is None and html for _, html, missing in pages.values())
    assert pages["article"][1] == ARTICLE


def test_discover_on_a_site_with_only_the_home_page_reports_the_rest_missing():
    home = '<html lang="vi"><nav><a href="/">Trang chủ</a></nav><main><p>Chưa có bài viết.</p></main></html>'
    pages = discover(BASE + "/", fake_fetch({"/": home}))
    assert pages["home"] == (BASE + "/", home, None)
    missing = {name: reason for name, (_, _, reason) in pages.items() if reason}
    assert missing == {
        "section": "no /chuyen-muc/… link in the home page's menu",
        "article": "no /bai-viet/… link on the home page",
        "tag": "no article page",
        "search": "/tim-kiem/?q=công đoàn answers 404",
        "campaigns": "/phong-trao/ answers 404",
        "campaign": "no campaigns list",
        "calendar": "/lich-cong-tac/ answers 404",
        "document": "/van-ban/ answers 404",
        "qa": "/hoi-dap/ answers 404",
        "about": "/gioi-thieu/ answers 404",
        "album": "/thu-vien-anh/ answers 404",
        "video": "/video/ answers 404",
    }


def test_a_discovered_link_that_does_not_answer_200_is_missing():
    site = {**SITE}
    del site["/the/bac-kan/"]
    pages = discover(BASE, fake_fetch(site))
    assert pages["tag"] == (BASE + "/the/bac-kan/", None, "/the/bac-kan/ answers 404")
    assert pages["article"][2] is None


def test_discover_survives_a_connection_error():
    def fetch(url):
        raise ConnectionRefusedError("Connection refused")

    pages = discover(BASE, fetch)
    assert pages["home"][2] == "/: Connection refused"
    assert pages["section"][2] == "no home page"


# --- thresholds -------------------------------------------------------------------------------


def scores(perf, a11y, bp, seo):
    return {"performance": perf, "accessibility": a11y, "best-practices": bp, "seo": seo}


def passing(**changes):
    values = {
        "name": "home",
        "url": BASE + "/",
        "html_errors": 0,
        "axe": {"critical": 0, "serious": 0, "moderate": 3, "minor": 2},
        "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100},
    }
    return PageResult(**{**values, **changes})


def test_a_page_at_every_threshold_passes():
    assert evaluate(passing()) == []


@pytest.mark.parametrize(
    ("changes", "failure"),
    [
        ({"html_errors": 1}, "1 HTML error(s), at most 0 allowed"),
        ({"axe": {"critical": 1, "serious": 0, "moderate": 0, "minor": 0}}, "1 critical axe violation(s)"),
        ({"axe": {"critical": 0, "serious": 2, "moderate": 0, "minor": 0}}, "2 serious axe violation(s)"),
        ({"lighthouse": scores(94, 100, 95, 100)}, "performance 94 < 95"),
        ({"lighthouse": scores(99, 99, 95, 100)}, "accessibility 99 < 100"),
        ({"lighthouse": scores(99, 100, 94, 100)}, "best-practices 94 < 95"),
        ({"lighthouse": scores(99, 100, 100, 92)}, "seo 92 < 100"),
        ({"lighthouse": scores(None, 100, 100, 100)}, "performance: no score"),
        ({"html_errors": None}, "no Nu HTML Checker result"),
        ({"axe": None}, "no axe-core result"),
        ({"lighthouse": None}, "no Lighthouse result"),
        ({"tool_errors": ["Lighthouse timed out after 300 s"]}, "Lighthouse timed out"),
        ({"missing": "/phong-trao/ answers 404"}, "MISSING: /phong-trao/ answers 404"),
    ],
)  # fmt: skip
def test_each_missed_threshold_fails_the_page(changes, failure):
    failures = evaluate(passing(**changes))
    assert len(failures) == 1
    assert failure in failures[0]


def test_moderate_and_minor_axe_violations_do_not_fail():
    assert evaluate(passing(axe={"critical": 0, "serious": 0, "moderate": 9, "minor": 9})) == []


def test_lighthouse_scores_round_half_up_like_lighthouse():
    assert lighthouse_score(0.945) == 95
    assert lighthouse_score(0.944) == 94
    assert lighthouse_score(1) == 100
    assert lighthouse_score(0) == 0
    assert lighthouse_score(None) is None


# --- the one-line summary ---------------------------------------------------------------------


def test_summary_line():
    result = passing(
        axe={"critical": 0, "serious": 0, "moderate": 1, "minor": 0},
        lighthouse={"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100},
    )
    assert summary_line(result) == (
        "home  html=0  axe: critical=0 serious=0 moderate=1 minor=0  lighthouse: perf=98 a11y=100 bp=100 seo=100"
    )


def test_summary_lines_align_names_and_show_unknown_values_and_missing_pages():
    broken = passing(name="tag", html_errors=None, axe=None, lighthouse={"performance": 90, "seo": 100})
    assert summary_line(broken, 9) == (
        "tag        html=?  axe: critical=? serious=? moderate=? minor=?  lighthouse: perf=90 a11y=? bp=? seo=100"
    )
    missing = PageResult(name="campaign", missing="no campaigns list")
    assert summary_line(missing, 9) == "campaign   MISSING (no campaigns list)"


# --- parsing tool output ----------------------------------------------------------------------


def test_vnu_messages_are_sorted_to_their_pages(monkeypatch, tmp_path):
    files = {"home": tmp_path / "home.html", "article": tmp_path / "article.html"}
    output = {
        "messages": [
            {"type": "error", "url": f"file:{files['article']}", "lastLine": 3, "message": "Stray end tag “div”."},
            {"type": "info", "subType": "warning", "url": f"file:{files['article']}", "message": "Consider lang."},
            {"type": "non-document-error", "message": "I/O error"},
        ]
    }

    def fake_run(command, **kwargs):
        assert command[:3] == ["java", "-jar", str(run_audit.TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar")]
        assert command[-2:] == [str(files["home"]), str(files["article"])]
        return type("Completed", (), {"stdout": json.dumps(output), "stderr": "", "returncode": 0})()

    monkeypatch.setattr(run_audit.subprocess, "run", fake_run)
    messages = run_vnu(files)
    assert [m["message"] for m in messages["home"]] == ["I/O error"]
    assert [m["message"] for m in messages["article"]] == ["Stray end tag “div”.", "Consider lang.", "I/O error"]
    assert sum(map(run_audit.is_html_error, messages["article"])) == 2


def test_lighthouse_findings_list_what_cost_points():
    report = {
        "categories": {
            "best-practices": {"auditRefs": [{"id": "errors-in-console", "weight": 1}, {"id": "doctype", "weight": 1}]},
            "accessibility": {"auditRefs": [{"id": "label-content-name-mismatch", "weight": 0}]},
        },
        "audits": {
            "errors-in-console": {
                "title": "Browser errors were logged to the console",
                "score": 0,
                "scoreDisplayMode": "binary",
                "details": {
                    "items": [{"description": "Failed to load: 404", "sourceLocation": {"url": "/favicon.ico"}}]
                },
            },
            "doctype": {"title": "Page has the HTML doctype", "score": 1, "scoreDisplayMode": "binary"},
            "label-content-name-mismatch": {"title": "Mismatch", "score": 0, "scoreDisplayMode": "binary"},
            "largest-contentful-paint": {"displayValue": "1,0 s"},
        },
    }  # fmt: skip
    findings = lighthouse_findings(report)
    assert findings["metrics"] == {"largest-contentful-paint": "1,0 s"}
    assert findings["failing_audits"] == {
        "best-practices": [
            "Browser errors were logged to the console [errors-in-console] score=0",
            "    Failed to load: 404 /favicon.ico",
        ]
    }


def fake_lighthouse(performance_scores):
    """A stand-in for run_lighthouse giving these performance scores in turn."""
    scores = iter(performance_scores)
    calls = []

    def run(result, out):
        calls.append(result.name)
        perf = next(scores)
        if perf is None:  # the tool failed, as Lighthouse sometimes does (NO_NAVSTART)
            result.tool_errors.append("Lighthouse failed (exit 1): NO_NAVSTART")
            return
        result.lighthouse = {"performance": perf, "accessibility": 100, "best-practices": 100, "seo": 100}
        result.details["lighthouse"] = {"metrics": {"run": perf}, "failing_audits": {}, "warnings": []}

    run.calls = calls
    return run


def test_a_page_that_meets_the_performance_threshold_is_measured_once(tmp_path):
    result = PageResult(name="home", url=BASE + "/")
    run = fake_lighthouse([97])
    run_lighthouse_judged(result, tmp_path, run=run)
    assert run.calls == ["home"]
    assert result.lighthouse["performance"] == 97
    assert "performance_runs" not in result.details


def test_a_performance_miss_is_judged_on_the_median_of_three_runs(tmp_path):
    result = PageResult(name="search", url=BASE + "/tim-kiem/", html_errors=0, axe={})
    run = fake_lighthouse([86, 99, 97])
    run_lighthouse_judged(result, tmp_path, run=run)
    assert run.calls == ["search", "search-run2", "search-run3"]
    assert result.lighthouse["performance"] == 97
    assert result.details["lighthouse"]["metrics"] == {"run": 97}  # the median run's findings
    assert result.details["performance_runs"] == [86, 99, 97]
    assert evaluate(result) == []


def test_a_page_slow_in_two_runs_of_three_still_fails(tmp_path):
    result = PageResult(name="article", url=BASE + "/bai-viet/x/", html_errors=0, axe={})
    run_lighthouse_judged(result, tmp_path, run=fake_lighthouse([90, 99, 92]))
    assert result.lighthouse["performance"] == 92
    assert evaluate(result) == ["Lighthouse performance 92 < 95"]


def test_a_lighthouse_failure_is_run_once_more(tmp_path):
    result = PageResult(name="tag", url=BASE + "/the/x/", html_errors=0, axe={})
    run = fake_lighthouse([None, 98])
    run_lighthouse_judged(result, tmp_path, run=run)
    assert run.calls == ["tag", "tag"]
    assert result.tool_errors == []
    assert result.lighthouse["performance"] == 98
    assert evaluate(result) == []


def test_a_lighthouse_failing_twice_is_reported_twice(tmp_path):
    result = PageResult(name="tag", url=BASE + "/the/x/", html_errors=0, axe={})
    run_lighthouse_judged(result, tmp_path, run=fake_lighthouse([None, None]))
    assert result.tool_errors == ["Lighthouse failed (exit 1): NO_NAVSTART"] * 2
    assert result.lighthouse is None


def test_a_list_without_a_detail_link_reports_that_kind_missing():
    site = {**SITE, "/video/": '<a href="/video/">Video</a>', "/van-ban/": '<a href="/van-ban/rss/">RSS</a>'}
    pages = discover(BASE, fake_fetch(site))
    assert pages["video"] == (None, None, "no /video/<slug>/ link on /video/")
    assert pages["document"] == (None, None, "no /van-ban/<slug>/ link on /van-ban/")
    assert pages["qa"][2] is None
