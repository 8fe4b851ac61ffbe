from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from congdoan.backup import is_restoring
from congdoan.merging import federations_merged

from . import counts
from .models import Article, Tag


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="news-search-tags")
def refresh_search_on_tag_change(sender, instance, action, reverse, pk_set, **kwargs):
    """Tag names are part of an article's search text: refresh it when its tags change."""
    if action == "pre_clear" and reverse:
        instance._search_article_ids = list(instance.articles.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        ids = [instance.pk]
    elif action == "post_clear":
        ids = getattr(instance, "_search_article_ids", [])
    else:
        ids = list(pk_set or ())
    if ids:
        Article.objects.filter(pk__in=ids).refresh_search_columns()


@receiver(pre_save, sender=Tag, dispatch_uid="news-search-tag-rename-before")
def remember_tag_name(sender, instance, raw=False, **kwargs):
    instance._stored_name = (
        None
        if raw or instance.pk is None
        else Tag.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


@receiver(post_save, sender=Tag, dispatch_uid="news-search-tag-rename")
def refresh_search_on_tag_rename(sender, instance, created, raw=False, **kwargs):
    stored = getattr(instance, "_stored_name", None)
    if not created and not raw and stored is not None and stored != instance.name:
        instance.articles.all().refresh_search_columns()


@receiver(pre_delete, sender=Tag, dispatch_uid="news-search-tag-delete-before")
def remember_tagged_articles(sender, instance, **kwargs):
    instance._search_article_ids = list(instance.articles.values_list("pk", flat=True))


@receiver(post_delete, sender=Tag, dispatch_uid="news-search-tag-delete")
def refresh_search_on_tag_delete(sender, instance, **kwargs):
    ids = getattr(instance, "_search_article_ids", [])
    if ids:
        Article.objects.filter(pk__in=ids).refresh_search_columns()


# --- Kept counts of published articles (news.counts) -------------------------------------


@receiver(pre_save, sender=Article, dispatch_uid="news-counts-before")
def remember_counted_state(sender, instance, raw=False, **kwargs):
    """What the counts hold for this article now: (published?, section), read from the row
    (locked inside a transaction, so two saves of one article count once)."""
    if raw:  # a restore or fixture: the sections and tags come with their counts
        return
    stored = None
    if instance.pk is not None:
        rows = Article._base_manager.filter(pk=instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        stored = rows.values_list("status", "section_id").first()
    instance._counted_before = (stored[0] == Article.Status.PUBLISHED, stored[1]) if stored else (False, None)


@receiver(post_save, sender=Article, dispatch_uid="news-counts")
def keep_counts_on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    was, old_section = getattr(instance, "_counted_before", (False, None))
    now = instance.status == Article.Status.PUBLISHED
    if (was, old_section) == (now, instance.section_id) or not (was or now):
        return
    sections = {old_section: -1} if was else {}
    if now:
        sections[instance.section_id] = sections.get(instance.section_id, 0) + 1
    tags = {} if was == now else dict.fromkeys(counts.tag_ids_of(instance.pk), 1 if now else -1)
    counts.add(sections=sections, tags=tags)


@receiver(pre_delete, sender=Article, dispatch_uid="news-counts-delete")
def keep_counts_on_delete(sender, instance, **kwargs):
    stored = Article._base_manager.filter(pk=instance.pk).values_list("status", "section_id").first()
    if stored and stored[0] == Article.Status.PUBLISHED:
        counts.add(sections={stored[1]: -1}, tags=dict.fromkeys(counts.tag_ids_of(instance.pk), -1))


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="news-counts-tags")
def keep_counts_on_tags(sender, instance, action, reverse, pk_set, **kwargs):
    """Tags added to or taken from published articles, from either side (`article.tags` or
    `tag.articles`). Django names in `pk_set` of a removal ids that may not be linked: the
    links that really go are read before."""
    if is_restoring():  # the restored tags come with their counts
        return
    through = Article.tags.through
    mine = {"article_id": instance.pk} if not reverse else {"tag_id": instance.pk}
    other = "tag_id" if not reverse else "article_id"
    if action in ("pre_remove", "pre_clear"):
        links = through.objects.filter(**mine)
        if action == "pre_remove":
            links = links.filter(**{f"{other}__in": list(pk_set or ())})
        links = links.filter(article__status=Article.Status.PUBLISHED)
        instance._counted_links = list(links.values_list(other, flat=True))
        return
    if action == "post_add":
        ids = list(pk_set or ())
        if not reverse:
            published = Article._base_manager.filter(pk=instance.pk, status=Article.Status.PUBLISHED).exists()
            counts.add(tags=dict.fromkeys(ids, 1) if published else {})
        else:
            counts.add(tags={instance.pk: counts.published_among(ids)})
    elif action in ("post_remove", "post_clear"):
        gone = getattr(instance, "_counted_links", [])
        counts.add(tags=dict.fromkeys(gone, -1) if not reverse else {instance.pk: -len(gone)})


@receiver(federations_merged, dispatch_uid="news-counts-merge")
def recount_after_merge(sender, target, **kwargs):
    """A merge moves articles into the successor's sections and tags with bulk updates."""
    counts.recount([target.pk])
