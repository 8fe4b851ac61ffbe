from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Article


@receiver(pre_save, sender=Article, dispatch_uid="news-raw-restore")
def allow_raw_restore(sender, instance, raw=False, **kwargs):
    """Raw saves (fixtures, reversion) restore stored rows on purpose: no conflict check."""
    if raw:
        instance._concurrency_disabled = True
