"""Each public page of the Q&A runs the same number of queries with 3 or 30 published Q&As.

The numbers matter because these pages are served uncached on every page-cache miss (a new
?q= or ?page=, a reader with a session) and the archive only grows. Cold cache in every test:
the menu costs one query, the header's ticker and slides four. The federation (the site's
identity) comes from the directory of hosts, read once per process and network version.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.tenancy import directory
from tests.documents.factories import DocumentFactory
from tests.utils import HEADER_QUERIES_COLD, clear_cache

from .factories import NOW, TopicFactory, published

pytestmark = pytest.mark.django_db

BANNERS = HEADER_QUERIES_COLD
EXPECTED = {
    "/hoi-dap/": 4 + BANNERS,  # menu, topics with counts, count, page
    "/hoi-dap/?chu-de=tien-luong&q=luong": 4 + BANNERS,  # the same, filtered and searched
    # menu, the Q&A with topic and adviser, its legal basis (documents with issuer and state), related
    "/hoi-dap/{slug}/": 4 + BANNERS,
    "/hoi-dap/gui-cau-hoi/": 2 + BANNERS,  # menu, topics of the form
    "/hoi-dap/tra-cuu/": 1 + BANNERS,  # menu
    "/hoi-dap/rss/": 1,  # items with topic and adviser
}


def build(count, adviser):
    wages = TopicFactory(name="Tiền lương", slug="tien-luong")
    other = TopicFactory(name="Bảo hiểm xã hội", slug="bao-hiem-xa-hoi")
    # Each answer cites as many documents of the register as there are Q&As (3 or 30).
    documents = [
        DocumentFactory(number=f"{index + 1}/2020/NĐ-CP", kind="nghi-dinh", issued_on=datetime.date(2020, 1, 1))
        for index in range(count)
    ]
    items = []
    for index in range(count):
        items.append(
            published(
                topic=(wages, other)[index % 2],
                adviser=adviser,
                title=f"Câu hỏi về tiền lương số {index}",
                phone=f"09{index:08d}",
                now=NOW + datetime.timedelta(hours=index),
            )
        )
    for item in items:
        item.documents.set(documents)
    return items


def measure(client, items):
    counts = {}
    for url in EXPECTED:
        clear_cache()
        # With Redis, emptying the cache also drops the network's version, and the directory of
        # hosts is then read again (two queries) by whichever request comes first: once per
        # network version for the whole site, not a cost of these pages.
        directory()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url.format(slug=items[0].slug))
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_do_not_grow_with_the_archive(client, adviser, count):
    with time_machine.travel(NOW + datetime.timedelta(days=30), tick=False):
        items = build(count, adviser)
        assert measure(client, items) == EXPECTED
