"""The peer finder: who has done a provision, who shares the gap, and the members one may ask to be in touch."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings

from fourthp.accounts.actions import collect_personal_data, do_delete_account
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Visibility
from fourthp.peers.models import ContactRequest
from fourthp.testing import (
    box_filled_with_lines,
    give_consent,
    make_group,
    make_group_member,
    make_instrument,
    make_jurisdiction,
    make_member,
    make_profile,
    make_secretariat,
    make_section,
    publish_assessment,
)

pytestmark = pytest.mark.django_db

PROVISION = "prot.non-punishment"
PUBLIC = {f"{f}_visibility": Visibility.PUBLIC for f in ("name", "jurisdiction", "role", "legislature")}


def land(code: str, **fields: Any) -> Jurisdiction:
    defaults = {"region_code": "150", "region_name": "Europe", "legal_tradition": "civil_law"}
    defaults.update(fields)
    return make_jurisdiction(code, name=f"{code}land", **defaults)


@pytest.fixture
def world(seeded: None) -> dict[str, Any]:
    home = land("QQH")
    alike = land("QQA")
    region_only = land("QQB", legal_tradition="common_law")
    tradition_only = land("QQC", region_code="002", region_name="Africa")
    far = land(
        "QQD",
        region_code="019",
        region_name="Americas",
        legal_tradition="common_law",
        level=Jurisdiction.Level.SUBNATIONAL,
    )
    section = make_section(make_instrument(alike, sections=0), number="7", text="A victim is not punished for acts.")
    publish_assessment(home, PROVISION, "absent")
    publish_assessment(alike, PROVISION, "full", section)
    for j in (far, tradition_only, region_only):
        publish_assessment(j, PROVISION, "full")
    gap = land("QQG")
    publish_assessment(gap, PROVISION, "partial")
    unknown = land("QQU")
    publish_assessment(unknown, PROVISION, "unknown")
    return {"home": home, "alike": alike, "region_only": region_only, "tradition_only": tradition_only,
            "far": far, "gap": gap, "unknown": unknown}  # fmt: skip


def peer_codes(peers: list[dict[str, Any]]) -> list[str]:
    return [p["jurisdiction"]["code"] for p in peers if p["jurisdiction"]["code"].startswith("QQ")]


def test_who_has_done_it_comes_most_alike_first_and_says_why(world: dict[str, Any]) -> None:
    data = Client().get(f"/peers.json?provision={PROVISION}&jurisdiction=QQH").json()
    assert peer_codes(data["done"]) == ["QQA", "QQB", "QQC", "QQD"]
    first = data["done"][0]
    assert first["reasons"] == ["same region (Europe)", "same legal tradition (civil law)", "same level (national)"]
    assert first["evidence"][0]["citation"].endswith("s. 7")
    assert first["evidence"][0]["url"].startswith("/sections/")
    assert data["jurisdiction"]["code"] == "QQH"
    assert data["jurisdiction_status"] == "absent"
    assert "same region first" in data["ranking"]


def test_who_shares_the_gap_lists_absent_and_partial_but_never_unknown_or_the_jurisdiction_itself(
    world: dict[str, Any],
) -> None:
    data = Client().get(f"/peers.json?provision={PROVISION}&jurisdiction=QQA").json()
    assert set(peer_codes(data["shares_gap"])) == {"QQH", "QQG"}
    assert "QQA" not in peer_codes(data["done"])
    assert "QQU" not in peer_codes(data["done"]) + peer_codes(data["shares_gap"])


def test_the_page_shows_the_evidence_and_links_back_to_the_report_card(world: dict[str, Any]) -> None:
    page = Client().get(f"/peers/?provision={PROVISION}&jurisdiction=QQH").content.decode()
    assert "Who has done this" in page and "Who shares this gap" in page
    assert "QQAland" in page and "A victim i" in page
    assert f'href="/jurisdictions/QQH/report-card/#gap-{PROVISION}"' in page


def test_a_report_card_gap_links_to_the_peer_finder(world: dict[str, Any]) -> None:
    page = Client().get("/jurisdictions/QQH/report-card/").content.decode()
    assert f'href="/peers/?provision={PROVISION}&amp;jurisdiction=QQH&amp;version=1"' in page


def test_an_unknown_provision_is_a_404_and_an_unknown_jurisdiction_a_form_error(world: dict[str, Any]) -> None:
    response = Client().get("/peers/?provision=no.such-thing")
    assert response.status_code == 404
    assert "no.such-thing" in response.content.decode()
    response = Client().get(f"/peers/?provision={PROVISION}&jurisdiction=ZZ-NOPE")
    assert response.status_code == 200
    assert "No jurisdiction is called ZZ-NOPE or has it as its code." in response.content.decode()


def test_without_a_provision_the_page_asks_for_one(seeded: None) -> None:
    response = Client().get("/peers/")
    assert response.status_code == 200
    assert "Choose a provision" in response.content.decode()


def test_a_signed_in_member_is_ranked_against_her_own_jurisdiction(world: dict[str, Any]) -> None:
    member = make_member()
    make_profile(member, jurisdiction=world["home"])
    client = Client()
    client.force_login(member)
    data = client.get(f"/peers.json?provision={PROVISION}").json()
    assert data["jurisdiction"]["code"] == "QQH"
    assert peer_codes(data["done"])[0] == "QQA"


def contactable(jurisdiction: Jurisdiction, name: str, **fields: Any) -> Any:
    profile = make_profile(name=name, jurisdiction=jurisdiction, **{**PUBLIC, **fields})
    give_consent(profile.user, Consent.Kind.PEER_CONTACT)
    return profile


def members_of(data: dict[str, Any], code: str) -> list[str]:
    for peer in data["done"] + data["shares_gap"]:
        if peer["jurisdiction"]["code"] == code:
            return [m["name"] for m in peer["members"]]
    raise AssertionError(f"{code} not listed")


def test_only_members_who_agreed_to_be_contacted_and_show_where_they_are_are_listed(world: dict[str, Any]) -> None:
    alike = world["alike"]
    contactable(alike, "Ada Open")
    make_profile(name="Bea No-Consent", jurisdiction=alike, **PUBLIC)
    contactable(alike, "Cy Hidden-Place", jurisdiction_visibility=Visibility.SECRETARIAT)
    contactable(
        alike, "Di Members-Only", name_visibility=Visibility.MEMBERS, jurisdiction_visibility=Visibility.MEMBERS
    )
    url = f"/peers.json?provision={PROVISION}&jurisdiction=QQH"
    assert members_of(Client().get(url).json(), "QQA") == ["Ada Open"]
    member = Client()
    member.force_login(make_member())
    assert members_of(member.get(url).json(), "QQA") == ["Ada Open", "Di Members-Only"]
    secretariat = Client()
    secretariat.force_login(make_secretariat())
    assert members_of(secretariat.get(url).json(), "QQA") == ["Ada Open", "Cy Hidden-Place", "Di Members-Only"]


def test_a_lived_experience_expert_is_listed_only_with_her_listing_consent(world: dict[str, Any]) -> None:
    expert = contactable(world["alike"], "Eve Expert", role="lived-experience expert")
    url = f"/peers.json?provision={PROVISION}&jurisdiction=QQH"
    assert "Eve Expert" not in members_of(Client().get(url).json(), "QQA")
    assert "Eve Expert" not in Client().get(url.replace(".json", "/")).content.decode()
    consent = give_consent(expert.user, Consent.Kind.LIVED_EXPERIENCE_LISTING)
    assert "Eve Expert" in members_of(Client().get(url).json(), "QQA")
    consent.revoked_at = consent.given_at
    consent.save()
    assert "Eve Expert" not in members_of(Client().get(url).json(), "QQA")


def test_members_of_the_viewers_working_group_come_first_and_say_so(world: dict[str, Any]) -> None:
    contactable(world["alike"], "Aaron Stranger")
    colleague = contactable(world["alike"], "Zoe Colleague")
    group = make_group(title="Supply chains")
    viewer = make_group_member(group)
    make_group_member(group, colleague.user)
    client = Client()
    client.force_login(viewer)
    data = client.get(f"/peers.json?provision={PROVISION}&jurisdiction=QQH").json()
    peer = next(p for p in data["done"] if p["jurisdiction"]["code"] == "QQA")
    assert [m["name"] for m in peer["members"]] == ["Zoe Colleague", "Aaron Stranger"]
    assert peer["members"][0]["shared_groups"] == ["Supply chains"]


def test_the_api_answers_like_the_json_twin(world: dict[str, Any]) -> None:
    contactable(world["alike"], "Ada Open", role="legislator", legislature="Landtag")
    twin = Client().get(f"/peers.json?provision={PROVISION}&jurisdiction=QQH").json()
    api = Client().get(f"/api/v1/peers?provision={PROVISION}&jurisdiction=QQH").json()
    assert api == twin
    member = next(m for p in api["done"] for m in p["members"] if m["name"] == "Ada Open")
    assert member["role"] == "legislator" and member["legislature"] == "Landtag"
    assert Client().get("/api/v1/peers?provision=nope").status_code == 404


# --- Contact requests -----------------------------------------------------------------------


def ask(client: Client, profile: Any, message: str = "Could we talk about your 2019 amendment?") -> Any:
    return client.post(f"/peers/contact/{profile.pk}/?provision={PROVISION}", {"message": message})


def test_a_contact_request_reveals_no_address_until_the_recipient_accepts(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    sender = make_member()
    make_profile(sender, name="Sol Sender", **PUBLIC)
    client = Client()
    client.force_login(sender)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, recipient)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    asked = mail.outbox[0]
    assert asked.to == [recipient.user.email]
    assert "Sol Sender" in asked.subject
    assert sender.email not in asked.body
    assert "2019 amendment" in asked.body
    request = ContactRequest.objects.get()
    assert f"/peers/requests/{request.pk}/" in asked.body

    answer = Client()
    answer.force_login(recipient.user)
    assert "2019 amendment" in answer.get(f"/peers/requests/{request.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer.post(f"/peers/requests/{request.pk}/", {"decision": "accept"})
    request.refresh_from_db()
    assert request.state == "accepted"
    by_address = {m.to[0]: m for m in mail.outbox[1:]}
    assert recipient.user.email in by_address[sender.email].body
    assert sender.email in by_address[recipient.user.email].body
    assert by_address[sender.email].reply_to == [recipient.user.email]


def test_a_declined_request_tells_the_sender_without_an_address(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    sender = make_member()
    client = Client()
    client.force_login(sender)
    ask(client, recipient)
    request = ContactRequest.objects.get()
    answer = Client()
    answer.force_login(recipient.user)
    with django_capture_on_commit_callbacks(execute=True):
        answer.post(f"/peers/requests/{request.pk}/", {"decision": "decline"})
    (told,) = mail.outbox
    assert told.to == [sender.email]
    assert "declined" in told.subject
    assert recipient.user.email not in told.body
    again = answer.post(f"/peers/requests/{request.pk}/", {"decision": "accept"}, follow=True)
    assert "already been answered" in again.content.decode()
    request.refresh_from_db()
    assert request.state == "declined"


def test_only_the_recipient_answers_and_the_secretariat_sees_the_record_but_not_the_message(
    world: dict[str, Any],
) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    sender = make_member()
    client = Client()
    client.force_login(sender)
    ask(client, recipient, "A private note about my bill.")
    request = ContactRequest.objects.get()
    assert client.post(f"/peers/requests/{request.pk}/", {"decision": "accept"}).status_code == 403
    secretariat = Client()
    secretariat.force_login(make_secretariat())
    assert secretariat.post(f"/peers/requests/{request.pk}/", {"decision": "accept"}).status_code == 403
    record = secretariat.get("/peers/records/").content.decode()
    assert f'href="/peers/requests/{request.pk}/"' in record
    detail = secretariat.get(f"/peers/requests/{request.pk}/").content.decode()
    assert "A private note" not in detail
    request.refresh_from_db()
    assert request.state == "pending"


def test_asking_twice_is_refused_while_the_first_request_waits(world: dict[str, Any]) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    client = Client()
    client.force_login(make_member())
    ask(client, recipient)
    response = ask(client, recipient)
    assert response.status_code == 200
    assert "already asked this member" in response.content.decode()
    assert ContactRequest.objects.count() == 1


@override_settings(CONTACT_REQUESTS_PER_DAY=2)
def test_the_daily_limit_on_contact_requests_is_said_and_nothing_is_stored(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(make_member())
    for n in range(2):
        assert ask(client, contactable(world["alike"], f"Peer {n}")).status_code == 302
    response = ask(client, contactable(world["alike"], "Peer 3"))
    assert "2 contact requests in the last 24 hours" in response.content.decode()
    assert ContactRequest.objects.count() == 2


def test_an_empty_or_overlong_message_is_refused_with_the_reason(world: dict[str, Any]) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    client = Client()
    client.force_login(make_member())
    assert "This field is required" in ask(client, recipient, "").content.decode()
    assert "at most 2000 characters" in ask(client, recipient, "x" * 2001).content.decode()
    assert ContactRequest.objects.count() == 0


def test_a_member_who_did_not_agree_to_be_contacted_cannot_be_asked(world: dict[str, Any]) -> None:
    quiet = make_profile(name="Quiet", jurisdiction=world["alike"], **PUBLIC)
    client = Client()
    client.force_login(make_member())
    assert client.get(f"/peers/contact/{quiet.pk}/").status_code == 404
    assert ask(client, quiet).status_code == 404
    assert ContactRequest.objects.count() == 0


def test_her_requests_are_in_her_data_download_and_her_words_go_with_her_account(world: dict[str, Any]) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    sender = make_member()
    client = Client()
    client.force_login(sender)
    ask(client, recipient, "Words of mine.")
    data = collect_personal_data(sender)
    assert data["contact_requests"][0]["message"] == "Words of mine."
    assert data["contact_requests"][0]["direction"] == "sent"
    do_delete_account(sender, acting_user=sender)
    request = ContactRequest.objects.get()
    assert request.message == ""
    assert request.state == "declined"


def test_the_most_alike_peers_are_shown_first_and_the_rest_on_request(world: dict[str, Any]) -> None:
    for n in range(14):
        publish_assessment(land(f"QQM{n:02d}", region_code="002", region_name="Africa"), PROVISION, "full")
    data = Client().get(f"/peers.json?provision={PROVISION}&jurisdiction=QQH").json()
    assert len(data["done"]) == 12
    assert data["done_total"] >= 18
    assert peer_codes(data["done"])[:2] == ["QQA", "QQB"]
    page = Client().get(f"/peers/?provision={PROVISION}&jurisdiction=QQH").content.decode()
    assert f"The 12 most alike of {data['done_total']} are shown." in page
    everyone = Client().get(f"/peers.json?provision={PROVISION}&jurisdiction=QQH&all=1").json()
    assert len(everyone["done"]) == data["done_total"]
    api = Client().get(f"/api/v1/peers?provision={PROVISION}&jurisdiction=QQH&limit=3").json()
    assert peer_codes(api["done"]) == ["QQA", "QQB", "QQC"]


def test_a_message_that_fills_its_box_with_line_breaks_is_counted_as_the_browser_counts_it(
    world: dict[str, Any],
) -> None:
    recipient = contactable(world["alike"], "Ada Open")
    client = Client()
    client.force_login(make_member())
    over = ask(client, recipient, box_filled_with_lines(2000, over=1))
    assert over.status_code == 200 and "at most 2000 characters (it has 2001)" in over.content.decode()
    assert ask(client, recipient, box_filled_with_lines(2000)).status_code == 302
    assert len(ContactRequest.objects.get().message) == 2000
