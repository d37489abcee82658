"""Writing to a representative: who is shown, and a letter sent only after its writer confirms her address."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.campaigns.models import Letter, LetterTemplate
from fourthp.members.models import Consent, Visibility
from fourthp.testing import give_consent, make_legislator, make_member, make_profile

pytestmark = pytest.mark.django_db

EMAIL = "rosa.writer@example.net"
PUBLIC = {"name_visibility": Visibility.PUBLIC, "jurisdiction_visibility": Visibility.PUBLIC}


def _legislator(name: str, *, consent: bool = True, **fields: Any) -> Any:
    user = make_legislator()
    from fourthp.jurisdictions.models import Jurisdiction

    make_profile(user, name=name, jurisdiction=Jurisdiction.objects.get(code="US-DC"), **{**PUBLIC, **fields})
    if consent:
        give_consent(user, Consent.Kind.CONSTITUENT_LETTERS)
    return user


@pytest.fixture
def world(seeded: None) -> dict[str, Any]:
    """US-DC, whose published report card has gaps, with legislators who did and did not agree to letters."""
    lena = _legislator(
        "Lena Lawmaker", legislature="Council of the District of Columbia", legislature_visibility="public"
    )
    una = _legislator("Una Unconsented", consent=False)
    hana = _legislator("Hana Hidden", name_visibility=Visibility.SECRETARIAT)
    jade = _legislator("Jade Elsewhere", jurisdiction_visibility=Visibility.SECRETARIAT)
    lived = _legislator("Lia Protected", lived_experience=True)
    mo = make_member()
    from fourthp.jurisdictions.models import Jurisdiction

    make_profile(mo, name="Mo Notalegislator", jurisdiction=Jurisdiction.objects.get(code="US-DC"), **PUBLIC)
    give_consent(mo, Consent.Kind.CONSTITUENT_LETTERS)
    template = LetterTemplate.objects.get(key="child-no-means")
    return {"lena": lena, "una": una, "hana": hana, "jade": jade, "lived": lived, "template": template}


def _write(client: Client, world: dict[str, Any], sending: Any, **fields: Any) -> Any:
    lena_profile = world["lena"].profile
    data = {
        "recipients": [str(lena_profile.pk)],
        "subject": "Children exploited in D.C.",
        "body": "Please support the amendment.",
        "name": "Rosa Writer",
        "email": EMAIL,
        "town": "Anacostia",
        "action": "send",
    }
    data.update(fields)
    with sending():
        return client.post(f"/letters/US-DC/write/{world['template'].pk}/", data)


def _link(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/letters/confirm/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_page_shows_only_consented_visible_legislators_and_never_an_address(world: dict[str, Any]) -> None:
    for viewer in (Client(), Client()):
        page = viewer.get("/letters/US-DC/").content.decode()
        twin = viewer.get("/letters/US-DC.json").content.decode()
        for text in (page, twin):
            assert "Lena Lawmaker" in text
            for hidden in ("Una Unconsented", "Hana Hidden", "Jade Elsewhere", "Lia Protected", "Mo Notalegislator"):
                assert hidden not in text
            assert "@example" not in text
    assert "Council of the District of Columbia" in page
    # The gaps of the published report card, each with its letters.
    data = Client().get("/letters/US-DC.json").json()
    gaps = {g["provision"]: g for g in data["gaps"]}
    assert gaps["crim.child-no-means"]["status"] == "partial"
    assert "child-no-means" in [t["key"] for t in gaps["crim.child-no-means"]["templates"]]
    write = Client().get(f"/letters/US-DC/write/{world['template'].pk}/").content.decode()
    assert "Lena Lawmaker" in write and "Una Unconsented" not in write and "@example" not in write


def test_the_place_is_picked_by_name(seeded: None) -> None:
    response = Client().get("/letters/", {"jurisdiction": "District of Columbia"})
    assert response.status_code == 302 and response["Location"] == "/letters/US-DC/"
    unknown = Client().get("/letters/", {"jurisdiction": "Atlantis"})
    assert unknown.status_code == 200 and "Atlantis" in unknown.content.decode()


def test_a_letter_is_sent_only_after_confirmation_once_with_a_copy(world: dict[str, Any], sending: Any) -> None:
    response = _write(Client(), world, sending)
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    letter = Letter.objects.get()
    assert letter.state == Letter.State.PENDING
    assert [m.to for m in mail.outbox] == [[EMAIL]]  # nothing reaches the legislator yet
    link = _link(mail.outbox[0])
    page = Client().get(link)
    assert page.status_code == 200 and "Send my letter" in page.content.decode()
    assert len(mail.outbox) == 1  # opening the link (a link checker) sends nothing
    with sending():
        sent = Client().post(link)
    assert sent.status_code == 200 and "Your letter is sent" in sent.content.decode()
    to_lena = [m for m in mail.outbox if world["lena"].email in m.to]
    copy = [m for m in mail.outbox[1:] if EMAIL in m.to]
    assert len(to_lena) == 1 and len(copy) == 1
    assert to_lena[0].subject == "Children exploited in D.C."
    assert "Please support the amendment." in to_lena[0].body and "Rosa Writer" in to_lena[0].body
    assert to_lena[0].reply_to == [EMAIL]
    assert "Lena Lawmaker" in copy[0].body and world["lena"].email not in copy[0].body
    letter.refresh_from_db()
    assert letter.state == Letter.State.SENT and letter.sent_at is not None
    assert list(letter.recipients.all()) == [world["lena"]]
    # The link again sends nothing twice, and says so.
    with sending():
        again = Client().post(link)
    assert again.status_code == 409 and "already sent" in again.content.decode()
    assert len([m for m in mail.outbox if world["lena"].email in m.to]) == 1


def test_an_expired_link_sends_nothing_and_says_so(world: dict[str, Any], sending: Any, settings: Any) -> None:
    _write(Client(), world, sending)
    link = _link(mail.outbox[0])
    settings.CAMPAIGN_LETTER_MAX_AGE = -1
    with sending():
        response = Client().post(link)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert Letter.objects.get().state == Letter.State.PENDING and len(mail.outbox) == 1
    assert Client().post(link.replace(":", "x:", 1)).status_code == 404


def test_letters_are_limited_per_client_and_per_address(world: dict[str, Any], sending: Any, settings: Any) -> None:
    settings.CAMPAIGN_LETTERS_RATE = "2/h"
    client = Client()
    assert _write(client, world, sending, email="one@example.net").status_code == 200
    assert _write(client, world, sending, email="two@example.net").status_code == 200
    refused = _write(client, world, sending, email="three@example.net")
    assert (
        refused.status_code == 429 and "Too many letters have been sent from your network" in refused.content.decode()
    )
    assert Letter.objects.count() == 2
    settings.CAMPAIGN_LETTERS_RATE = ""
    settings.CAMPAIGN_LETTERS_PER_ADDRESS_PER_DAY = 2
    _write(client, world, sending, email="one@example.net")
    over = _write(client, world, sending, email="ONE@example.net")
    assert over.status_code == 400 and "This e-mail address has asked us to send 2 letters" in over.content.decode()
    assert Letter.objects.filter(sender_email="one@example.net").count() == 2


def test_an_unconsented_legislator_cannot_be_written_to_by_a_forged_form(world: dict[str, Any], sending: Any) -> None:
    response = _write(Client(), world, sending, recipients=[str(world["una"].profile.pk)])
    assert response.status_code == 400 and not Letter.objects.exists() and mail.outbox == []


def test_a_legislator_who_withdraws_her_consent_gets_nothing(world: dict[str, Any], sending: Any) -> None:
    _write(Client(), world, sending)
    link = _link(mail.outbox[0])
    Consent.objects.filter(user=world["lena"]).update(revoked_at="2026-01-01T00:00:00Z")
    with sending():
        response = Client().post(link)
    assert response.status_code == 409 and "no longer take letters" in response.content.decode()
    assert all(world["lena"].email not in m.to for m in mail.outbox)


def test_a_filled_honeypot_stores_and_sends_nothing(world: dict[str, Any], sending: Any) -> None:
    response = _write(Client(), world, sending, website="http://spam.example")
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    assert not Letter.objects.exists() and mail.outbox == []


def test_she_can_copy_the_letter_to_send_herself_without_an_address(world: dict[str, Any], sending: Any) -> None:
    response = _write(Client(), world, sending, action="copy", email="", recipients=[])
    page = response.content.decode()
    assert response.status_code == 200 and "Your letter, ready to send" in page
    assert "Dear Member of the legislature," in page and "Please support the amendment." in page and "Anacostia" in page
    assert "mailto:" not in page
    assert not Letter.objects.exists() and mail.outbox == []


def test_sending_needs_an_address_and_a_legislator(world: dict[str, Any], sending: Any) -> None:
    response = _write(Client(), world, sending, email="", recipients=[])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give your e-mail address" in page and "Choose at least one legislator" in page
