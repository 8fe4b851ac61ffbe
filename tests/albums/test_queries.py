"""Album pages run the same number of queries with 2 or 15 albums of 4 photos each.

The numbers matter because these pages are served uncached on a page-cache miss: a query
per album or per photo (N+1) would make the library slower as it grows. Cold cache: the
page around the content costs the menu and the header's four banner queries. The federation
is the request's, from the directory of hosts (read once per process and network version:
emptying the cache renews that version, so each measure warms the directory first).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.tenancy import directory
from tests.utils import HEADER_QUERIES_COLD, clear_cache

from .factories import AlbumFactory, AlbumPhotoFactory

pytestmark = pytest.mark.django_db

FRAME = 1 + HEADER_QUERIES_COLD  # menu; ticker settings, commemorations, slogans, slides
EXPECTED = {
    "/thu-vien-anh/": 3 + FRAME,  # count, the page's albums with their photo counts, their covers
    "/thu-vien-anh/?page=1": 3 + FRAME,
    "album": 2 + FRAME,  # the album, its photos (for the grid and the og:image piece)
}


def cold():
    clear_cache()
    directory()


def build(count):
    albums = []
    for number in range(count):
        album = AlbumFactory(title=f"Album số {number}")
        for _ in range(4):
            AlbumPhotoFactory(album=album)
        albums.append(album)
    return albums


@pytest.mark.parametrize("count", [2, 15])
def test_query_counts_are_fixed(client, count):
    albums = build(count)
    counts = {}
    for name in EXPECTED:
        cold()
        url = albums[-1].get_absolute_url() if name == "album" else name
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    assert counts == EXPECTED


def test_album_page_with_django_assert_num_queries(client, django_assert_num_queries):
    album = build(3)[0]
    cold()
    with django_assert_num_queries(EXPECTED["album"]):
        client.get(album.get_absolute_url())


def test_with_fragments_warm_pages_run_no_query(client, settings):
    """A page-cache miss (a reader with a session) renders from cached pieces: no album query."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    album = build(3)[1]
    for url in ("/thu-vien-anh/", album.get_absolute_url()):
        cold()
        first = client.get(url).content
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).content == first
        assert queries.captured_queries == []
