"""Members ask at /hoi-dap/gui-cau-hoi/: a plain form, a tracking code, a mail, and abuse limits."""

import re
import time

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.core import mail, signing

from legal.forms import STARTED_SALT
from legal.models import Question

from .factories import NOW, TopicFactory

pytestmark = pytest.mark.django_db

URL = "/hoi-dap/gui-cau-hoi/"
INVALID_CHOICE = "Hãy chọn một lựa chọn hợp lệ. co-le không phải là một trong các lựa chọn khả thi."
HONEYPOT = "Ô “Để trống ô này” phải để trống. Hãy xóa nội dung trong ô đó rồi gửi lại."
QUESTION = "Công ty nợ lương tôi hai tháng nay, tôi có được nghỉ việc ngay mà không cần báo trước không?"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def topic():
    return TopicFactory(name="Tiền lương", slug="tien-luong")


def started(seconds_ago=60) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def data(topic, /, **overrides) -> dict:
    values = {
        "salutation": "chi",
        "asker_name": "Nguyễn Thị Hoa",
        "phone": "0912 345 678",
        "email": "hoa.nguyen@example.vn",
        "workplace": "Công ty May Bắc Kạn",
        "place": "Thái Nguyên",
        "topic": str(topic.pk),
        "question": QUESTION,
        "publish": "co",
        "consent": "on",
        "started": started(),
        "website": "",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def errors(response) -> dict:
    form = response.context["form"]
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_the_form_has_its_fields_in_order_and_no_challenge_at_first(client, topic):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', html.split('class="legal-form"')[1])
    assert names == [
        "csrfmiddlewaretoken", "started", "salutation", "asker_name", "phone", "email", "workplace", "place",
        "topic", "question", "publish", "publish", "consent", "website",
    ]  # fmt: skip
    assert '<div class="legal-field legal-trap" aria-hidden="true">' in html
    assert "no-cache" in response["Cache-Control"]
    assert '<option value="' + str(topic.pk) + '">Tiền lương</option>' in html


def test_a_question_gets_its_code_and_a_mail_to_the_asker(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data(topic))
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert re.search(r'<p class="legal-code">(.*?)</p>', done.content.decode()).group(1) == "HD-2026-000001"
    assert "Mã tra cứu cũng đã được gửi tới thư điện tử của bạn." in done.content.decode()

    question = Question.objects.get()
    assert (question.code, question.status, question.phone, question.email, question.asker_name) == (
        "HD-2026-000001", "new", "0912345678", "hoa.nguyen@example.vn", "Nguyễn Thị Hoa",
    )  # fmt: skip
    assert (question.allow_publication, question.consented_at, question.submitted_at) == (True, NOW, NOW)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa.nguyen@example.vn"]
    assert message.subject == "Đã nhận câu hỏi HD-2026-000001 – LĐLĐ tỉnh Bắc Kạn"
    assert "Mã tra cứu: HD-2026-000001\n" in message.body
    assert "Gửi lúc: 10:00 01/12/2026\n" in message.body
    assert "mở http://testserver/hoi-dap/tra-cuu/ và nhập mã tra cứu" in message.body


def test_codes_count_up_within_a_year_and_restart_with_the_next(client, topic):
    client.post(URL, data(topic))
    client.post(URL, data(topic, phone="0987654321", email="", question=QUESTION + " Xin cảm ơn."))
    with time_machine.travel("2027-01-02 09:00 +0700", tick=False):
        client.post(URL, data(topic, phone="0977777777", email="", started=started()))
    assert list(Question.objects.order_by("pk").values_list("code", flat=True)) == [
        "HD-2026-000001", "HD-2026-000002", "HD-2027-000001",
    ]  # fmt: skip


def test_sending_the_same_question_twice_keeps_one_code_and_one_mail(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, data(topic))
        second = client.post(URL, data(topic))
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0] == "/hoi-dap/gui-cau-hoi/da-gui/"
    assert Question.objects.count() == 1
    assert len(mail.outbox) == 1


