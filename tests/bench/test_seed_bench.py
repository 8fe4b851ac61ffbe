"""seed_bench: bulk-created articles are exactly what a save would store, and searchable."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from congdoan.renditions import FORMATS, WIDTHS, rendition_name
from news.models import Article, Section, Tag
from tools.seed_bench import Command as SeedBench

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command(
        SeedBench(), articles=40, covers=2, no_demo=True, stdout=io.StringIO(), stderr=io.StringIO(), **options
    )


def test_bulk_created_articles_match_saved_ones_and_are_searchable():
    seed()
    articles = list(Article.objects.filter(slug__startswith="bench-"))
    assert len(articles) == 40
    stored = {a.pk: (a.slug, a.search_title, a.search_text) for a in articles}
    for article in articles:
        article.save()  # recomputes slug normalisation and search columns as the admin would
    for article in Article.objects.filter(pk__in=stored):
        assert (article.slug, article.search_title, article.search_text) == stored[article.pk]
    some = Article.objects.published().filter(slug__startswith="bench-").first()
    first_word = some.title.split()[0]
    assert some in Article.objects.published().search(some.title)
    assert Article.objects.published().search(first_word).exists()


def test_sections_tags_covers_and_renditions():
    seed()
    assert Section.objects.filter(slug__startswith="bench-").count() == 20
    assert Section.objects.filter(slug__startswith="bench-", parent__isnull=False).count() == 12
    assert Tag.objects.filter(slug__startswith="bench-", kind=Tag.Kind.PLACE).count() == 15
    with_cover = Article.objects.exclude(cover="")
    assert with_cover.exists()
    assert with_cover.values("cover").distinct().count() <= 2
    article = with_cover.first()
    assert (article.cover_width, article.cover_height) == (800, 450)
    for width in WIDTHS:
        for extension in FORMATS:
            assert default_storage.exists(rendition_name(article.cover.name, width, extension))
    assert all(a.tags.filter(kind=Tag.Kind.PLACE).exists() for a in Article.objects.all()[:10])


def test_idempotent_and_reset():
    seed()
    first_slugs = set(Article.objects.values_list("slug", flat=True))
    seed()
    assert set(Article.objects.values_list("slug", flat=True)) == first_slugs
    seed(reset=True)
    assert Article.objects.count() == 40
    assert Section.objects.filter(slug__startswith="bench-").count() == 20
