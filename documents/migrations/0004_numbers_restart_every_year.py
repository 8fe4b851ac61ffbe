from importlib import import_module

from django.db import migrations, models

full_text = import_module("documents.migrations.0002_full_text_search")


def fill_years(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    for year in Document._base_manager.dates("issued_on", "year"):
        Document._base_manager.filter(issued_on__year=year.year).update(issued_year=year.year)


def restore_sqlite_full_text(apps, schema_editor):
    """SQLite rebuilds documents_document for a unique constraint (a new table, renamed) and
    drops its full-text triggers with the old one: put them back (the rowids are unchanged)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in full_text.SQLITE_REVERSE[:3] + full_text.SQLITE[1:]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    """Document numbers start again at 01 every year (Decree 30/2020/NĐ-CP): the register's
    unique key gains the year of issue."""

    dependencies = [("documents", "0003_register_index_includes_dates")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="issued_year",
            field=models.PositiveSmallIntegerField(editable=False, null=True, verbose_name="năm ban hành"),
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="issued_year",
            field=models.PositiveSmallIntegerField(editable=False, verbose_name="năm ban hành"),
        ),
        migrations.RemoveConstraint(model_name="document", name="documents_number_per_issuer"),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("issuer", "number_key", "issued_year"),
                name="documents_number_per_issuer_year",
                violation_error_message="Cơ quan này đã có văn bản mang số ký hiệu này trong cùng năm ban hành.",
            ),
        ),
        migrations.RunPython(restore_sqlite_full_text, migrations.RunPython.noop),
    ]
