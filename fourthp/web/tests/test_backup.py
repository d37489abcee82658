"""`make backup` / `make restore` rehearsed: every table comes back exactly as it was backed up.

Runs on whichever database the suite runs on (CI runs it on SQLite and on PostgreSQL),
always on the test database, never on the developer's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fourthp.accounts.models import AuditEvent
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.testing import make_member
from fourthp.web.backup import table_checksums

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restored_backup_gives_back_every_table_row_for_row(seeded: None, tmp_path: Path) -> None:
    make_member()
    AuditEvent.record(actor=None, verb="backup.rehearsed")
    before = table_checksums()
    assert before["laws_section"][0] > 0 and before["jurisdictions_jurisdiction"][0] > 0
    backup = tmp_path / "fourthp.backup"

    call_command("backup_db", str(backup))

    # Change, add and destroy data after the backup.
    Jurisdiction.objects.filter(code="FR").update(name="Changed after the backup")
    make_member()
    Section.objects.filter(
        pk__in=Section.objects.filter(evidence__isnull=True).order_by("pk").values("pk")[:5]
    ).delete()
    AuditEvent.objects.all().delete()
    assert table_checksums() != before

    call_command("restore_db", str(backup), "--no-input")

    after = table_checksums()
    assert after == before
    assert Jurisdiction.objects.get(code="FR").name != "Changed after the backup"


def test_it_refuses_to_restore_a_file_that_is_no_backup_and_changes_nothing(seeded: None, tmp_path: Path) -> None:
    before = table_checksums()
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(CommandError, match="is not a"):
        call_command("restore_db", str(junk), "--no-input")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore_db", str(tmp_path / "missing.backup"), "--no-input")
    assert table_checksums() == before
