from django.db import migrations, models

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, text, content='search_searchdocument', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
SQLITE_DROP = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRES_INDEX = [
    "CREATE INDEX search_document_fts ON search_searchdocument USING GIN "
    "((setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')))"
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_INDEX}.get(vendor, []):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DROP, "postgresql": ["DROP INDEX search_document_fts"]}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("key", models.CharField(max_length=200)),
                ("title", models.CharField(max_length=300)),
                ("url", models.CharField(max_length=300)),
                ("text", models.TextField()),
            ],
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.UniqueConstraint(fields=("kind", "key"), name="one_document_per_key"),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
