"""The organisations directory: contact data shown only by consent; the CSV import all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from fourthp.accounts.roles import Role
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.organisations.actions import ImportRefused, do_import_organisations
from fourthp.organisations.models import Kind, Organisation, OrganisationContact
from fourthp.testing import example_users

HEADER = (
    "slug,name,kind,jurisdiction,description,provisions,groups,website,website_consent,email,email_consent,"
    "phone,phone_consent,address,address_consent,consent_given_by,consent_given_on\n"
)


def _organisation_with_a_secret_email() -> Organisation:
    organisation = Organisation.objects.create(
        slug="shelter-north", name="Shelter North", kind=Kind.SERVICE_PROVIDER,
        jurisdiction=Jurisdiction.objects.get(code="FR"),
    )  # fmt: skip
    OrganisationContact.objects.create(organisation=organisation, field="email", value="secret@shelter.example")
    OrganisationContact.objects.create(
        organisation=organisation, field="phone", value="+33 1 23 45 67 89", consented=True,
        consent_given_by="Its director", consent_given_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    return organisation


@pytest.mark.django_db
def test_contact_data_without_consent_is_hidden_in_page_twin_and_api(seeded: None) -> None:
    _organisation_with_a_secret_email()
    client = Client()
    for address in (
        "/organisations/",
        "/organisations/shelter-north/",
        "/organisations.json",
        "/organisations/shelter-north.json",
        "/api/v1/organisations",
        "/api/v1/organisations/shelter-north",
        "/api/v1/organisations?jurisdiction=FR",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert "secret@shelter.example" not in body, address
        assert "+33 1 23 45 67 89" in body, address


@pytest.mark.django_db
def test_the_directory_filters_by_jurisdiction_kind_and_provision(seeded: None) -> None:
    _organisation_with_a_secret_email()
    client = Client()
    assert [o["slug"] for o in client.get("/organisations.json?jurisdiction=France").json()["items"]] == [
        "shelter-north"
    ]
    hotlines = client.get("/organisations.json?kind=hotline").json()["items"]
    assert "us-national-human-trafficking-hotline" in {o["slug"] for o in hotlines}
    assert "shelter-north" not in {o["slug"] for o in hotlines}
    by_provision = client.get("/api/v1/organisations?provision=prev.hotline").json()["items"]
    assert by_provision and all(any(p["id"] == "prev.hotline" for p in o["provisions"]) for o in by_provision)
    hotline = client.get("/organisations/us-national-human-trafficking-hotline/").content.decode()
    assert "1-888-373-7888" in hotline


@pytest.mark.django_db
def test_an_import_with_a_bad_row_writes_nothing_and_says_which_line_and_why(seeded: None) -> None:
    text = HEADER + (
        "good-one,Good One,coalition,FR,,,,,,,,,,,,,\n"
        "bad-kind,Bad Kind,circus,FR,,,,,,,,,,,,,\n"
        "no-place,No Place,funder,Atlantis,,,,,,,,,,,,,\n"
        "no-consent-who,Who?,hotline,US,,,,,,,,123,yes,,,,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        do_import_organisations(text, acting_user=None)
    problems = {p.line: p.reason for p in refused.value.problems}
    assert set(problems) == {3, 4, 5}
    assert "kind must be one of" in problems[3]
    assert "Atlantis" in problems[4]
    assert "consent_given_by" in problems[5]
    assert not Organisation.objects.filter(slug="good-one").exists()


@pytest.mark.django_db
def test_a_good_import_records_consent_with_who_and_when(seeded: None) -> None:
    text = HEADER + (
        "task-force-lyon,Task Force Lyon,task-force,FR,,part.local-taskforces,,https://lyon.example,no,"
        "info@lyon.example,yes,,,,,The task force's chair,2026-11-30\n"
    )
    result = do_import_organisations(text, acting_user=None)
    assert result.created == 1
    email = OrganisationContact.objects.get(organisation__slug="task-force-lyon", field="email")
    assert email.consented and email.consent_given_by == "The task force's chair"
    assert email.consent_given_on == dt.date(2026, 11, 30) and email.consent_recorded_at is not None
    website = OrganisationContact.objects.get(organisation__slug="task-force-lyon", field="website")
    assert not website.consented
    assert "https://lyon.example" not in Client().get("/organisations/task-force-lyon/").content.decode()
    assert do_import_organisations(text, acting_user=None).kept == 1  # a second import keeps it as it is


@pytest.mark.django_db
def test_the_secretariat_upload_lists_bad_rows_and_only_the_secretariat_may_use_it(seeded: None) -> None:
    users = example_users()
    client = Client()
    client.force_login(users[Role.MEMBER])
    assert client.get("/organisations/import/").status_code == 403
    client.force_login(users[Role.SECRETARIAT])
    upload = SimpleUploadedFile("orgs.csv", (HEADER + "x,X,hotline,Nowhere-Land,,,,,,,,,,,,,\n").encode())
    page = client.post("/organisations/import/", {"file": upload}).content.decode()
    assert "Nothing was imported: 1 row is bad." in page and "Line 2:" in page


@pytest.mark.django_db
def test_the_command_reports_bad_rows_and_imports_nothing(seeded: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + "ok,OK,funder,FR,,,,not a url,yes,,,,,,,Someone,2026-01-01\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_organisations", str(path))
    assert not Organisation.objects.filter(slug="ok").exists()


@pytest.mark.django_db
def test_the_secretariat_edits_organisations_and_their_consents_in_the_admin(seeded: None) -> None:
    organisation = _organisation_with_a_secret_email()
    client = Client()
    client.force_login(example_users()[Role.SECRETARIAT])
    page = client.get(f"/admin/organisations/organisation/{organisation.pk}/change/").content.decode()
    assert "secret@shelter.example" in page and "consent given by" in page.lower()
    client.force_login(example_users()[Role.ANALYST])
    assert client.get(f"/admin/organisations/organisation/{organisation.pk}/change/").status_code == 403
