"""Who may change campaigns: editors do, writers don't (Django model permissions).

The groups themselves are created by the news app's data migration. After every
`migrate`, the editors' group is given every campaigns permission; the writers'
group is given none (and loses any it was handed by mistake).
"""

from django.apps import apps as global_apps

EDITORS_GROUP = "Biên tập viên"
WRITERS_GROUP = "Phóng viên"


def sync_group_permissions(*, apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    campaign_permissions = Permission.objects.filter(content_type__app_label="campaigns")
    for group in Group.objects.filter(name=EDITORS_GROUP):
        group.permissions.add(*campaign_permissions)
    for group in Group.objects.filter(name=WRITERS_GROUP):
        group.permissions.remove(*campaign_permissions)


def on_post_migrate(sender, **kwargs):
    sync_group_permissions(apps=kwargs.get("apps") or global_apps)
