"""The full-text index over section text, in each database's own way.

SQLite: an FTS5 table kept in step with laws_section by triggers (Porter
stemming, diacritics folded). PostgreSQL: a stored generated tsvector column,
`search_document`, with a GIN index; the database keeps it up to date, and
the search both filters and ranks on it without recomputing the vector.
The models do not declare the column: only fourthp.laws.queries reads it.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE laws_section_fts USING fts5(
        heading, citation, text,
        content='laws_section', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER laws_section_fts_ai AFTER INSERT ON laws_section BEGIN
        INSERT INTO laws_section_fts(rowid, heading, citation, text)
        VALUES (new.id, new.heading, new.citation, new.text);
    END""",
    """CREATE TRIGGER laws_section_fts_ad AFTER DELETE ON laws_section BEGIN
        INSERT INTO laws_section_fts(laws_section_fts, rowid, heading, citation, text)
        VALUES ('delete', old.id, old.heading, old.citation, old.text);
    END""",
    """CREATE TRIGGER laws_section_fts_au AFTER UPDATE ON laws_section BEGIN
        INSERT INTO laws_section_fts(laws_section_fts, rowid, heading, citation, text)
        VALUES ('delete', old.id, old.heading, old.citation, old.text);
        INSERT INTO laws_section_fts(rowid, heading, citation, text)
        VALUES (new.id, new.heading, new.citation, new.text);
    END""",
    "INSERT INTO laws_section_fts(laws_section_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS laws_section_fts_au",
    "DROP TRIGGER IF EXISTS laws_section_fts_ad",
    "DROP TRIGGER IF EXISTS laws_section_fts_ai",
    "DROP TABLE IF EXISTS laws_section_fts",
]
POSTGRES_UP = [
    "ALTER TABLE laws_section ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', heading || ' ' || citation), 'A') || "
    "setweight(to_tsvector('english', text), 'D')) STORED",
    "CREATE INDEX laws_section_search_idx ON laws_section USING GIN (search_document)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS laws_section_search_idx",
    "ALTER TABLE laws_section DROP COLUMN IF EXISTS search_document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("laws", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
