"""The public archive: /hoi-dap/, one Q&A, search without diacritics, RSS, sitemap, home box."""

import datetime
import json
import re
from xml.etree import ElementTree

import pytest
import time_machine

from legal import services

from .factories import NOW, TopicFactory, published, question

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW + 10 * DAY, tick=False):
        yield


@pytest.fixture
def archive(adviser):
    wages = TopicFactory(name="Tiền lương", slug="tien-luong")
    insurance = TopicFactory(name="Bảo hiểm xã hội", slug="bao-hiem-xa-hoi", order=1)
    first = published(
        topic=insurance, adviser=adviser, title="Đóng BHXH 8 tháng có được hưởng chế độ thai sản?",
        text="Tôi đóng bảo hiểm xã hội được 8 tháng thì sinh con, có được hưởng thai sản không?",
        published_at=NOW + DAY,
    )  # fmt: skip
    second = published(
        topic=wages, adviser=adviser, title="Bị nợ lương có được nghỉ việc ngay?", phone="0987654321",
        published_at=NOW + 2 * DAY,
    )  # fmt: skip
    third = published(
        topic=wages, adviser=adviser, title="Làm thêm giờ tối đa bao nhiêu giờ một tháng?", phone="0977777777",
        text="Công ty bắt làm thêm hơn 70 giờ một tháng có đúng không?", name="Trần Văn An", salutation="anh",
        place="Bắc Ninh", published_at=NOW + 3 * DAY,
    )  # fmt: skip
    question(topic=wages, phone="0966666666", text="Câu hỏi chưa trả lời thì không được hiện ra ngoài.")
    return first, second, third


def titles(response) -> list[str]:
    return re.findall(r'class="legal-card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_archive_lists_published_questions_newest_first_with_topics(client, archive):
    response = client.get("/hoi-dap/")
    assert response.status_code == 200
    assert titles(response) == [
        "Làm thêm giờ tối đa bao nhiêu giờ một tháng?",
        "Bị nợ lương có được nghỉ việc ngay?",
        "Đóng BHXH 8 tháng có được hưởng chế độ thai sản?",
    ]
    html = response.content.decode()
    assert re.findall(r'<a href="/hoi-dap/\?chu-de=([a-z-]+)">([^<]+)</a>', html) == [
        ("tien-luong", "Tiền lương (2)"),
        ("bao-hiem-xa-hoi", "Bảo hiểm xã hội (1)"),
    ]
    card = html.split('<article class="legal-card">')[1].split("</article>")[0]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", card)).strip() == (
        "Làm thêm giờ tối đa bao nhiêu giờ một tháng? Tiền lương · Anh T.V.A. (Bắc Ninh) · 04/12/2026"
    )


def test_a_topic_lists_only_its_questions(client, archive):
    response = client.get("/hoi-dap/?chu-de=tien-luong")
    assert titles(response) == ["Làm thêm giờ tối đa bao nhiêu giờ một tháng?", "Bị nợ lương có được nghỉ việc ngay?"]
    assert re.search(r'<h1 class="page-title">(.*?)</h1>', response.content.decode()).group(1) == "Hỏi đáp: Tiền lương"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thai san", ["Đóng BHXH 8 tháng có được hưởng chế độ thai sản?"]),
        ("THAI SẢN", ["Đóng BHXH 8 tháng có được hưởng chế độ thai sản?"]),
        ("lam them gio", ["Làm thêm giờ tối đa bao nhiêu giờ một tháng?"]),
        ("dieu 35", ["Làm thêm giờ tối đa bao nhiêu giờ một tháng?", "Bị nợ lương có được nghỉ việc ngay?",
                     "Đóng BHXH 8 tháng có được hưởng chế độ thai sản?"]),
        ("chua tra loi", []),
    ],
)  # fmt: skip
def test_search_ignores_case_and_diacritics(client, archive, query, expected):
    response = client.get("/hoi-dap/", {"q": query})
    assert titles(response) == expected


def test_search_summary_and_noindex(client, archive):
    html = client.get("/hoi-dap/", {"q": "thai san"}).content.decode()
    assert '<p class="search-summary">Tìm thấy 1 câu hỏi cho “thai san”.</p>' in html
    assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.parametrize(
    "url", ["/hoi-dap/?page=abc", "/hoi-dap/?page=9", "/hoi-dap/?chu-de=khong-co", "/hoi-dap/khong-co/"]
)
def test_junk_parameters_are_404(client, archive, url):
    assert client.get(url).status_code == 404


