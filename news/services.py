"""Publishing articles: one definition of what "publish" and "unpublish" do.

The admin's bulk actions and its change form both go through `publish()`/`unpublish()`;
the rule for the publish time (`publication_time`) is written only here.

The publish time is the date the story went out, and readers see it on the page, in
lists, in the feed, the sitemap and the structured data. So publishing never moves a
time an editor has already set: an archive article entered today with its original
date (07/03/2022 08:53) keeps it when it is published, in bulk or one by one.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Article


def publication_time(*, requested: datetime | None, current: datetime | None, now: datetime) -> datetime:
    """The publish time of an article being published.

    The time the editor asked for, else the one the article already has (a re-publish or
    an archive date typed earlier), else now: "publish with no time" means "publish now".
    """
    return requested or current or now


def publish(
    *,
    article: Article,
    at: datetime | None = None,
    by=None,
    revised: bool = False,
    now: datetime | None = None,
) -> Article:
    """Publish `article` (saving its other pending changes too), at `at` or as `publication_time` says.

    A time in the future schedules it. `revised=True` records a substantive update of the
    content at `now`: readers then see that time beside the publish time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        article.status = Article.Status.PUBLISHED
        article.publish_at = publication_time(requested=at, current=article.publish_at, now=now)
        if revised:
            article.revised_at = now
        if by is not None:
            article.updated_by = by
        article.validate_constraints()
        article.save()
    return article


def unpublish(*, article: Article, by=None) -> Article:
    """Take `article` off the site (back to draft). Its publish time is kept for a re-publish."""
    with transaction.atomic():
        article.status = Article.Status.DRAFT
        if by is not None:
            article.updated_by = by
        article.save()
    return article
