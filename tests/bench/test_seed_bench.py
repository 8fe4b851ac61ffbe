"""seed_bench: bulk-created articles are exactly what a save would store, and searchable."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from banners.models import Slide
from congdoan.models import Federation, FederationHost
from congdoan.renditions import FORMATS, WIDTHS, rendition_name
from congdoan.tenancy import everywhere
from news.models import Article, Section, Tag
from tools.seed_bench import Command as SeedBench

pytestmark = pytest.mark.django_db


def seed(**options):
    options = {"articles": 40, "covers": 2, "no_demo": True, **options}
    call_command(SeedBench(), stdout=io.StringIO(), stderr=io.StringIO(), **options)


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


def test_network_mode_seeds_each_federation_its_own_host_sections_tags_and_articles():
    """`--federations 3`: the default federation, two more and the national union, each
    serving its own host, with its own tree of 20 sections, its own tags, and an even share
    of the articles, every row of which (sections, tags) belongs to the article's federation."""
    seed(federations=3, articles=44, no_demo=False)
    federations = list(Federation.objects.order_by("pk"))
    hosts = dict(FederationHost.objects.filter(is_primary=True).values_list("federation__code", "host"))
    assert {code: hosts[code] for code in ("bench-f01", "bench-f02", "bench-tld")} == {
        "bench-f01": "bench-f01.bench.localhost",
        "bench-f02": "bench-f02.bench.localhost",
        "bench-tld": "congdoan.bench.localhost",
    }
    assert Federation.objects.get(kind=Federation.Kind.NATIONAL).code == "bench-tld"
    for federation in federations:
        owned = everywhere(Article).filter(federation=federation)
        assert owned.count() == 11
        assert everywhere(Section).filter(federation=federation, slug__startswith="bench-").count() == 20
        assert everywhere(Section).filter(federation=federation, show_in_menu=True).count() == 8
        assert not owned.exclude(section__federation=federation).exists()
        assert not Article.tags.through.objects.filter(article__in=owned).exclude(tag__federation=federation).exists()
        assert everywhere(Slide).filter(federation=federation).count() == 3