def test_one_question_page(client, archive):
    first = archive[0]
    response = client.get("/hoi-dap/dong-bhxh-8-thang-co-duoc-huong-che-do-thai-san/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<h1 class="page-title">(.*?)</h1>', html).group(1) == first.title
    assert '<p class="legal-date">Trả lời ngày 02/12/2026</p>' in html
    assert '<p class="legal-asker">Chị N.T.H. (Thái Nguyên) hỏi:</p>' in html
    assert (
        '<p class="legal-signature">Luật sư Hoàng Minh Đức<br>Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh</p>'
        in html
    )
    assert (
        '<link rel="canonical" href="http://testserver/hoi-dap/dong-bhxh-8-thang-co-duoc-huong-che-do-thai-san/">'
        in html
    )
    payload = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert payload == {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "inLanguage": "vi",
        "mainEntity": {
            "@type": "Question",
            "name": "Đóng BHXH 8 tháng có được hưởng chế độ thai sản?",
            "text": "Tôi đóng bảo hiểm xã hội được 8 tháng thì sinh con, có được hưởng thai sản không?",
            "answerCount": 1,
            "dateCreated": "2026-12-02T03:00:00+00:00",
            "author": {"@type": "Person", "name": "Chị N.T.H. (Thái Nguyên)"},
            "acceptedAnswer": {
                "@type": "Answer",
                "text": "Có. Theo điểm b khoản 2 Điều 35 Bộ luật Lao động năm 2019.",
                "dateCreated": "2026-12-02T03:00:00+00:00",
                "url": "http://testserver/hoi-dap/dong-bhxh-8-thang-co-duoc-huong-che-do-thai-san/#tra-loi",
                "upvoteCount": 0,
                "author": {
                    "@type": "Person",
                    "name": "Luật sư Hoàng Minh Đức",
                    "jobTitle": "Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh",
                },
            },
        },
        "publisher": {"@type": "Organization", "name": "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN"},
    }


def test_related_questions_are_the_topics_others_newest_first(client, archive):
    html = client.get("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/").content.decode()
    related = html.split('<ul class="legal-related">')[1].split("</ul>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', related) == [
        ("/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/", "Làm thêm giờ tối đa bao nhiêu giờ một tháng?")
    ]


def test_an_unpublished_question_has_no_page(client, archive):
    services.unpublish(publication=archive[2])
    assert client.get("/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/").status_code == 404


def test_rss_lists_the_public_versions(client, archive):
    response = client.get("/hoi-dap/rss/")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.find("title").text == "LĐLĐ tỉnh Bắc Kạn – Hỏi đáp pháp luật"
    items = channel.findall("item")
    assert [item.find("title").text for item in items] == [
        "Làm thêm giờ tối đa bao nhiêu giờ một tháng?",
        "Bị nợ lương có được nghỉ việc ngay?",
        "Đóng BHXH 8 tháng có được hưởng chế độ thai sản?",
    ]
    assert items[0].find("description").text == (
        "Anh T.V.A. (Bắc Ninh) hỏi: Công ty bắt làm thêm hơn 70 giờ một tháng có đúng không?"
    )
    assert items[0].find("link").text == "http://testserver/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/"
    assert items[0].find("category").text == "Tiền lương"


def test_the_sitemap_lists_each_published_question(client, archive):
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert [url for url in locations if "/hoi-dap/" in url] == [
        "http://testserver/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/",
        "http://testserver/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/",
        "http://testserver/hoi-dap/dong-bhxh-8-thang-co-duoc-huong-che-do-thai-san/",
    ]


def test_the_home_box_partial(archive, django_assert_num_queries):
    from django.template.loader import render_to_string

    from congdoan.tenancy import this_federation
    from legal.portal import home_box

    federation = this_federation()
    federation.hotline = "0209 3878 999"
    federation.hotline_hours = "7:30–17:00 các ngày làm việc"
    with django_assert_num_queries(1):  # the newest Q&As (kept per generation by congdoan.portal)
        data = home_box()
    html = render_to_string("legal/includes/home_box.html", {**data, "federation": federation})
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', html) == [
        ("/hoi-dap/lam-them-gio-toi-da-bao-nhieu-gio-mot-thang/", "Làm thêm giờ tối đa bao nhiêu giờ một tháng?"),
        ("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/", "Bị nợ lương có được nghỉ việc ngay?"),
        (
            "/hoi-dap/dong-bhxh-8-thang-co-duoc-huong-che-do-thai-san/",
            "Đóng BHXH 8 tháng có được hưởng chế độ thai sản?",
        ),
    ]
    assert '<p class="legal-hotline-number"><a href="tel:02093878999">0209 3878 999</a></p>' in html
    assert "<p>7:30–17:00 các ngày làm việc</p>" in html
