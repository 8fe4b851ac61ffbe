"""Each federation's register on its own host: B's pages never show, find or serve A's documents.

Federation A is the default one (the test client's `testserver`), B is Sơn La on its own host
(as in tests/congdoan/test_tenancy.py). Both register a 377/KH-TLĐ: numbers, issuers and
addresses are per federation.
"""

import datetime
import re

import pytest
import time_machine
from django.test import Client

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate, default_federation
from documents.models import Document, Issuer
from documents.services import attach_file
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import DocumentFactory, IssuerFactory, pdf_bytes
from .test_views import count_line, rows

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2025, 8, 1, 10, 0, tzinfo=datetime.UTC)
B_HOST = "sonla.test"


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla",
        name_line2="TỈNH SƠN LA",
        short_name="LĐLĐ tỉnh Sơn La",
        province="Sơn La",
        domain="congdoansonla.vn",
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


@pytest.fixture
def two_registers(federation_b):
    """A: the national plan with its PDF and a resolution of its own; B: the same plan number."""
    a_plan = DocumentFactory(number="377/KH-TLĐ", title="Tổ chức Tháng Công nhân năm 2025 tại Bắc Kạn",
                             issued_on=D(2025, 3, 10))  # fmt: skip
    a_file = attach_file(document=a_plan, content=pdf_bytes("Bữa cơm công đoàn ở Chợ Mới"), name="kh.pdf")
    DocumentFactory(number="08/NQ-LĐLĐ", kind="nghi-quyet", title="Về phát triển đoàn viên ở Bắc Kạn",
                    issuer=IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ"),
                    issued_on=D(2024, 3, 18))  # fmt: skip
    with activate(federation_b):
        b_plan = DocumentFactory(number="377/KH-TLĐ", title="Tổ chức Tháng Công nhân năm 2025 tại Sơn La",
                                 issued_on=D(2025, 3, 12))  # fmt: skip
    return {"a_plan": a_plan, "a_file": a_file, "b_plan": b_plan}


@time_machine.travel(TODAY, tick=False)
def test_b_register_search_and_feeds_list_none_of_a_documents(client, two_registers):
    a_plan, b_plan = two_registers["a_plan"], two_registers["b_plan"]
    # One slug, one number, two federations: each has its own issuer "TLĐ" too.
    assert (a_plan.slug, b_plan.slug) == ("ke-hoach-377-kh-tld", "ke-hoach-377-kh-tld")
    assert a_plan.issuer_id != b_plan.issuer_id
    assert Issuer.objects.filter(name="Tổng Liên đoàn Lao động Việt Nam").count() == 2

    b = Client(HTTP_HOST=B_HOST)
    register = b.get("/van-ban/")
    assert count_line(register) == "1 văn bản, mới ban hành trước."
    assert rows(register) == [
        ["377/KH-TLĐ", "12/03/2025", "Kế hoạch Tổ chức Tháng Công nhân năm 2025 tại Sơn La",
         "Tổng Liên đoàn Lao động Việt Nam", "Còn hiệu lực", "—"],
    ]  # fmt: skip
    assert [row[2] for row in rows(client.get("/van-ban/"))] == [
        "Kế hoạch Tổ chức Tháng Công nhân năm 2025 tại Bắc Kạn",
        "Nghị quyết Về phát triển đoàn viên ở Bắc Kạn",
    ]

    # A's words (trích yếu, a PDF's text, a number only A has) find nothing on B's host.
    for query, line in (
        ("bac kan", "Tìm thấy 0 văn bản có “bac kan”."),
        ("bua com cong doan", "Tìm thấy 0 văn bản có “bua com cong doan”."),
        ("08/NQ-LĐLĐ", "Tìm thấy 0 văn bản có “08/NQ-LĐLĐ”."),
    ):
        found = b.get("/van-ban/", {"q": query})
        assert count_line(found) == line
        assert '<p class="empty-state-title">Không có văn bản nào phù hợp.</p>' in found.content.decode()
    assert [row[2] for row in rows(b.get("/van-ban/", {"q": "377/kh-tld"}))] == [
        "Kế hoạch Tổ chức Tháng Công nhân năm 2025 tại Sơn La"
    ]
    # A's issuer filter is not one of B's choices.
    a_ldld = Issuer.objects.get(code="LĐLĐ")
    assert b.get("/van-ban/", {"co-quan": a_ldld.slug}).status_code == 404

    feed = b.get("/van-ban/rss/").content.decode()
    assert re.findall(r"<item><title>(.*?)</title>", feed) == [
        "Kế hoạch 377/KH-TLĐ: Tổ chức Tháng Công nhân năm 2025 tại Sơn La"
    ]
    sitemap = b.get("/sitemap.xml").content.decode()
    assert re.findall(r"<loc>http://sonla\.test(/van-ban/[^<]+)</loc>", sitemap) == ["/van-ban/ke-hoach-377-kh-tld/"]
    assert "nghi-quyet-08-nq-ldld" not in sitemap


@time_machine.travel(TODAY, tick=False)
def test_a_document_and_its_file_are_not_found_on_b_host(client, two_registers):
    a_file = two_registers["a_file"]
    file_url = f"/van-ban/ke-hoach-377-kh-tld/tep/{a_file.pk}/ke-hoach-377-kh-tld.pdf"
    assert file_url == a_file.get_absolute_url()
    assert client.get(file_url).status_code == 200
    b = Client(HTTP_HOST=B_HOST)
    # B has a document at the same address: A's file id under it is still not B's file.
    assert b.get(file_url).status_code == 404
    for url in ("/van-ban/nghi-quyet-08-nq-ldld/", "/van-ban/nghi-quyet-08-nq-ldld/in/"):
        assert client.get(url).status_code == 200, url
        assert b.get(url).status_code == 404, url
    # The shared address shows each federation its own document.
    on_b = b.get("/van-ban/ke-hoach-377-kh-tld/").content.decode()
    assert "Tổ chức Tháng Công nhân năm 2025 tại Sơn La" in on_b
    assert "tại Bắc Kạn" not in on_b and f"/tep/{a_file.pk}/" not in on_b


def test_b_editor_is_not_warned_of_a_documents_as_duplicates(two_registers, federation_b):
    editor = give_role(UserFactory(username="bientap-sonla"), EDITOR_GROUP, federation_b)
    b = Client(HTTP_HOST=B_HOST)
    b.force_login(editor)
    found = b.get("/admin/documents/document/nhan-dien/", {"so": "08/NQ-LĐLĐ"}).json()
    # B has no "LĐLĐ" issuer of its own and none of A's documents: nothing proposed, no duplicate.
    assert (found["kind"], found["issuer"], found["duplicates"]) == ("nghi-quyet", None, [])
    same = b.get("/admin/documents/document/nhan-dien/", {"so": "377/KH-TLĐ"}).json()
    assert (same["issuer"], same["duplicates"]) == (
        two_registers["b_plan"].issuer_id,
        ["377/KH-TLĐ – Tổng Liên đoàn Lao động Việt Nam, 12/03/2025"],
    )
    assert default_federation() != federation_b
    assert Document.objects.count() == 3  # outside a request: every federation's rows
