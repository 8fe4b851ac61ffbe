from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen as of this migration: the live rules are in congdoan.roles (read from the apps).
EDITOR_GROUP = "Biên tập viên"
WRITER_GROUP = "Phóng viên"


def grant_editors(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); make the
    # contests ones now so the editors' group gets them on a fresh database.
    app_config = apps.get_app_config("contests")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permissions = apps.get_model("auth", "Permission").objects.filter(content_type__app_label="contests")
    editors, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.add(*permissions)
    writers, _ = group_model.objects.get_or_create(name=WRITER_GROUP)
    writers.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0001_initial"),
        ("news", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
