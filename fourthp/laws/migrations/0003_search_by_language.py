"""Search reads each section in its own language, and lists boilerplate sections last.

1. `boilerplate` is added and set for every section (fourthp.lib.boilerplate).
2. SQLite: the FTS5 index now holds each section's words stemmed in its own
   language (fourthp.lib.searchtext), with the stemmer's name in a `config`
   column. The stems come from Python functions that fourthp.laws.apps
   registers on every connection; the triggers call them as rows are written,
   and the index reads its content through the view laws_section_search, so
   `INSERT INTO laws_section_fts(laws_section_fts) VALUES ('rebuild')` builds
   it afresh (needed after the stemmer or its language list changes).
3. PostgreSQL: `search_document` is generated with the text search
   configuration of each row's language ('simple' where PostgreSQL has none,
   Ukrainian among them) instead of 'english' for all.
"""

from django.db import migrations, models

from fourthp.lib.boilerplate import is_boilerplate
from fourthp.lib.searchtext import postgres_config_case

_STEMS = "fourthp_search_stems({row}.language, {row}.{column})"


def _values(row: str, *, named: bool = False) -> str:
    values = [f"fourthp_search_config({row}.language)"] + [_STEMS.format(row=row, column=c) for c in ("heading", "citation", "text")]
    if named:  # the view's columns carry the index's column names, which 'rebuild' reads
        values = [f"{value} AS {name}" for value, name in zip(values, ("config", "heading", "citation", "text"))]
    return ", ".join(values)


SQLITE_UP = [
    "DROP TRIGGER IF EXISTS laws_section_fts_au",
    "DROP TRIGGER IF EXISTS laws_section_fts_ad",
    "DROP TRIGGER IF EXISTS laws_section_fts_ai",
    "DROP TABLE IF EXISTS laws_section_fts",
    f"CREATE VIEW laws_section_search AS SELECT id, {_values('laws_section', named=True)} FROM laws_section",
    # Stems are made in Python; the tokenizer only splits them and folds accents ("explotacion" finds "explotación").
    """CREATE VIRTUAL TABLE laws_section_fts USING fts5(
        config, heading, citation, text,
        content='laws_section_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER laws_section_fts_ai AFTER INSERT ON laws_section BEGIN
        INSERT INTO laws_section_fts(rowid, config, heading, citation, text) VALUES (new.id, {_values('new')});
    END""",
    f"""CREATE TRIGGER laws_section_fts_ad AFTER DELETE ON laws_section BEGIN
        INSERT INTO laws_section_fts(laws_section_fts, rowid, config, heading, citation, text)
        VALUES ('delete', old.id, {_values('old')});
    END""",
    f"""CREATE TRIGGER laws_section_fts_au AFTER UPDATE OF heading, citation, text, language ON laws_section BEGIN
        INSERT INTO laws_section_fts(laws_section_fts, rowid, config, heading, citation, text)
        VALUES ('delete', old.id, {_values('old')});
        INSERT INTO laws_section_fts(rowid, config, heading, citation, text) VALUES (new.id, {_values('new')});
    END""",
    "INSERT INTO laws_section_fts(laws_section_fts) VALUES ('rebuild')",
]
# Back to the English-only index of migration 0002.
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS laws_section_fts_au",
    "DROP TRIGGER IF EXISTS laws_section_fts_ad",
    "DROP TRIGGER IF EXISTS laws_section_fts_ai",
    "DROP TABLE IF EXISTS laws_section_fts",
    "DROP VIEW IF EXISTS laws_section_search",
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
_CONFIG = postgres_config_case("language")
POSTGRES_UP = [
    "ALTER TABLE laws_section DROP COLUMN IF EXISTS search_document",
    "ALTER TABLE laws_section ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({_CONFIG}, heading || ' ' || citation), 'A') || "
    f"setweight(to_tsvector({_CONFIG}, text), 'D')) STORED",
    "CREATE INDEX laws_section_search_idx ON laws_section USING GIN (search_document)",
]
POSTGRES_DOWN = [
    "ALTER TABLE laws_section DROP COLUMN IF EXISTS search_document",
    "ALTER TABLE laws_section ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', heading || ' ' || citation), 'A') || "
    "setweight(to_tsvector('english', text), 'D')) STORED",
    "CREATE INDEX laws_section_search_idx ON laws_section USING GIN (search_document)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def _mark_boilerplate(apps, schema_editor):
    Section = apps.get_model("laws", "Section")
    marked = [s.pk for s in Section.objects.only("pk", "heading", "text").iterator() if is_boilerplate(s.heading, s.text)]
    Section.objects.filter(pk__in=marked).update(boilerplate=True)


class Migration(migrations.Migration):
    dependencies = [("laws", "0002_section_search_index")]
    operations = [
        migrations.AddField(
            model_name="section",
            name="boilerplate",
            field=models.BooleanField(
                default=False,
                help_text="Whether the section only names, starts, amends or repeals law, or defines a word by reference; search lists such sections after the others (set from heading and text by fourthp.lib.boilerplate).",
            ),
        ),
        migrations.RunPython(_mark_boilerplate, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
