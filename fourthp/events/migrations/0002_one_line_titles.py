"""Titles, places, agenda-item titles and speakers' names are one line: fold any line break saved earlier.

A line break in a title cut the subject of every e-mail about the event and broke its calendar file.
"""

from django.db import migrations

FOLDED = {
    "Event": ("title", "place"),
    "AgendaItem": ("title",),
    "Speaker": ("name", "affiliation"),
}


def fold_line_breaks(apps, schema_editor):  # type: ignore[no-untyped-def]
    for model_name, fields in FOLDED.items():
        model = apps.get_model("events", model_name)
        for field in fields:
            broken = model.objects.filter(**{f"{field}__contains": "\n"}) | model.objects.filter(
                **{f"{field}__contains": "\r"}
            )
            for row in broken.only("pk", field):
                model.objects.filter(pk=row.pk).update(**{field: " ".join(getattr(row, field).split())})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(fold_line_breaks, migrations.RunPython.noop)]
