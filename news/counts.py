"""Published-article counts of sections and tags, kept rather than recomputed.

A section's or a tag's page shows how many articles it lists (and the paginator needs it).
Counted on every cold render, that was a COUNT over the section's index entries (120 ms for a
section of 145,000 articles) or a join over the tag's articles (400 ms at a million). So each
`Section` and `Tag` keeps `published_count`: its articles with status "published", scheduled
ones included. It is kept in the same transaction as the change, by the signals in
news.signals (publish, unpublish, delete, move to another section, tags added or removed;
a merge of federations recounts its successor).

A scheduled article goes live by time, not by a write, so nothing could update a count
then: that is why the kept count includes scheduled articles, and the count shown subtracts
those still due later, read from the (section, status, publish time) index, a range of the
few future rows. Rows written around `save()` (the bench seeder's COPY, a raw UPDATE) are
put right by `python manage.py recount_articles` (`recount()` below), which also says what
it corrected.
"""

from django.db.models import Count, F, IntegerField, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from congdoan.tenancy import everywhere

from .models import Article, Section, Tag

PUBLISHED = Article.Status.PUBLISHED


def _count_of(queryset) -> RawSQL:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return RawSQL(f"SELECT COUNT(*) FROM ({sql}) AS counted", params, output_field=IntegerField())


def section_count(published, section_ids: list[int], pushed=None, now=None) -> int:
    """Published and due articles of these sections (plus the national articles `pushed` into
    them, taken from `published`), in one statement: the kept counts, less the articles
    still scheduled, plus the pushed ones (a few, counted)."""
    now = now or timezone.now()
    future = everywhere(Article).scheduled(now).filter(section_id__in=section_ids)
    total = Coalesce(Sum("published_count"), 0) - _count_of(future)
    if pushed is not None:
        total = total + _count_of(published.filter(pk__in=pushed))
    return everywhere(Section).filter(pk__in=section_ids).aggregate(total=total)["total"]


def tag_count(articles, tag, now=None) -> int:
    """Published and due articles carrying `tag`, in one statement (as `section_count`)."""
    now = now or timezone.now()
    future = everywhere(Article).scheduled(now).filter(tags=tag)
    total = F("published_count") - _count_of(future)
    return everywhere(Tag).filter(pk=tag.pk).annotate(total=total).values_list("total", flat=True).first() or 0


# --- keeping them -----------------------------------------------------------------------


def add(*, sections: dict[int, int] | None = None, tags: dict[int, int] | None = None) -> None:
    """Add each delta to its section's or tag's kept count (one UPDATE per distinct delta)."""
    for model, deltas in ((Section, sections or {}), (Tag, tags or {})):
        by_delta: dict[int, list[int]] = {}
        for pk, delta in deltas.items():
            if delta and pk is not None:
                by_delta.setdefault(delta, []).append(pk)
        for delta, ids in by_delta.items():
            model._base_manager.filter(pk__in=ids).update(published_count=F("published_count") + delta)


def tag_ids_of(article_id: int) -> list[int]:
    return list(Article.tags.through.objects.filter(article_id=article_id).values_list("tag_id", flat=True))


def published_among(article_ids) -> int:
    return Article._base_manager.filter(pk__in=list(article_ids), status=PUBLISHED).count()


# --- reconciling ------------------------------------------------------------------------


def recount(federation_ids: list[int] | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """Set every kept count to the real one (of these federations, or all); returns how many
    sections and tags were wrong (`dry_run`: only say so). One grouped query per kind."""
    corrected = {"sections": 0, "tags": 0}
    sections, tags = everywhere(Section).order_by(), everywhere(Tag).order_by()
    if federation_ids is not None:
        sections, tags = (
            sections.filter(federation_id__in=federation_ids),
            tags.filter(federation_id__in=federation_ids),
        )
    real = {
        "sections": everywhere(Article).filter(status=PUBLISHED, section__in=sections).values("section_id"),
        "tags": Article.tags.through.objects.filter(article__status=PUBLISHED, tag__in=tags).values("tag_id"),
    }
    for name, queryset in (("sections", sections), ("tags", tags)):
        found = dict(real[name].order_by().annotate(n=Count("pk")).values_list(*real[name].query.values_select, "n"))
        for pk, kept in queryset.values_list("pk", "published_count"):
            if kept != found.get(pk, 0):
                corrected[name] += 1
                if not dry_run:
                    queryset.model._base_manager.filter(pk=pk).update(published_count=found.get(pk, 0))
    return corrected
