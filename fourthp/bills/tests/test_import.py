"""Importing bills from Open States JSON and CSV: good files write every bill, a bad row writes none."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from fourthp.bills.actions import ImportRefused, do_import_bills
from fourthp.bills.importers import MAX_IMPORT_BYTES, read_csv, read_openstates
from fourthp.bills.models import Bill, LegislativeSession, TouchedProvision
from fourthp.bills.tests.factories import SAMPLES
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile
from fourthp.testing import client_as, make_analyst, make_profile

pytestmark = pytest.mark.django_db


def _dc() -> Jurisdiction:
    return Jurisdiction.objects.get(code="US-DC")


def _import_openstates(name: str = "openstates_bills.json") -> None:
    bills, problems = read_openstates((SAMPLES / name).read_bytes())
    do_import_bills(_dc(), bills, acting_user=None, problems=problems)


def test_it_reads_open_states_bills_with_their_actions_sponsors_and_versions(seeded: None) -> None:
    _import_openstates()
    bill = Bill.objects.get(number="B26-0101")
    assert bill.jurisdiction.code == "US-DC" and bill.session.name == "2025-2026"
    assert bill.chamber == "legislature"
    assert bill.status == Bill.Status.IN_COMMITTEE
    assert [(a.date.isoformat(), a.description) for a in bill.actions.all()] == [
        ("2025-02-04", "Introduced"),
        ("2025-02-05", "Referred to the Committee on the Judiciary"),
    ]
    assert [(s.name, s.primary) for s in bill.sponsors.all()] == [("Alex Rivera", True), ("Jo Chen", False)]
    version = bill.versions.get()
    assert version.label == "As introduced" and version.url.endswith("B26-0101.pdf")
    assert [s.number for s in version.sections.all()] == ["1", "2"]
    assert bill.last_action_on.isoformat() == "2025-02-05"
    assert Bill.objects.get(number="B26-0202").status == Bill.Status.ENACTED


def test_the_analyzer_lists_the_provisions_a_version_touches(seeded: None) -> None:
    _import_openstates()
    touched = {t.provision.slug: t.section for t in TouchedProvision.objects.filter(version__bill__number="B26-0101")}
    assert touched.get("crim.labour-trafficking") == "1"
    assert touched.get("prot.non-punishment") == "2"
    # A version with no text (only a link) is read for nothing.
    assert not TouchedProvision.objects.filter(version__bill__number="B26-0202").exists()


def test_a_bad_open_states_file_lists_each_bad_bill_and_writes_nothing(seeded: None) -> None:
    bills, problems = read_openstates((SAMPLES / "openstates_bad.json").read_bytes())
    assert [(p.line, p.reason) for p in problems] == [
        (2, "An action's date is not a date written as YYYY-MM-DD: '10/01/2025'."),
        (3, "The title is missing."),
    ]
    with pytest.raises(ImportRefused) as refused:
        do_import_bills(_dc(), bills, acting_user=None, problems=problems)
    assert [p.line for p in refused.value.problems] == [2, 3]
    assert not Bill.objects.exists() and not LegislativeSession.objects.exists()


def test_it_reads_the_csv_format(seeded: None) -> None:
    bills, problems = read_csv((SAMPLES / "bills.csv").read_bytes())
    assert problems == []
    do_import_bills(_dc(), bills, acting_user=None)
    hb = Bill.objects.get(number="HB 101")
    assert hb.status == Bill.Status.IN_COMMITTEE and hb.chamber == "lower"
    assert [s.name for s in hb.sponsors.all()] == ["Alex Rivera", "Jo Chen", "Sam Okafor"]
    assert {t.provision.slug for t in TouchedProvision.objects.filter(version__bill=hb)} >= {
        "crim.slavery-forced-labour"
    }
    assert Bill.objects.get(number="SB 7").status == Bill.Status.INTRODUCED


def test_a_bad_csv_names_each_bad_line_and_its_reason() -> None:
    bills, problems = read_csv((SAMPLES / "bills_bad.csv").read_bytes())
    assert [b.number for b in bills] == ["HB 201"]
    assert [p.line for p in problems] == [3, 4, 5]
    assert "'tabled'" in problems[0].reason
    assert problems[1].reason == "The number is missing."
    assert "'senate'" in problems[2].reason


def test_a_csv_with_unknown_columns_is_refused_at_its_header() -> None:
    _bills, problems = read_csv(b"number,title,session,colour\nHB 1,A,2025,red\n")
    assert [(p.line, p.reason) for p in problems] == [
        (1, "The header row does not fit the format (unknown columns: colour).")
    ]


def test_one_unknown_instrument_refuses_the_whole_file(seeded: None) -> None:
    text = "number,title,session,instruments\nHB 1,Good,2025,\nHB 2,Cites a missing law,2025,no-such-act\n"
    bills, problems = read_csv(text.encode())
    with pytest.raises(ImportRefused) as refused:
        do_import_bills(_dc(), bills, acting_user=None, problems=problems)
    assert [(p.line, p.reason) for p in refused.value.problems] == [(3, "No instrument has the key no-such-act.")]
    assert not Bill.objects.exists()


def test_a_bill_listed_twice_is_refused() -> None:
    bills, _problems = read_csv(b"number,title,session\nHB 1,A,2025\nHB 1,A again,2025\n")
    with pytest.raises(ImportRefused) as refused:
        do_import_bills(Jurisdiction.objects.get(code="US-DC"), bills, acting_user=None)
    assert refused.value.problems[0].line == 3


def test_importing_again_updates_the_bill_instead_of_adding_one(seeded: None) -> None:
    _import_openstates()
    data = json.loads((SAMPLES / "openstates_bills.json").read_text())
    data[0]["actions"].append(
        {"description": "Passed", "date": "2025-04-01", "organization": "legislature", "classification": ["passage"]}
    )
    bills, problems = read_openstates(json.dumps(data).encode())
    do_import_bills(_dc(), bills, acting_user=None, problems=problems)
    bill = Bill.objects.get(number="B26-0101")
    assert Bill.objects.count() == 2
    assert bill.actions.count() == 3 and bill.status == Bill.Status.PASSED
    assert bill.versions.count() == 1


def test_a_sponsor_who_is_a_legislator_member_is_linked_to_her_profile(seeded: None) -> None:
    profile = make_profile(name="Alex Rivera", role=Profile.Role.LEGISLATOR, jurisdiction=_dc())
    make_profile(name="Jo Chen", role=Profile.Role.LEGISLATOR)  # elsewhere: not linked
    _import_openstates()
    sponsors = {s.name: s.profile for s in Bill.objects.get(number="B26-0101").sponsors.all()}
    assert sponsors == {"Alex Rivera": profile, "Jo Chen": None}


def test_an_analyst_imports_through_the_form_and_sees_the_bad_rows(seeded: None) -> None:
    client = client_as(make_analyst())
    bad = SimpleUploadedFile("bad.csv", (SAMPLES / "bills_bad.csv").read_bytes(), content_type="text/csv")
    response = client.post("/bills/import/", {"jurisdiction": "US-DC", "format": "csv", "file": bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page and "Row 3:" in page and "Row 5:" in page
    assert not Bill.objects.exists()
    good = SimpleUploadedFile("good.json", (SAMPLES / "openstates_bills.json").read_bytes())
    response = client.post("/bills/import/", {"jurisdiction": "US-DC", "format": "openstates", "file": good})
    assert response.status_code == 302 and response["Location"] == "/bills/?jurisdiction=US-DC"
    assert Bill.objects.count() == 2


def test_the_form_refuses_a_file_over_the_size_limit(seeded: None) -> None:
    big = SimpleUploadedFile("big.csv", b"x" * (MAX_IMPORT_BYTES + 1))
    response = client_as(make_analyst()).post("/bills/import/", {"jurisdiction": "US-DC", "format": "csv", "file": big})
    assert response.status_code == 200 and "The file is larger than 5 MB" in response.content.decode()


def test_the_management_command_imports_a_file_and_refuses_a_bad_one(
    seeded: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("import_bills", str(SAMPLES / "bills.csv"), jurisdiction="US-DC", format="csv")
    assert "2 new bills" in capsys.readouterr().out
    with pytest.raises(CommandError, match="line 3"):
        call_command("import_bills", str(SAMPLES / "bills_bad.csv"), jurisdiction="US-DC", format="csv")
    assert Bill.objects.count() == 2