def test_without_email_no_mail_is_sent(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data(topic, email=""))
    done = client.get(response["Location"]).content.decode()
    assert "Mã tra cứu cũng đã được gửi" not in done
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"consent": None}, {"consent": ["Cần đồng ý cho xử lý dữ liệu cá nhân thì Văn phòng mới trả lời được."]}),
        (
            {"phone": "", "email": ""},
            {"phone": ["Hãy ghi số điện thoại hoặc thư điện tử (ít nhất một) để nhận trả lời."]},
        ),
        (
            {"phone": "0212 345"},
            {
                "phone": [
                    "Số điện thoại không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 "
                    "(có thể viết +84 thay cho số 0 đầu)."
                ]
            },
        ),
        ({"phone": "09¹2345678"}, {"phone": ["Ký tự “¹” không phải chữ số: hãy chỉ dùng các chữ số 0–9."]}),
        ({"email": "hoa@"}, {"email": ["Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@gmail.com."]}),
        ({"question": "Hỏi gì?"}, {"question": ["Câu hỏi quá ngắn: hãy viết ít nhất 20 ký tự."]}),
        (
            {"question": "a" * 4001},
            {"question": ["Câu hỏi dài quá 4.000 ký tự (hiện có 4001). Hãy viết gọn lại, hoặc gọi đường dây nóng."]},
        ),
        ({"topic": str(2**70)}, {"topic": ["Hãy chọn một chủ đề trong danh sách."]}),
        ({"topic": ""}, {"topic": ["Hãy chọn một chủ đề."]}),
        (
            {"publish": "co-le"},
            {"publish": ["Hãy chọn một lựa chọn hợp lệ. co-le không phải là một trong các lựa chọn khả thi."]},
        ),
        ({"asker_name": "\u202e\u200b"}, {"asker_name": ["Hãy ghi họ và tên."]}),
        (
            {"website": "http://spam.example"},
            {"website": ["Ô “Để trống ô này” phải để trống. Hãy xóa nội dung trong ô đó rồi gửi lại."]},
        ),
        ({"started": "gia-mao"}, {"started": ["Biểu mẫu gửi lên không còn nguyên vẹn. Hãy bấm “Gửi” lần nữa."]}),
    ],
)
def test_every_bad_input_gets_its_vietnamese_error_and_saves_nothing(client, topic, overrides, expected):
    response = client.post(URL, data(topic, **overrides))
    assert response.status_code == 200
    assert errors(response) == expected
    assert Question.objects.count() == 0


def test_look_alike_digits_and_invisible_marks_are_read_as_the_member_meant(client, topic):
    response = client.post(
        URL, data(topic, phone="０９１２３４５６７８", asker_name="\u200fNguyễn\u200b Thị\u202e Hoa", email="")
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.phone, question.asker_name) == ("0912345678", "Nguyễn Thị Hoa")


def test_a_form_sent_too_fast_asks_for_the_challenge_then_accepts_it(client, topic):
    response = client.post(URL, data(topic, started=started(seconds_ago=1)))
    assert response.status_code == 200
    assert response.context["challenge_now"] is True
    assert errors(response) == {}
    assert Question.objects.count() == 0
    html = response.content.decode()
    assert '<img src="/hoi-dap/ma-xac-nhan/image/' in html
    # What the member typed is still there.
    assert 'value="Nguyễn Thị Hoa"' in html

    key = CaptchaStore.objects.get().hashkey
    wrong = client.post(URL, data(topic, xac_nhan_0=key, xac_nhan_1="sai"))
    assert errors(wrong) == {"xac_nhan": ["Mã xác nhận chưa đúng. Hãy gõ lại các chữ trong hình mới."]}
    assert Question.objects.count() == 0

    store = CaptchaStore.objects.get()  # the image of the re-rendered form (the wrong one is spent)
    solved = client.post(URL, data(topic, xac_nhan_0=store.hashkey, xac_nhan_1=store.response.upper()))
    assert solved.status_code == 302
    assert Question.objects.count() == 1


def test_the_challenge_image_is_rendered_here(client, topic):
    client.post(URL, data(topic, started=started(seconds_ago=1)))
    image = client.get(f"/hoi-dap/ma-xac-nhan/image/{CaptchaStore.objects.get().hashkey}/")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"


def test_an_office_behind_one_address_passes_then_gets_the_challenge_then_a_429(client, topic, settings):
    settings.LEGAL_QUESTIONS_PER_ADDRESS_HOUR = 3
    statuses = []
    for index in range(3):
        response = client.post(URL, data(topic, phone=f"09{index:08d}", email=""))
        statuses.append(response.status_code)
    assert statuses == [302, 302, 302]  # three members of one office: no challenge

    fourth = client.post(URL, data(topic, phone="0911111111", email=""))
    assert fourth.status_code == 200
    assert errors(fourth) == {"xac_nhan": ["Hãy gõ các chữ trong hình."]}

    for _ in range(11):  # up to 5 × 3 = 15 posts an hour, each asked for the challenge
        last = client.post(URL, data(topic, phone="0922222222", email=""))
    assert last.status_code == 200
    last = client.post(URL, data(topic, phone="0922222222", email=""))  # the 16th
    assert last.status_code == 429
    assert last["Retry-After"] == "3600"
    assert "Có quá nhiều câu hỏi gửi từ cùng một địa chỉ mạng trong một giờ." in last.content.decode()
    other_office = client.post(URL, data(topic, phone="0933333333", email=""), REMOTE_ADDR="10.1.2.3")
    assert other_office.status_code == 302


def test_one_contact_asking_again_the_same_day_gets_the_challenge(client, topic, settings):
    settings.LEGAL_QUESTIONS_PER_CONTACT_DAY = 1
    assert client.post(URL, data(topic)).status_code == 302
    again = client.post(URL, data(topic, question=QUESTION + " Và tiền lãi chậm trả?"), REMOTE_ADDR="10.9.9.9")
    assert again.status_code == 200
    assert again.context["challenge_now"] is True
    assert Question.objects.count() == 1


def test_the_done_page_needs_its_signed_token(client):
    response = client.get("/hoi-dap/gui-cau-hoi/da-gui/?ma=HD-2026-000001")
    assert (response.status_code, response["Location"]) == (302, "/hoi-dap/gui-cau-hoi/")
