"""Contest organising is for editors only: the editors' group gets every contests
permission, the writers' group none (granted by a data migration and again after every
`migrate`, as campaigns.permissions does)."""

from django.apps import apps as global_apps

from news.roles import EDITOR_GROUP, WRITER_GROUP


def sync_group_permissions(*, apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="contests")
    for group in Group.objects.filter(name=EDITOR_GROUP):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name=WRITER_GROUP):
        group.permissions.remove(*permissions)


def on_post_migrate(sender, **kwargs):
    sync_group_permissions(apps=kwargs.get("apps") or global_apps)
