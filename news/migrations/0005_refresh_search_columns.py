from django.db import migrations


def refresh(apps, schema_editor):
    from congdoan.sanitize import strip_tags_text
    from news.search import search_document

    Article = apps.get_model("news", "Article")
    for article in Article.objects.only("pk", "title", "sapo", "body").iterator(chunk_size=500):
        Article.objects.filter(pk=article.pk).update(
            search_title=search_document(article.title),
            search_text=search_document(" ".join([article.title, article.sapo, strip_tags_text(article.body)])),
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0004_version_field")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
