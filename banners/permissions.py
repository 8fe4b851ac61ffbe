"""Editors ("Biên tập viên") manage banners; the group itself is created by the news app."""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Biên tập viên"


def grant_banners_to_editors(sender=None, using="default", **kwargs) -> None:
    """post_migrate: give the editors' group every banners permission, if the group exists.

    Idempotent. Writers ("Phóng viên") get nothing here, so they neither see nor change banners.
    """
    group = Group.objects.using(using).filter(name=EDITORS_GROUP).first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(content_type__app_label="banners")
    group.permissions.add(*permissions)
