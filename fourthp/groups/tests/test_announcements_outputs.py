"""Announcements reach every active member by e-mail; outputs are published with the group."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from fourthp.frameworks.models import Provision
from fourthp.groups.models import Announcement, DocumentVersion, GroupMembership, GroupOutput
from fourthp.groups.tests.helpers import logged_in, pdf
from fourthp.testing import make_group, make_group_member, make_member, make_user

pytestmark = pytest.mark.django_db


def test_an_announcement_is_emailed_to_every_active_member_and_not_to_others(
    django_capture_on_commit_callbacks: Any,
) -> None:
    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group, lead)
    active = [make_group_member(group) for _ in range(2)]
    pending, gone = make_user("pia"), make_user("leo")
    GroupMembership.objects.create(group=group, user=pending, state=GroupMembership.State.REQUESTED)
    GroupMembership.objects.create(group=group, user=gone, state=GroupMembership.State.LEFT)
    outsider = make_member()

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(lead).post(
            f"/groups/{group.slug}/announcements/new/",
            {"title": "Meeting on Thursday", "body": "Bring the **draft**."},
        )
    assert response.status_code == 302
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([lead.email, *(u.email for u in active)])
    assert pending.email not in recipients and gone.email not in recipients and outsider.email not in recipients
    message = mail.outbox[0]
    assert message.subject == f"[{group.title}] Meeting on Thursday"
    assert "Bring the **draft**." in message.body
    announcement = Announcement.objects.get()
    assert announcement.recipient_count == 3
    assert announcement.sent_at is not None

    member_page = logged_in(active[0]).get(f"/groups/{group.slug}/").content.decode()
    assert "Meeting on Thursday" in member_page
    assert "<strong>draft</strong>" in member_page
    assert "Meeting on Thursday" not in logged_in(outsider).get(f"/groups/{group.slug}/").content.decode()


def test_nothing_is_emailed_when_the_announcement_is_refused(django_capture_on_commit_callbacks: Any) -> None:
    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(lead).post(f"/groups/{group.slug}/announcements/new/", {"title": "Hi", "body": ""})
    assert response.status_code == 200
    assert mail.outbox == []
    assert not Announcement.objects.exists()


def test_a_member_who_is_not_the_lead_cannot_announce() -> None:
    group = make_group(lead=make_member())
    member = make_group_member(group)
    response = logged_in(member).post(f"/groups/{group.slug}/announcements/new/", {"title": "T", "body": "B"})
    assert response.status_code == 403
    assert not Announcement.objects.exists()


def _publish(client: Any, group: Any, **extra: Any) -> Any:
    data = {"kind": "brief", "title": "Closing the debt bondage gap", "summary": "Criminalise debt bondage."}
    data.update(extra)
    return client.post(f"/groups/{group.slug}/outputs/new/", data)


def test_a_public_groups_output_is_shown_to_everyone_with_its_provisions_and_file(seeded: None) -> None:
    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group, lead)
    client = logged_in(lead)
    client.post(f"/groups/{group.slug}/documents/", {"title": "Model law", "file": pdf("model-law.pdf")})
    version = DocumentVersion.objects.get()
    provision = Provision.objects.get(framework__slug="four-p", framework__version=1, slug="crim.debt-bondage")
    response = _publish(
        client, group, kind="model_policy", body="## Article 1\n\nDebt bondage is an offence.",
        provisions=[provision.pk], document_version=version.pk,
    )  # fmt: skip
    assert response.status_code == 302
    output = GroupOutput.objects.get()
    assert output.kind == "model_policy"

    visitor = logged_in(None)
    page = visitor.get(f"/groups/{group.slug}/").content.decode()
    assert "Closing the debt bondage gap" in page
    assert "<h2>Article 1</h2>" in page
    assert "model-law.pdf" in page
    data = visitor.get(f"/groups/{group.slug}.json").json()
    assert data["outputs"][0]["title"] == "Closing the debt bondage gap"
    assert data["outputs"][0]["provisions"][0]["id"] == "crim.debt-bondage"
    assert data["outputs"][0]["document_url"] == version.get_absolute_url()
    # The published version may be downloaded by any reader; the group's other files stay private.
    assert visitor.get(version.get_absolute_url()).status_code == 200
    client.post(version.document.get_absolute_url(), {"file": pdf("model-law-v2.pdf")})
    later = version.document.versions.get(number=2)
    assert logged_in(make_member()).get(later.get_absolute_url()).status_code == 403


def test_a_private_groups_outputs_stay_in_its_space() -> None:
    lead = make_member()
    group = make_group(lead=lead, visibility="private")
    make_group_member(group, lead)
    _publish(logged_in(lead), group)
    assert "Closing the debt bondage gap" not in logged_in(make_member()).get(f"/groups/{group.slug}/").content.decode()
    assert logged_in(make_member()).get(f"/groups/{group.slug}.json").json()["outputs"] == []
    assert "Closing the debt bondage gap" in logged_in(lead).get(f"/groups/{group.slug}/").content.decode()


def test_an_output_cannot_attach_another_groups_document() -> None:
    lead = make_member()
    group, other = make_group(lead=lead), make_group()
    logged_in(make_group_member(other)).post(f"/groups/{other.slug}/documents/", {"title": "Theirs", "file": pdf()})
    response = _publish(logged_in(lead), group, document_version=DocumentVersion.objects.get().pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not GroupOutput.objects.exists()


def test_an_output_the_content_check_objects_to_is_refused_until_the_secretariat_gives_a_reason(
    seeded: None,
) -> None:
    from fourthp.briefs.models import CheckOverride
    from fourthp.testing import make_secretariat

    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group, lead)
    body = "Ana, 16, from Chisinau, was rescued last spring. 40% of victims are never found."
    refused = _publish(logged_in(lead), group, body=body).content.decode()
    assert "could identify a survivor" in refused and "is a figure without a source" in refused
    assert not GroupOutput.objects.exists()
    # The lead's reason does not count: only the secretariat may publish over the check.
    _publish(logged_in(lead), group, body=body, override_reason="We checked it.")
    assert not GroupOutput.objects.exists()
    secretariat = make_secretariat()
    make_group_member(group, secretariat)
    response = _publish(logged_in(secretariat), group, body=body, override_reason="Consent on file; figure cited.")
    assert response.status_code == 302 and GroupOutput.objects.count() == 1
    assert CheckOverride.objects.get().by == secretariat
