"""An answer cites documents of the federation's register as its legal basis ("Căn cứ pháp lý"):
chosen by advisers in the admin (autocomplete over this federation's register), shown on the
public Q&A page with links, published documents only, each with its state on the day."""

import datetime
import json
import re

import pytest
import time_machine

from documents.models import Document
from tests.admin_forms import form_data
from tests.documents.factories import DocumentFactory, IssuerFactory

from .factories import NOW, published

pytestmark = pytest.mark.django_db

TODAY = NOW + datetime.timedelta(days=10)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def code_of_labour(**kwargs):
    return DocumentFactory(
        number="45/2019/QH14",
        kind="luat",
        issuer=IssuerFactory(name="Quốc hội", code="QH", level="state"),
        title="Bộ luật Lao động",
        issued_on=datetime.date(2019, 11, 20),
        effective_from=datetime.date(2021, 1, 1),
        **kwargs,
    )


@pytest.fixture
def register():
    """The 2019 Labour Code (in force), the 2012 one (ended), and a decree still in draft."""
    state = IssuerFactory(name="Chính phủ", code="CP", level="state")
    return {
        "code": code_of_labour(),
        "old_code": DocumentFactory(
            number="10/2012/QH13",
            kind="luat",
            issuer=IssuerFactory(name="Quốc hội", code="QH", level="state"),
            title="Bộ luật Lao động",
            issued_on=datetime.date(2012, 6, 18),
            effective_until=datetime.date(2021, 1, 1),
        ),
        "draft": DocumentFactory(
            number="145/2020/NĐ-CP",
            kind="nghi-dinh",
            issuer=state,
            issued_on=datetime.date(2020, 12, 14),
            title="Quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động "
            "và quan hệ lao động",
            status=Document.Status.DRAFT,
            published_at=None,
        ),
    }


def legal_basis(html: str) -> str | None:
    found = re.search(r'<section class="legal-basis" aria-labelledby="can-cu-phap-ly">(.*?)</section>', html, re.S)
    return found.group(1).strip() if found else None


def test_the_qa_page_lists_its_published_legal_basis_with_links(client, adviser, register):
    publication = published(adviser=adviser)
    publication.documents.set([register["code"], register["old_code"], register["draft"]])
    html = client.get("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/").content.decode()
    assert legal_basis(html) == (
        '<h2 id="can-cu-phap-ly">Căn cứ pháp lý</h2>\n'
        "      <ul>"
        '<li><a href="/van-ban/luat-45-2019-qh14/">Luật 45/2019/QH14</a> ngày 20/11/2019 – Bộ luật Lao động '
        '<span class="legal-basis-state">(Còn hiệu lực)</span></li>'
        '<li><a href="/van-ban/luat-10-2012-qh13/">Luật 10/2012/QH13</a> ngày 18/06/2012 – Bộ luật Lao động '
        '<span class="legal-basis-state">(Hết hiệu lực)</span></li>'
        "</ul>"
    )
    # The document's own page is where the link leads.
    assert client.get("/van-ban/luat-45-2019-qh14/").status_code == 200


def test_a_document_published_later_appears_then(client, adviser, register):
    publication = published(adviser=adviser)
    publication.documents.set([register["draft"]])
    url = "/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/"
    assert legal_basis(client.get(url).content.decode()) is None
    draft = register["draft"]
    draft.status = Document.Status.PUBLISHED
    draft.save()
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', legal_basis(client.get(url).content.decode())) == [
        ("/van-ban/nghi-dinh-145-2020-nd-cp/", "Nghị định 145/2020/NĐ-CP")
    ]


def test_without_documents_there_is_no_legal_basis_section(client, adviser):
    published(adviser=adviser)
    html = client.get("/hoi-dap/bi-no-luong-co-duoc-nghi-viec-ngay/").content.decode()
    assert legal_basis(html) is None
    assert "Căn cứ pháp lý" not in html


def test_an_adviser_finds_documents_of_the_register_with_the_autocomplete(adviser_client, register):
    response = adviser_client.get(
        "/admin/autocomplete/",
        {"app_label": "legal", "model_name": "publication", "field_name": "documents", "term": "45/2019/QH14"},
    )
    assert response.status_code == 200
    assert json.loads(response.content)["results"] == [
        {"id": str(register["code"].pk), "text": "45/2019/QH14 – Bộ luật Lao động"}
    ]


def test_an_adviser_cites_documents_in_the_publication(adviser_client, adviser, register):
    publication = published(adviser=adviser)
    url = f"/admin/legal/publication/{publication.pk}/change/"
    page = adviser_client.get(url)
    assert page.status_code == 200
    chosen = [str(register["code"].pk), str(register["draft"].pk)]
    response = adviser_client.post(url, form_data(page, documents=chosen))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sorted(publication.documents.values_list("number", flat=True)) == ["145/2020/NĐ-CP", "45/2019/QH14"]


@pytest.fixture
def adviser_client(client, adviser_user):
    client.force_login(adviser_user)
    return client
