"""No asker's contact detail ever leaves the advisers' admin: not in public pages, the feed,
the sitemap, search, nor in a mail to anyone else. Retention and the erasure command."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from legal.models import Question

from .factories import NOW, published, question

pytestmark = pytest.mark.django_db

SECRETS = ("Nguyễn Thị Bí Mật", "0987654321", "bimat@example.vn", "Công ty TNHH Bí Mật", "Lê Văn Kín", "0911222333")


@pytest.fixture
def site(adviser):
    with time_machine.travel(NOW, tick=False):
        published(
            adviser=adviser, name="Nguyễn Thị Bí Mật", phone="0987654321", email="bimat@example.vn",
            workplace="Công ty TNHH Bí Mật", title="Công ty không đóng bảo hiểm xã hội thì làm sao?",
            text="Công ty không đóng bảo hiểm xã hội cho tôi suốt hai năm, tôi phải làm gì?",
        )  # fmt: skip
        question(name="Lê Văn Kín", phone="0911222333", text="Câu hỏi riêng chưa được trả lời, không được lộ ra.")


def test_no_public_page_feed_or_sitemap_carries_contact_details(client, site):
    urls = [
        "/", "/hoi-dap/", "/hoi-dap/?q=bi+mat", "/hoi-dap/?q=cong+ty",
        "/hoi-dap/cong-ty-khong-dong-bao-hiem-xa-hoi-thi-lam-sao/", "/hoi-dap/rss/", "/sitemap.xml", "/rss/",
        "/hoi-dap/gui-cau-hoi/", "/hoi-dap/tra-cuu/", "/tim-kiem/?q=bi+mat",
    ]  # fmt: skip
    leaks = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        found = [secret for secret in SECRETS if secret in text]
        if found:
            leaks[url] = found
    assert leaks == {}
    # Searching for a contact detail finds nothing (the page only echoes what was typed).
    for query in ("bi mat", "0987654321", "bimat@example.vn", "Lê Văn Kín"):
        assert client.get("/hoi-dap/", {"q": query}).context["page"].paginator.count == 0


def test_each_mail_goes_to_one_asker_and_carries_only_their_question(client, django_capture_on_commit_callbacks):
    from .factories import TopicFactory
    from .test_submit import data

    topic = TopicFactory(name="Tiền lương", slug="tien-luong")
    # The lookup code carries the local year it was asked in.
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        client.post("/hoi-dap/gui-cau-hoi/", data(topic, email="mot@example.vn", phone="0911111111"))
        client.post(
            "/hoi-dap/gui-cau-hoi/",
            data(
                topic,
                email="hai@example.vn",
                phone="0922222222",
                asker_name="Trần Văn Hai",
                question="Câu hỏi thứ hai về tiền lương tháng.",
            ),
        )
    assert [message.to for message in mail.outbox] == [["mot@example.vn"], ["hai@example.vn"]]
    first, second = (message.subject + message.body + str(message.cc) + str(message.bcc) for message in mail.outbox)
    assert ("hai@example.vn" in first, "0922222222" in first, "Trần Văn Hai" in first) == (False, False, False)
    assert ("mot@example.vn" in second, "0911111111" in second, "Nguyễn Thị Hoa" in second) == (False, False, False)
    assert [re.search(r"Mã tra cứu: (\S+)", body.split("Chủ đề")[0]).group(1) for body in (first, second)] == [
        "HD-2026-000001", "HD-2026-000002",
    ]  # fmt: skip


def test_contact_details_are_erased_after_the_retention_period(site, settings):
    settings.LEGAL_CONTACT_RETENTION_MONTHS = 24
    out = io.StringIO()
    with time_machine.travel(NOW + datetime.timedelta(days=30 * 24), tick=False):
        call_command("erase_legal_contacts", stdout=out)
    assert out.getvalue() == "Đã xóa thông tin liên hệ của 0 câu hỏi quá 24 tháng.\n"
    with time_machine.travel(NOW + datetime.timedelta(days=30 * 24 + 2), tick=False):
        call_command("erase_legal_contacts", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Đã xóa thông tin liên hệ của 1 câu hỏi quá 24 tháng."
    answered_one, open_one = Question.objects.order_by("pk")
    assert (answered_one.asker_name, answered_one.phone, answered_one.email, answered_one.workplace) == ("", "", "", "")
    assert open_one.phone == "0911222333"  # still waiting for its answer: kept
