"""A lawmaker applies, the secretariat reviews, and she is told by e-mail at each step."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from fourthp.accounts.access import has_role
from fourthp.accounts.models import AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.members.models import Application, ApplicationStep, Profile
from fourthp.members.tests.conftest import logged_in
from fourthp.testing import box_filled_with_lines, make_legislator, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def application(**overrides: str) -> dict[str, str]:
    data = {
        "accept_mission": "on",
        "name": "Ines Lawmaker",
        "email": "ines@parliament.example",
        "jurisdiction": "CA",
        "legislature": "House of Commons",
        "chamber": "lower house",
        "role": "legislator",
        "website": "https://parliament.example/ines",
        "message": "I sit on the justice committee.",
    }
    data.update(overrides)
    return data


def apply(client: Client | None = None, ip: str = "203.0.113.7", **overrides: str) -> Any:
    return (client or Client()).post(reverse("application-create"), application(**overrides), REMOTE_ADDR=ip)


def link_in(message: Any, path_start: str) -> str:
    """The path of the link in an e-mail whose path starts with `path_start`."""
    found = re.search(r"https?://\S*" + re.escape(path_start) + r"\S*", message.body)
    assert found, f"no {path_start} link in: {message.body}"
    return urlsplit(found.group(0)).path


def review(app: Application, decision: str, note: str = "", *, by: Any = None) -> Any:
    return logged_in(by or make_secretariat()).post(
        reverse("application-review", args=[app.pk]), {"decision": decision, "note": note}
    )


def test_the_form_shows_the_mission_statement_and_requires_accepting_it(seeded: None) -> None:
    page = Client().get(reverse("application-create")).content.decode()
    assert "Mission statement" in page and "I have read and accept the mission statement" in page
    response = apply(accept_mission="")
    assert "tick the box to accept it" in response.content.decode()
    assert not Application.objects.exists()


def test_an_application_is_stored_with_the_mission_accepted_and_confirmed_by_email(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = apply()
    assert response.status_code == 200
    assert "Thank you for applying" in response.content.decode()
    stored = Application.objects.get()
    assert stored.state == Application.State.SUBMITTED
    assert stored.jurisdiction.code == "CA"
    assert stored.mission_version == 1 and "interparliamentary taskforce" in stored.mission_text
    assert stored.mission_accepted_at is not None
    assert stored.ip_hash and "203.0.113.7" not in stored.ip_hash and len(stored.ip_hash) == 64
    assert stored.user is None
    [message] = mail.outbox
    assert message.to == ["ines@parliament.example"]
    assert "received your application" in message.subject
    assert "Dear Ines Lawmaker" in message.body


def test_an_unknown_jurisdiction_is_refused_in_words(seeded: None) -> None:
    response = apply(jurisdiction="ZZ-NOWHERE")
    assert "No jurisdiction is called ZZ-NOWHERE or has it as its code." in response.content.decode()
    assert not Application.objects.exists()


def test_a_signed_in_member_gets_her_details_prefilled_and_the_application_linked(seeded: None) -> None:
    member = make_member()
    client = logged_in(member)
    page = client.get(reverse("application-create")).content.decode()
    assert f'value="{member.email}"' in page
    apply(client, email=member.email)
    assert Application.objects.get().user == member


def test_a_second_open_application_from_the_same_address_is_refused(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    apply()
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(email="INES@Parliament.Example", ip="198.51.100.1")
    assert "already waiting for review" in response.content.decode()
    assert Application.objects.count() == 1
    assert mail.outbox == []


def test_the_database_keeps_one_open_application_per_address(seeded: None) -> None:
    from django.db import IntegrityError, transaction

    apply()
    first = Application.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            **{f.name: getattr(first, f.name) for f in Application._meta.concrete_fields if f.name != "id"}
            | {"email": "Ines@PARLIAMENT.example"}
        )


def test_a_declined_applicant_may_apply_again(seeded: None) -> None:
    apply()
    review(Application.objects.get(), "decline", "We could not verify the seat.")
    apply(ip="198.51.100.2")
    assert Application.objects.filter(state=Application.State.SUBMITTED).count() == 1


def test_an_address_that_already_belongs_to_a_legislator_member_is_refused(seeded: None) -> None:
    legislator = make_legislator()
    response = apply(email=legislator.email.upper())
    assert "already belongs to a member" in response.content.decode()
    assert not Application.objects.exists()


@override_settings(APPLICATIONS_PER_HOUR=2)
def test_more_applications_from_one_address_than_the_hourly_limit_are_refused(seeded: None) -> None:
    apply(email="one@example.org")
    apply(email="two@example.org")
    response = apply(email="three@example.org")
    assert "Too many applications have come from your network in the last hour (at most 2)" in (
        response.content.decode()
    )
    assert Application.objects.count() == 2
    # Another address is not held back.
    apply(email="four@example.org", ip="198.51.100.9")
    assert Application.objects.count() == 3


@override_settings(APPLICATIONS_PER_HOUR=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_each_clients_forwarded_address(seeded: None) -> None:
    def via_proxy(email: str, client_ip: str) -> Any:
        return Client().post(
            reverse("application-create"),
            application(email=email),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=client_ip,
        )

    via_proxy("one@example.org", "203.0.113.7")
    via_proxy("two@example.org", "198.51.100.9")
    assert Application.objects.count() == 2, "two clients behind one proxy were counted as one"
    assert "Too many applications" in via_proxy("three@example.org", "203.0.113.7").content.decode()
    assert Application.objects.count() == 2


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(homepage="http://spam.example")
    assert "Thank you for applying" in response.content.decode()
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_asking_for_more_sends_a_secret_link_where_she_adds_it_and_the_secretariat_is_told(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat = make_secretariat()
    apply()
    app = Application.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = review(app, "ask", "Please send a link to your page on the parliament's site.", by=secretariat)
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == Application.State.MORE_INFO
    [message] = mail.outbox
    assert "parliament's site" in message.body
    link = link_in(message, "/join/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 32 and token not in app.respond_token_hash

    page = Client().get(link)
    assert page.status_code == 200 and "parliament&#x27;s site" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = Client().post(link, {"text": "https://parliament.example/members/ines"})
    assert "Information sent" in answered.content.decode()
    app.refresh_from_db()
    assert app.state == Application.State.SUBMITTED
    assert app.steps.filter(kind=ApplicationStep.Kind.ANSWERED, text__contains="members/ines").exists()
    [told] = mail.outbox
    assert told.to == [secretariat.email]
    assert reverse("application-review", args=[app.pk]) in told.body
    # The link works once.
    assert Client().get(link).status_code == 404


def test_a_note_is_required_to_ask_or_decline(seeded: None) -> None:
    apply()
    app = Application.objects.get()
    for decision in ("ask", "decline"):
        response = review(app, decision, "  ")
        assert response.status_code == 200
        assert "Write a note" in response.content.decode()
    app.refresh_from_db()
    assert app.state == Application.State.SUBMITTED


def test_accepting_a_newcomer_makes_her_account_with_the_role_and_a_working_set_password_link(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    apply()
    app = Application.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review(app, "accept", "Welcome aboard.")
    app.refresh_from_db()
    assert app.state == Application.State.ACCEPTED and app.decided_at is not None
    account = User.objects.get(email="ines@parliament.example")
    assert app.user == account
    assert has_role(account, Role.LEGISLATOR)
    assert not account.has_usable_password()
    address = EmailAddress.objects.get(user=account)
    assert not address.verified
    profile = Profile.objects.get(user=account)
    assert (profile.name, profile.jurisdiction.code, profile.legislature) == (
        "Ines Lawmaker",
        "CA",
        "House of Commons",
    )
    assert profile.name_visibility == "secretariat"
    assert AuditEvent.objects.filter(verb="application.accepted", target_id=str(app.pk)).exists()

    [message] = mail.outbox
    assert message.to == ["ines@parliament.example"] and "accepted" in message.subject
    link = link_in(message, "/accounts/password/reset/key/")
    client = Client()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"password1": "a long new passphrase 42", "password2": "a long new passphrase 42"}
    )
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.check_password("a long new passphrase 42")
    # The link went to her address: setting the password proved it.
    address.refresh_from_db()
    assert address.verified
    signed_in = Client()
    assert signed_in.login(username=account.username, password="a long new passphrase 42")


def test_accepting_staff_with_an_existing_account_adds_the_staff_role_to_that_account(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    member = make_member()
    apply(email=member.email, role="parliamentary staff")
    app = Application.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review(app, "accept")
    member = User.objects.get(pk=member.pk)
    assert has_role(member, Role.STAFF) and not has_role(member, Role.LEGISLATOR)
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert Profile.objects.get(user=member).role == Profile.Role.PARLIAMENTARY_STAFF
    [message] = mail.outbox
    assert "/accounts/login/" in message.body and "/password/reset/" not in message.body


def test_declining_tells_her_why_and_a_decided_application_cannot_be_decided_again(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    apply()
    app = Application.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review(app, "decline", "We could not confirm a seat in this legislature.")
    app.refresh_from_db()
    assert app.state == Application.State.DECLINED
    [message] = mail.outbox
    assert "could not confirm a seat" in message.body
    again = review(app, "accept")
    assert "cannot be decided again" in again.content.decode()
    app.refresh_from_db()
    assert app.state == Application.State.DECLINED
    assert not User.objects.filter(email="ines@parliament.example").exists()


def test_the_secretariat_lists_open_applications_first_and_filters_by_state(seeded: None) -> None:
    apply(email="decided@example.org")
    review(Application.objects.get(email="decided@example.org"), "decline", "No.")
    apply(email="open@example.org", name="Open Olga")
    client = logged_in(make_secretariat())
    page = client.get(reverse("application-list")).content.decode()
    assert page.index("Open Olga") < page.index("Ines Lawmaker")
    declined = client.get(reverse("application-list"), {"state": "declined"}).content.decode()
    assert "Ines Lawmaker" in declined and "Open Olga" not in declined


def test_a_message_that_fills_its_box_with_line_breaks_is_counted_as_the_browser_counts_it(seeded: None) -> None:
    over = apply(message=box_filled_with_lines(5000, over=1))
    assert "at most 5000 characters (it has 5001)" in over.content.decode()
    assert not Application.objects.exists()
    assert "Thank you for applying" in apply(message=box_filled_with_lines(5000)).content.decode()
    assert len(Application.objects.get().message) == 5000
