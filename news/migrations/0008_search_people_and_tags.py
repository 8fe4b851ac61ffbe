from django.db import migrations

# Same sources as news.models.SEARCHED_FIELDS and Article.search_columns at the time of writing:
# the columns must hold what the code then writes, or search misses the older articles.
FIELDS = ("byline_name", "byline_position", "cover_caption", "cover_credit", "source")


def refill(apps, schema_editor):
    from congdoan.sanitize import strip_tags_text
    from news.search import search_document

    Article = apps.get_model("news", "Article")
    articles = Article.objects.only("pk", "title", "sapo", "body", *FIELDS).prefetch_related("tags").order_by()
    for article in articles.iterator(chunk_size=500):
        text = [article.title, article.sapo, strip_tags_text(article.body)]
        text += [getattr(article, name) for name in FIELDS] + sorted(tag.name for tag in article.tags.all())
        Article.objects.filter(pk=article.pk).update(
            search_title=search_document(article.title), search_text=search_document(" ".join(text))
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0007_article_revised_at")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
