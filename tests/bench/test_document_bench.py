"""tools/document_bench.py: bulk-made documents are what a save would store, and the register finds them."""

import io

import pytest

from documents.models import Document, DocumentFile
from tools.document_bench import cases, measure, seed_documents

pytestmark = pytest.mark.django_db


def test_seeded_documents_match_saved_ones_and_are_found(client):
    assert seed_documents(60, out=io.StringIO()) == 60
    assert seed_documents(60, out=io.StringIO()) == 0  # idempotent
    documents = list(Document.objects.filter(slug__startswith="bench-"))
    assert len(documents) == 60
    stored = {d.pk: (d.slug, d.number_key, d.search_title, d.search_text) for d in documents}
    for document in documents:
        document.save()
    for document in Document.objects.filter(pk__in=stored):
        assert (document.slug, document.number_key, document.search_title, document.search_text) == stored[document.pk]
    assert DocumentFile.objects.filter(document__slug__startswith="bench-").exists()
    one = Document.objects.published().filter(slug__startswith="bench-").first()
    response = client.get("/van-ban/", {"q": one.number.lower()})
    assert [row.pk for row in response.context["documents"]] == [one.pk]


def test_measure_prints_every_case_with_the_load(settings):
    seed_documents(600, out=io.StringIO())
    out = io.StringIO()
    lines = measure(rounds=1, out=out, host="testserver")
    assert lines[0].startswith("Tải máy (load average): ")
    assert [line.split("  ")[0].strip() for line in lines[2:]] == list(cases())
