from django.db import migrations

KINDS = [
    ("phong-trao-thi-dua", "Phong trào thi đua", 1),
    ("cuoc-thi", "Cuộc thi", 2),
    ("dot-tuyen-truyen", "Đợt tuyên truyền", 3),
]


def seed(apps, schema_editor):
    CampaignKind = apps.get_model("campaigns", "CampaignKind")
    for slug, name, order in KINDS:
        CampaignKind.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def unseed(apps, schema_editor):
    CampaignKind = apps.get_model("campaigns", "CampaignKind")
    CampaignKind.objects.filter(slug__in=[slug for slug, _, _ in KINDS], campaigns__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
