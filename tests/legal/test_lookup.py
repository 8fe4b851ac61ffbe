"""/hoi-dap/tra-cuu/: the code plus the asker's own phone or e-mail shows the private answer."""

import re

import pytest

from legal import services

from .factories import NOW, answered, question

pytestmark = pytest.mark.django_db

URL = "/hoi-dap/tra-cuu/"
NOT_FOUND = (
    "Không tìm thấy câu hỏi với mã và số điện thoại (hoặc thư điện tử) này. Hãy kiểm tra lại: "
    "số điện thoại hoặc thư điện tử phải đúng như khi gửi câu hỏi."
)


def status_line(response) -> str:
    html = response.content.decode()
    return re.sub(r"<[^>]+>", "", re.search(r"<dt>Tình trạng</dt><dd>(.*?)</dd>", html).group(1))


def test_the_asker_reads_the_private_answer_by_phone(client, adviser):
    item = answered(adviser=adviser, allow_publication=False)
    response = client.post(URL, {"code": item.code, "contact": "0912.345.678"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1 class=\"page-title\">(.*?)</h1>", html).group(1) == "Câu hỏi HD-2026-000001"
    assert status_line(response) == "Đã trả lời. Câu hỏi đã được trả lời."
    assert '<p class="legal-date">Trả lời lúc 12:00 02/12/2026</p>' in html
    assert '<div class="article-body"><p>Có. Theo điểm b khoản 2 Điều 35 Bộ luật Lao động năm 2019.</p></div>' in html
    assert (
        '<p class="legal-signature">Luật sư Hoàng Minh Đức<br>Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh</p>'
        in html
    )
    assert "no-cache" in response["Cache-Control"]


def test_by_email_with_a_code_typed_loosely(client):
    item = question(phone="", email="hoa.nguyen@example.vn")
    response = client.post(URL, {"code": " hd-２０２６-000001 ", "contact": "Hoa.Nguyen@Example.vn"})
    assert status_line(response) == "Mới gửi. Văn phòng đã nhận câu hỏi và sẽ phân công tư vấn viên trả lời."
    assert item.code == "HD-2026-000001"


def test_a_refused_question_shows_the_reason(client):
    item = question()
    services.refuse(question=item, reason="Câu hỏi không thuộc lĩnh vực lao động.", now=NOW)
    html = client.post(URL, {"code": item.code, "contact": "0912345678"}).content.decode()
    assert "<h2>Lý do</h2><p>Câu hỏi không thuộc lĩnh vực lao động.</p>" in html


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        ({"code": "HD-2026-000001", "contact": "0999999999"}, {"__all__": [NOT_FOUND]}),
        ({"code": "HD-2026-000002", "contact": "0912345678"}, {"__all__": [NOT_FOUND]}),
        ({"code": "123", "contact": "0912345678"}, {"code": ["Mã tra cứu có dạng HD-2026-000123."]}),
        ({"code": "", "contact": ""}, {
            "code": ["Hãy ghi mã tra cứu."],
            "contact": ["Hãy ghi số điện thoại hoặc thư điện tử đã dùng khi gửi câu hỏi."],
        }),
        ({"code": "HD-2026-000001", "contact": "hoa@"}, {"contact": ["Địa chỉ thư điện tử chưa đúng."]}),
        ({"code": "HD-2026-000001" * 10, "contact": "x" * 5000}, {
            "code": ["Mã tra cứu có dạng HD-2026-000123."], "contact": ["Quá dài: tối đa 254 ký tự."],
        }),
    ],
)  # fmt: skip
def test_wrong_or_junk_look_ups_get_one_clear_answer(client, posted, expected):
    question()
    response = client.post(URL, posted)
    assert response.status_code == 200
    assert {name: list(messages) for name, messages in response.context["form"].errors.items()} == expected


def test_guessing_one_code_is_stopped_after_ten_failures(client):
    item = question()
    for index in range(10):
        client.post(URL, {"code": item.code, "contact": f"09000000{index:02d}"}, REMOTE_ADDR=f"10.0.0.{index}")
    locked = client.post(URL, {"code": item.code, "contact": "0912345678"}, REMOTE_ADDR="10.0.1.1")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"


def test_an_address_with_many_failures_gets_the_challenge(client):
    question()
    for index in range(10):
        client.post(URL, {"code": f"HD-2026-{index + 10:06d}", "contact": "0912345678"})
    response = client.post(URL, {"code": "HD-2026-000001", "contact": "0912345678"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["xac_nhan"]
