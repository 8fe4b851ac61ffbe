"""The "Văn bản liên quan" box on an article's page (documents' tag in news' article template)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.models import Federation
from congdoan.tenancy import activate
from documents.models import Document
from tests.news.factories import ArticleFactory
from tests.utils import HEADER_QUERIES_COLD, clear_cache

from .factories import DocumentFactory, IssuerFactory

pytestmark = pytest.mark.django_db
D = datetime.date
# menu, article, tags, related and more (one query: these articles have none, so no cards to
# read), its campaigns, its documents (the box: one query, whatever the number of documents;
# inside the article's cached main column, so none once it is cached)
ARTICLE_QUERIES = 6 + HEADER_QUERIES_COLD


def box(html: str) -> str:
    found = re.search(r'<aside class="related-documents".*?</aside>', html, re.S)
    return " ".join(found.group(0).split()) if found else ""


def article_queries(client, article) -> int:
    clear_cache()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_article_page_lists_its_published_documents_newest_first(client):
    article = ArticleFactory(title="Bắc Kạn triển khai Tháng Công nhân")
    ldld = IssuerFactory(name="Liên đoàn Lao động tỉnh Bắc Kạn", code="LĐLĐ")
    plan = DocumentFactory(number="377/KH-TLĐ", title="Tổ chức Tháng Công nhân năm 2025", issued_on=D(2025, 3, 10))
    guide = DocumentFactory(number="15/HD-LĐLĐ", kind="huong-dan", issuer=ldld, issued_on=D(2025, 7, 15),
                            title="Thu, nộp kinh phí công đoàn năm 2025")  # fmt: skip
    draft = DocumentFactory(number="99/KH-LĐLĐ", issuer=ldld, status=Document.Status.DRAFT, published_at=None)
    for document in (plan, guide, draft):
        document.related_articles.add(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert box(html) == (
        '<aside class="related-documents" aria-labelledby="van-ban-lien-quan"> <h2 id="van-ban-lien-quan">'
        'Văn bản liên quan</h2> <ul><li><a href="/van-ban/huong-dan-15-hd-ldld/">Hướng dẫn 15/HD-LĐLĐ</a> '
        "ngày 15/07/2025 – Thu, nộp kinh phí công đoàn năm 2025</li><li>"
        '<a href="/van-ban/ke-hoach-377-kh-tld/">Kế hoạch 377/KH-TLĐ</a> ngày 10/03/2025 – '
        "Tổ chức Tháng Công nhân năm 2025</li></ul> </aside>"
    )


def test_an_article_without_documents_has_no_box(client):
    article = ArticleFactory()
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""


def test_another_federations_document_never_shows(client):
    """A link made across federations (only code could make one) shows nothing on this site."""
    article = ArticleFactory()
    other = Federation.objects.create(code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La")
    with activate(other):
        theirs = DocumentFactory(number="377/KH-TLĐ", title="Kế hoạch của Sơn La")
        theirs.related_articles.add(article)
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""


def test_the_box_costs_one_query_whatever_the_number_of_documents(client):
    article = ArticleFactory()
    assert article_queries(client, article) == ARTICLE_QUERIES
    for index in range(8):
        DocumentFactory(title=f"Văn bản {index}").related_articles.add(article)
    assert article_queries(client, article) == ARTICLE_QUERIES
