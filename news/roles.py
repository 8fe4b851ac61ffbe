"""The two editorial roles and their permissions.

Writers (Phóng viên) write articles and submit them; editors (Biên tập viên) can do
everything in news, banners, campaigns and contests. The groups are created by a data
migration; `sync_role_permissions` runs again after every `migrate` (post_migrate)
so models added later by the other apps reach the editors too, and writers lose any
permission of the editor-only apps they were handed by mistake.
"""

WRITER_GROUP = "Phóng viên"
EDITOR_GROUP = "Biên tập viên"

EDITOR_APPS = ("news", "banners", "campaigns", "contests")
EDITOR_ONLY_APPS = ("banners", "campaigns", "contests")
WRITER_PERMISSIONS = (
    ("news", "add_article"),
    ("news", "change_article"),
    ("news", "view_article"),
    ("news", "view_section"),
    ("news", "view_tag"),
    ("news", "add_tag"),
)


def sync_role_permissions(group_model, permission_model) -> None:
    """Create both groups if missing and grant their permissions (idempotent, additive for editors)."""
    writers, _ = group_model.objects.get_or_create(name=WRITER_GROUP)
    editors, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    editor_permissions = permission_model.objects.filter(content_type__app_label__in=EDITOR_APPS)
    editors.permissions.add(*editor_permissions)
    writer_permissions = [
        permission
        for permission in permission_model.objects.filter(content_type__app_label="news").select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in WRITER_PERMISSIONS
    ]
    writers.permissions.add(*writer_permissions)
    writers.permissions.remove(*permission_model.objects.filter(content_type__app_label__in=EDITOR_ONLY_APPS))


def on_post_migrate(sender, app_config=None, apps=None, using="default", **kwargs):
    if sender.label not in EDITOR_APPS:
        return
    from django.contrib.auth.models import Group, Permission

    if not Permission.objects.using(using).exists():
        return
    sync_role_permissions(Group.objects.db_manager(using).model, Permission)
