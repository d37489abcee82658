"""A bill's version uploaded as a file the atlas reads, and an enacted bill's text added to the atlas."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument
from fourthp.testing import client_as, make_analyst

pytestmark = pytest.mark.django_db

HTML = b"""<!doctype html><html><head><title>Victims' Relief Amendment Act</title></head><body>
<h1>Victims' Relief Amendment Act</h1>
<h2>Sec. 1. Short title.</h2><p>This Act may be cited as the Victims' Relief Amendment Act.</p>
<h2>Sec. 2. Non-prosecution of victims.</h2><p>A victim of trafficking shall not be prosecuted or punished for
unlawful acts committed as a direct result of having been trafficked.</p>
</body></html>"""


def _bill(**fields: object) -> Bill:
    return make_bill(make_session(Jurisdiction.objects.get(code="US-DC")), number="B26-0777", **fields)


def test_a_version_uploaded_as_a_file_is_read_into_its_sections_and_analysed(seeded: None) -> None:
    bill = _bill()
    upload = SimpleUploadedFile("b26-0777.html", HTML, content_type="text/html")
    response = client_as(make_analyst()).post(
        f"/bills/{bill.pk}/versions/new/", {"label": "As introduced", "file": upload}
    )
    assert response.status_code == 302
    version = bill.versions.get()
    assert [s.heading for s in version.sections.order_by("order")][-1].startswith("Non-prosecution")
    assert "prot.non-punishment" in {t.provision.slug for t in version.touched.all()}


def test_text_and_a_file_together_or_an_unreadable_file_are_refused_in_words(seeded: None) -> None:
    bill = _bill()
    client = client_as(make_analyst())
    both = client.post(
        f"/bills/{bill.pk}/versions/new/",
        {"label": "v", "text": "Sec. 1. Text.", "file": SimpleUploadedFile("a.html", HTML, content_type="text/html")},
    )
    assert "Give the text or a file, not both." in both.content.decode()
    binary = client.post(
        f"/bills/{bill.pk}/versions/new/",
        {"label": "v", "file": SimpleUploadedFile("a.bin", bytes(range(256)) * 64, "application/octet-stream")},
    )
    assert binary.status_code == 200 and 'class="field-error"' in binary.content.decode()
    assert not bill.versions.exists()


def test_an_enacted_bills_text_becomes_an_instrument_of_the_atlas(seeded: None) -> None:
    bill = _bill(status=Bill.Status.ENACTED)
    client = client_as(make_analyst())
    client.post(
        f"/bills/{bill.pk}/versions/new/",
        {"label": "Enrolled", "file": SimpleUploadedFile("b.html", HTML, content_type="text/html")},
    )
    version = bill.versions.get()
    page = client.get(f"/bills/{bill.pk}/").content.decode()
    assert f'href="/bills/{bill.pk}/enact/"' in page
    response = client.post(
        f"/bills/{bill.pk}/enact/",
        {"version": version.pk, "key": "us-dc-b26-0777", "title": "Victims' Relief Amendment Act", "enacted_on": ""},
    )
    instrument = Instrument.objects.get(key="us-dc-b26-0777")
    assert response.status_code == 302 and response["Location"] == instrument.get_absolute_url()
    assert instrument.jurisdiction.code == "US-DC"
    assert instrument.sections.count() == version.sections.count()
    assert list(bill.instruments.all()) == [instrument]
    # The same key again is refused with the atlas's reason, and nothing more is written.
    again = client.post(f"/bills/{bill.pk}/enact/", {"version": version.pk, "key": "us-dc-b26-0777", "title": "Again"})
    assert "An instrument with the key us-dc-b26-0777 already exists." in again.content.decode()
    assert Instrument.objects.filter(key="us-dc-b26-0777").count() == 1


def test_a_bill_not_yet_enacted_cannot_become_law_in_the_atlas(seeded: None) -> None:
    bill = _bill(status=Bill.Status.INTRODUCED)
    client = client_as(make_analyst())
    client.post(f"/bills/{bill.pk}/versions/new/", {"label": "As introduced", "text": "Sec. 1. Some text."})
    assert f"/bills/{bill.pk}/enact/" not in client.get(f"/bills/{bill.pk}/").content.decode()
    response = client.post(
        f"/bills/{bill.pk}/enact/", {"version": bill.versions.get().pk, "key": "us-dc-b26-0777", "title": "Not yet"}
    )
    assert "text can become law in the atlas; record its enactment first." in response.content.decode()
    assert not Instrument.objects.filter(key="us-dc-b26-0777").exists()
