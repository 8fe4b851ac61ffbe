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


class PushRefused(ValueError):
    """A push the national layer does not allow (the message is shown to the editor)."""


def push_article(*, article: Article, federations, section_slug: str = "", by=None) -> tuple[int, int]:
    """Push (đăng lại) a published national article to `federations`: it shows in their latest
    news, and in the section with slug `section_slug` where a federation has one. Nothing is
    copied. A federation that already has the push keeps it as it is (its editor may have
    hidden it or chosen a section). Returns (new pushes, already there)."""
    from congdoan.tenancy import directory, everywhere

    from .models import ArticlePush, Section

    known = directory()
    if article.federation_id != known.national_id:
        raise PushRefused("Chỉ bài của Tổng Liên đoàn mới đăng lại được ở các liên đoàn.")
    if not article.is_published:
        raise PushRefused("Bài chưa hiện với bạn đọc nên chưa đăng lại được.")
    receivers = [f for f in federations if f.is_active and not f.is_national]
    if len(receivers) != len(federations) or not receivers:
        raise PushRefused("Chỉ đăng lại được ở các liên đoàn đang hoạt động.")
    ids = [federation.pk for federation in receivers]
    sections = {}
    if section_slug:
        sections = dict(
            everywhere(Section).filter(federation_id__in=ids, slug=section_slug).values_list("federation_id", "pk")
        )
    created = 0
    with transaction.atomic():
        pushed = everywhere(ArticlePush).filter(article=article, federation_id__in=ids)
        existing = set(pushed.values_list("federation_id", flat=True))
        for federation_id in ids:
            if federation_id in existing:
                continue
            ArticlePush.objects.create(
                article=article, federation_id=federation_id, section_id=sections.get(federation_id), pushed_by=by
            )
            created += 1
    return created, len(existing)


def withdraw_pushes(*, article: Article) -> int:
    """Take a national article back from every federation it was pushed to."""
    from congdoan.tenancy import everywhere

    from .models import ArticlePush

    with transaction.atomic():
        pushes = list(everywhere(ArticlePush).filter(article=article))
        for push in pushes:
            push.delete()  # one by one: each receiving federation's generation is renewed
    return len(pushes)
