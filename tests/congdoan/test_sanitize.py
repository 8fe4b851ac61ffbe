import re

import pytest

from congdoan.sanitize import sanitize_html, strip_tags_text


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = ["congdoanbackan.vn", "localhost"]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Đoạn văn <strong>đậm</strong>, <em>nghiêng</em>, <u>gạch chân</u>, <b>b</b>, <i>i</i>.</p>",
        "<h2>Tiêu đề 2</h2><h3>Tiêu đề 3</h3><h4>Tiêu đề 4</h4>",
        "<ul><li>một</li><li>hai</li></ul><ol><li>ba</li></ol>",
        "<blockquote><p>Trích dẫn</p></blockquote>",
        '<table><caption>Bảng</caption><thead><tr><th scope="col">A</th></tr></thead>'
        '<tbody><tr><td colspan="2">1</td></tr></tbody></table>',
        '<figure><img src="/media/upload/images/a.jpg" alt="Ảnh" width="800" height="600">'
        "<figcaption>Ảnh. Chú thích</figcaption></figure>",
        '<p><a href="/bai-viet/dai-hoi/">nội bộ</a> <a href="mailto:bbt@congdoanbackan.vn">thư</a></p>',
    ],
)
def test_keeps_news_markup(html):
    assert sanitize_html(html) == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p onclick="alert(1)" onmouseover="x()">chữ</p>', "<p>chữ</p>"),
        ('<img src="x" onerror="alert(1)" alt="a">', '<img src="x" alt="a">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/png;base64,AAAA" alt="a">', '<img alt="a">'),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>"),
        ('<p style="color:red;background:url(javascript:alert(1))">x</p>', "<p>x</p>"),
        ("<style>p{color:red}</style><p>x</p>", "<p>x</p>"),
        ('<iframe src="https://evil.example/"></iframe><p>x</p>', "<p>x</p>"),
        ('<form action="/x"><input name="a"><button>Gửi</button></form>', "Gửi"),
        ('<svg onload="alert(1)"><script>alert(1)</script></svg><p>x</p>', "<p>x</p>"),
        ("<object data='x.swf'></object><embed src='x.swf'>", ""),
        ("<!-- bình luận --><p>x</p>", "<p>x</p>"),
        # Outside SVG/MathML a CDATA section is a bogus comment ending at the first ">":
        # what follows is inert text, exactly as a browser would parse it.
        ("<p>x<![CDATA[<script>alert(1)</script>]]></p>", "<p>xalert(1)]]&gt;</p>"),
        ('<img src="x.jpg" width="100%" height="50px" alt="a">', '<img src="x.jpg" alt="a">'),
        ('<td colspan="javascript:1">x</td>', "x"),
        ('<div class="x" id="y"><span>chữ</span></div>', "chữ"),
        ("<h1>Tiêu đề lớn</h1>", "<h2>Tiêu đề lớn</h2>"),
        ("<h5>nhỏ</h5><h6>nhỏ hơn</h6>", "<h4>nhỏ</h4><h4>nhỏ hơn</h4>"),
        ('<a href="/x" target="_blank" rel="opener">x</a>', '<a href="/x">x</a>'),
        ("<p>chưa đóng thẻ <strong>đậm", "<p>chưa đóng thẻ <strong>đậm</strong></p>"),
    ],
)
def test_removes_everything_that_can_run_or_restyle(html, expected):
    assert sanitize_html(html) == expected


def test_external_links_get_noopener_noreferrer():
    html = '<a href="https://baochinhphu.vn/bai-viet?a=1&amp;b=2" title="Cổng">ngoài</a>'
    cleaned = sanitize_html(html)
    assert 'rel="noopener noreferrer"' in cleaned
    assert 'href="https://baochinhphu.vn/bai-viet?a=1&amp;b=2"' in cleaned
    assert 'title="Cổng"' in cleaned


def test_protocol_relative_links_are_external():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="//evil.example/x">x</a>')


@pytest.mark.parametrize(
    "href", ["/bai-viet/x/", "https://congdoanbackan.vn/chuyen-muc/y/", "mailto:a@b.vn", "#muc-1", "bai-viet/z/"]
)
def test_internal_links_keep_no_rel(href):
    assert "rel=" not in sanitize_html(f'<a href="{href}">x</a>')


def test_attribute_order_does_not_hide_external_links():
    cleaned = sanitize_html('<a title="a&gt;b" href="http://example.org/">x</a>')
    assert 'rel="noopener noreferrer"' in cleaned


def test_no_executable_content_survives_a_mixed_payload():
    payload = (
        '<p>Bài <img src=x onerror=alert(1)><a href="java\nscript:alert(1)">a</a>'
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math><base href="//evil"/>'
        "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>"
        '<link rel=stylesheet href="//evil/x.css"><video><source onerror=alert(1)></video></p>'
    )
    cleaned = sanitize_html(payload).lower()
    assert not re.search(r"<(script|math|base|meta|link|video|source|svg|iframe)", cleaned)
    assert "onerror" not in cleaned
    assert "javascript" not in cleaned


def test_empty_values():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""


def test_strip_tags_text_gives_plain_words():
    html = "<h2>Đại hội</h2><p>Công&nbsp;đoàn &amp; người lao động</p><script>alert(1)</script><p>tỉnh</p>"
    assert strip_tags_text(html) == "Đại hội Công đoàn & người lao động tỉnh"
