"""The kennisbank's full-text index, each on its own database (ADR 27).

PostgreSQL: a GIN index on the stored search vector (knowledge/indexing.py fills it with
the 'dutch' configuration). SQLite: the FTS5 table knowledge_passage_fts, an external-content
index over knowledge_passage (title, body) that three triggers keep in step with every
insert, update and delete. Neither is in the models' state: Django's GinIndex cannot be
created on SQLite, and the FTS5 table is not a table Django can make.
"""

from django.db import migrations

POSTGRESQL = [
    (
        "CREATE INDEX knowledge_passage_search ON knowledge_passage USING gin (search_vector)",
        "DROP INDEX IF EXISTS knowledge_passage_search",
    ),
]

SQLITE = [
    (
        "CREATE VIRTUAL TABLE knowledge_passage_fts USING fts5(title, body, "
        "content='knowledge_passage', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        "DROP TABLE IF EXISTS knowledge_passage_fts",
    ),
    (
        "CREATE TRIGGER knowledge_passage_fts_insert AFTER INSERT ON knowledge_passage BEGIN "
        "INSERT INTO knowledge_passage_fts(rowid, title, body) "
        "VALUES (new.id, new.title, new.body); END",
        "DROP TRIGGER IF EXISTS knowledge_passage_fts_insert",
    ),
    (
        "CREATE TRIGGER knowledge_passage_fts_delete AFTER DELETE ON knowledge_passage BEGIN "
        "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END",
        "DROP TRIGGER IF EXISTS knowledge_passage_fts_delete",
    ),
    (
        "CREATE TRIGGER knowledge_passage_fts_update AFTER UPDATE OF title, body "
        "ON knowledge_passage BEGIN "
        "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO knowledge_passage_fts(rowid, title, body) "
        "VALUES (new.id, new.title, new.body); END",
        "DROP TRIGGER IF EXISTS knowledge_passage_fts_update",
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def forwards(apps, schema_editor):
    for create, _drop in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(create)


def backwards(apps, schema_editor):
    for _create, drop in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_kennisbank")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
