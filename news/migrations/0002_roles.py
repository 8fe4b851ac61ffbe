from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen as of this migration: the live rules are in congdoan.roles (read from the apps).
WRITER_GROUP = "Phóng viên"
EDITOR_GROUP = "Biên tập viên"
EDITOR_APPS = ("news", "banners", "campaigns")
EDITOR_ONLY_APPS = ("banners", "campaigns")
WRITER_PERMISSIONS = (
    ("news", "add_article"),
    ("news", "change_article"),
    ("news", "view_article"),
    ("news", "view_section"),
    ("news", "view_tag"),
    ("news", "add_tag"),
)


def grant(group_model, permission_model, editor_apps, editor_only_apps, writer_permissions) -> None:
    writers, _ = group_model.objects.get_or_create(name=WRITER_GROUP)
    editors, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.add(*permission_model.objects.filter(content_type__app_label__in=editor_apps))
    writers.permissions.add(
        *[
            permission
            for permission in permission_model.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in writer_permissions
        ]
    )
    writers.permissions.remove(*permission_model.objects.filter(content_type__app_label__in=editor_only_apps))


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); make the
    # news ones now so the groups get them on a fresh database.
    for label in EDITOR_APPS:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        EDITOR_APPS,
        EDITOR_ONLY_APPS,
        WRITER_PERMISSIONS,
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITER_GROUP, EDITOR_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
