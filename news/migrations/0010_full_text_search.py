"""Full-text indexes over the folded search text (news.search.FullTextMatch).

PostgreSQL: a stored `search_vector` column, `to_tsvector('simple', …)` of the first
INDEXED_CHARS folded characters, with a GIN index; the trigram indexes of 0003 had the
planner rechecking every text of a common word, and go. SQLite: an FTS5 table with the
article's folded text as external content, kept in sync by triggers. Neither column is on
the model: the database computes both from `search_text`, which the code already writes.
"""

from django.db import migrations

INDEXED_CHARS = 200_000  # news.search.INDEXED_CHARS when this was written

POSTGRES = [
    "DROP INDEX IF EXISTS news_article_search_trgm",
    "DROP INDEX IF EXISTS news_article_title_trgm",
    "ALTER TABLE news_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple'::regconfig, left(search_text, {INDEXED_CHARS}))) STORED",
    "CREATE INDEX news_article_search_fts ON news_article USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS news_article_search_trgm ON news_article USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS news_article_title_trgm ON news_article USING gin (search_title gin_trgm_ops)",
]
SQLITE = [
    "CREATE VIRTUAL TABLE news_article_fts USING fts5("
    "search_text, content='news_article', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER news_article_fts_insert AFTER INSERT ON news_article BEGIN "
    "INSERT INTO news_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER news_article_fts_delete AFTER DELETE ON news_article BEGIN "
    "INSERT INTO news_article_fts(news_article_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "END",
    "CREATE TRIGGER news_article_fts_update AFTER UPDATE OF search_text ON news_article BEGIN "
    "INSERT INTO news_article_fts(news_article_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO news_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS news_article_fts_insert",
    "DROP TRIGGER IF EXISTS news_article_fts_delete",
    "DROP TRIGGER IF EXISTS news_article_fts_update",
    "DROP TABLE IF EXISTS news_article_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("news", "0009_slug_version")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
