from django.db import migrations


def create_settings(apps, schema_editor):
    TickerSettings = apps.get_model("banners", "TickerSettings")
    TickerSettings.objects.get_or_create(pk=1, defaults={"heading": "Nhiệt liệt chào mừng"})


class Migration(migrations.Migration):
    dependencies = [("banners", "0001_initial")]

    operations = [migrations.RunPython(create_settings, migrations.RunPython.noop)]
