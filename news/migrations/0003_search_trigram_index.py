"""A trigram index for `LIKE '%…%'` on the folded search text (PostgreSQL only).

SQLite has no such index; there a search scans the folded column, which is fine at
the embedded default's scale.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS news_article_search_trgm ON news_article USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS news_article_title_trgm ON news_article USING gin (search_title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS news_article_search_trgm",
    "DROP INDEX IF EXISTS news_article_title_trgm",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("news", "0002_roles")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
