"""Full-text index over the documents' folded search text (documents.search.DocumentTextMatch).

The same two indexes as news/0010: PostgreSQL a stored `search_vector` column,
`to_tsvector('simple', …)` of the first INDEXED_CHARS folded characters, with a GIN index;
SQLite an FTS5 table with the document's folded text as external content, kept in sync by
triggers. Neither is on the model: the database computes both from `search_text`.
"""

from django.db import migrations

INDEXED_CHARS = 200_000  # news.search.INDEXED_CHARS when this was written

POSTGRES = [
    "ALTER TABLE documents_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple'::regconfig, left(search_text, {INDEXED_CHARS}))) STORED",
    "CREATE INDEX documents_document_search_fts ON documents_document USING gin (search_vector)",
]
POSTGRES_REVERSE = ["ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector"]
SQLITE = [
    "CREATE VIRTUAL TABLE documents_document_fts USING fts5("
    "search_text, content='documents_document', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER documents_document_fts_insert AFTER INSERT ON documents_document BEGIN "
    "INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER documents_document_fts_delete AFTER DELETE ON documents_document BEGIN "
    "INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER documents_document_fts_update AFTER UPDATE OF search_text ON documents_document BEGIN "
    "INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS documents_document_fts_insert",
    "DROP TRIGGER IF EXISTS documents_document_fts_delete",
    "DROP TRIGGER IF EXISTS documents_document_fts_update",
    "DROP TABLE IF EXISTS documents_document_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
