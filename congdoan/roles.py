"""The two editorial roles and their permissions, from what the apps declare.

Writers (Phóng viên) write articles and submit them; editors (Biên tập viên) get every
permission of the editorial apps. An app's `AppConfig` says `editorial = True` when editors
work in it, `editor_only = True` when writers may not touch it, and `writer_permissions`
(codenames) for what writers may do there. `sync_role_permissions` runs after every
`migrate` (post_migrate), so models added later reach the editors too, and writers lose
any permission of an editor-only app they were handed by mistake.
"""

from django.apps import apps

WRITER_GROUP = "Phóng viên"
EDITOR_GROUP = "Biên tập viên"


def editor_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs() if getattr(config, "editorial", False)]


def editor_only_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs() if getattr(config, "editor_only", False)]


def writer_permission_keys() -> set[tuple[str, str]]:
    return {
        (config.label, codename)
        for config in apps.get_app_configs()
        for codename in getattr(config, "writer_permissions", ())
    }


def sync_role_permissions(group_model, permission_model) -> None:
    """Create both groups if missing and grant their permissions (idempotent, additive for editors)."""
    writers, _ = group_model.objects.get_or_create(name=WRITER_GROUP)
    editors, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.add(*permission_model.objects.filter(content_type__app_label__in=editor_app_labels()))
    wanted = writer_permission_keys()
    writers.permissions.add(
        *[
            permission
            for permission in permission_model.objects.filter(
                content_type__app_label__in={label for label, _ in wanted}
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
    )
    writers.permissions.remove(*permission_model.objects.filter(content_type__app_label__in=editor_only_app_labels()))


def on_post_migrate(sender, app_config=None, apps=None, using="default", **kwargs):
    if not getattr(sender, "editorial", False):
        return
    from django.contrib.auth.models import Group, Permission

    if not Permission.objects.using(using).exists():
        return
    sync_role_permissions(Group.objects.db_manager(using).model, Permission)
