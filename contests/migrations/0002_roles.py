from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_editors(apps, schema_editor):
    from news.roles import sync_role_permissions

    # Permissions are normally created after all migrations (post_migrate); make the
    # contests ones now so the editors' group gets them on a fresh database.
    app_config = apps.get_app_config("contests")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_role_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0001_initial"),
        ("news", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
