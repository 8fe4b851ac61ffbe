from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

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
