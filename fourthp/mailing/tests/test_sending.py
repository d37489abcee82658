"""Newsletters: one-click unsubscribe, segments and suppressions at send time, the bounce webhook, resuming."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.accounts.roles import Role
from fourthp.groups.models import GroupMembership, WorkingGroup
from fourthp.mailing import sending as sending_code
from fourthp.mailing.actions import do_resume_stalled_sends, do_retry_failed, do_send_newsletter
from fourthp.mailing.models import Consent, Delivery, Newsletter, Segment, Subscription, Suppression
from fourthp.mailing.tests.factories import link_path, make_list, make_newsletter, make_subscriber
from fourthp.testing import client_as, make_jurisdiction, make_secretariat, make_user

pytestmark = pytest.mark.django_db


def _send(newsletter: Newsletter, sending_block: Any) -> int:
    with sending_block():
        return do_send_newsletter(newsletter, acting_user=make_secretariat())


def test_every_newsletter_message_carries_one_click_unsubscribe_headers(sending, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://fourthp.example.org"
    settings.MAILING_BATCH_SIZE = 2
    news = make_list()
    readers = [make_subscriber(news) for _ in range(5)]
    assert _send(make_newsletter(news), sending) == 5
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert unsubscribe.startswith("<https://fourthp.example.org/mailing/unsubscribe/") and unsubscribe.endswith(
            "/>"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0][0]
        assert "<strong>debt bondage</strong>" in html
        assert "the report (https://example.org/r)" in message.body and "<strong>" not in message.body
    assert {m.to[0] for m in mail.outbox} == {r.email for r in readers}
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
    assert Newsletter.objects.get().state == Newsletter.State.SENT


def test_the_one_click_post_unsubscribes_without_a_session_or_csrf_token(sending) -> None:  # type: ignore[no-untyped-def]
    news, other = make_list(), make_list()
    reader = make_subscriber(news, other, email="ola@example.net")
    _send(make_newsletter(news), sending)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client = Client(enforce_csrf_checks=True)
    assert "Unsubscribe" in client.get(url).content.decode()
    assert Subscription.objects.filter(subscriber=reader, mailing_list=news).exists()  # a GET changes nothing
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.filter(subscriber=reader, mailing_list=news).exists()
    assert Subscription.objects.filter(subscriber=reader, mailing_list=other).exists()  # only that list
    consent = Consent.objects.get(action="unsubscribed")
    assert consent.method == Consent.Method.ONE_CLICK
    assert (
        client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    assert Client(enforce_csrf_checks=True).post("/mailing/unsubscribe/forged/").status_code == 404


def test_a_segment_is_evaluated_when_the_newsletter_is_sent(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    europe = make_jurisdiction(region_code="150")
    americas = make_jurisdiction(region_code="019")
    group = WorkingGroup.objects.create(slug="supply", title="Supply chains")
    legislator = make_user("lina", Role.LEGISLATOR)
    segment = Segment.objects.create(
        name="European legislators", mailing_list=news, roles=["legislator member"], regions=["150"]
    )
    in_europe = make_subscriber(news, jurisdiction=europe, user=legislator, email=legislator.email)
    moved_later = make_subscriber(news, jurisdiction=europe, user=make_user("leo", Role.LEGISLATOR))
    make_subscriber(news, jurisdiction=americas, user=make_user("lou", Role.LEGISLATOR))
    make_subscriber(news, jurisdiction=europe)  # no account, so no role
    newsletter = make_newsletter(news, segment=segment)
    # After the newsletter was written: one moves away, one joins the segment.
    moved_later.jurisdiction = americas
    moved_later.save()
    joined = make_subscriber(news, jurisdiction=europe, user=make_user("lea", Role.LEGISLATOR))
    assert _send(newsletter, sending) == 2
    assert {m.to[0] for m in mail.outbox} == {in_europe.email, joined.email}

    by_group = Segment.objects.create(name="Supply chains", mailing_list=news)
    by_group.groups.add(group)
    GroupMembership.objects.create(group=group, user=legislator, state=GroupMembership.State.ACTIVE)
    mail.outbox.clear()
    assert _send(make_newsletter(news, segment=by_group), sending) == 1
    assert mail.outbox[0].to == [legislator.email]


def test_suppressed_addresses_are_skipped(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    kept = make_subscriber(news)
    bounced = make_subscriber(news)
    Suppression.objects.create(email=bounced.email, kind=Suppression.Kind.BOUNCE)
    assert _send(make_newsletter(news), sending) == 1
    assert [m.to for m in mail.outbox] == [[kept.email]]
    assert not Delivery.objects.filter(email=bounced.email).exists()


def _hook(body: Any, secret: str | None) -> Any:
    headers = {"HTTP_X_MAILING_SECRET": secret} if secret is not None else {}
    return Client(enforce_csrf_checks=True).post(
        "/mailing/webhook/", json.dumps(body), content_type="application/json", **headers
    )


def test_the_bounce_webhook_refuses_a_wrong_secret_and_suppresses_with_the_right_one(sending, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAILING_WEBHOOK_SECRET = "s3cret-of-the-mail-service"
    news = make_list()
    reader = make_subscriber(news, email="full@example.net")
    _send(make_newsletter(news), sending)
    report = {"address": "Full@Example.net", "kind": "bounce"}
    assert _hook(report, None).status_code == 403
    assert _hook(report, "guess").status_code == 403
    assert not Suppression.objects.exists()
    assert _hook({"address": "nobody", "kind": "bounce"}, "s3cret-of-the-mail-service").status_code == 400
    assert _hook({"address": "a@example.net", "kind": "spam"}, "s3cret-of-the-mail-service").status_code == 400
    response = _hook(report, "s3cret-of-the-mail-service")
    assert response.status_code == 200 and response.json() == {"suppressed": "full@example.net", "kind": "bounce"}
    assert Delivery.objects.get(email=reader.email).state == Delivery.State.BOUNCED
    mail.outbox.clear()
    assert _send(make_newsletter(news), sending) == 0
    assert not mail.outbox
    settings.MAILING_WEBHOOK_SECRET = ""
    assert _hook(report, "").status_code == 403  # no secret set: the webhook is off


def test_a_send_stopped_half_way_resumes_and_sends_each_recipient_one_copy(sending, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.MAILING_BATCH_SIZE = 3
    news = make_list()
    readers = [make_subscriber(news) for _ in range(7)]
    handed: list[str] = []

    def stop_after_four(name: str) -> None:
        handed.append(name)
        if len(handed) == 4:
            raise RuntimeError("the worker was stopped")

    monkeypatch.setattr(sending_code, "pause_point", stop_after_four)
    _send(make_newsletter(news), sending)
    assert len(mail.outbox) == 4
    assert Delivery.objects.filter(state="sent").count() == 4
    assert Delivery.objects.filter(state="queued").count() == 3
    assert Newsletter.objects.get().state == Newsletter.State.SENDING

    monkeypatch.undo()
    assert do_resume_stalled_sends() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert Delivery.objects.filter(state="sent").count() == 7
    assert Newsletter.objects.get().state == Newsletter.State.SENT
    assert do_resume_stalled_sends() == 0 and len(mail.outbox) == 7


def test_a_recipient_left_being_sent_by_a_stopped_worker_is_not_sent_again(sending, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAILING_SENDING_STALE_SECONDS = 0
    news = make_list()
    make_subscriber(news)
    newsletter = make_newsletter(news, state=Newsletter.State.SENDING)
    Delivery.objects.create(
        newsletter=newsletter,
        subscriber=make_subscriber(news),
        email="x@example.net",
        state="sending",
        claimed_at="2024-01-01T00:00:00Z",
    )
    do_resume_stalled_sends()
    assert Delivery.objects.get().state == Delivery.State.FAILED
    assert Newsletter.objects.get().state == Newsletter.State.SENT
    assert not mail.outbox


class _RefusesOne:
    """A mail backend that refuses one address, as a mail server refusing a recipient would."""

    refused = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend(*args, **kwargs)

    def send_messages(self, messages: Any) -> int:
        if any(self.refused in m.to for m in messages):
            raise OSError("550 mailbox unavailable")
        return self.inner.send_messages(messages)

    def open(self) -> None: ...

    def close(self) -> None: ...


def test_a_failed_recipient_is_retried_then_failed_and_the_secretariat_can_retry(sending, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = f"{__name__}._RefusesOne"
    settings.MAILING_MAX_ATTEMPTS = 2
    news = make_list()
    make_subscriber(news, email="ok@example.net")
    make_subscriber(news, email="full@example.net")
    _RefusesOne.refused = "full@example.net"
    newsletter = make_newsletter(news)
    _send(newsletter, sending)
    failed = Delivery.objects.get(email="full@example.net")
    assert failed.state == Delivery.State.FAILED and failed.attempts == 2 and "550" in failed.error
    assert [m.to for m in mail.outbox] == [["ok@example.net"]]
    assert Newsletter.objects.get().state == Newsletter.State.SENT

    _RefusesOne.refused = "nobody"
    page = client_as(make_secretariat()).get(f"/mailing/newsletters/{newsletter.pk}/").content.decode()
    assert "Retry the failed deliveries" in page
    with sending():
        assert do_retry_failed(newsletter, acting_user=make_secretariat()) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["full@example.net", "ok@example.net"]


def test_the_secretariat_writes_previews_and_sends_a_newsletter_through_the_pages(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list(name="Policy news")
    make_subscriber(news, email="pia@example.net")
    client = client_as(make_secretariat())
    response = client.post(
        "/mailing/newsletters/new/", {"subject": "June", "mailing_list": news.pk, "body": "Hello **all**."}
    )
    newsletter = Newsletter.objects.get()
    assert response["Location"] == f"/mailing/newsletters/{newsletter.pk}/"
    preview = client.get(response["Location"]).content.decode()
    assert "<strong>all</strong>" in preview and "it would go to 1 subscriber" in preview
    assert not mail.outbox
    with sending():
        client.post(f"/mailing/newsletters/{newsletter.pk}/send/")
    assert [m.to for m in mail.outbox] == [["pia@example.net"]]
    assert client.post(f"/mailing/newsletters/{newsletter.pk}/send/").status_code == 302
    assert len(mail.outbox) == 1  # sent once only
    assert client.get(f"/mailing/newsletters/{newsletter.pk}/edit/").status_code == 302
    bad = client.post("/mailing/newsletters/new/", {"subject": "", "mailing_list": news.pk, "body": ""})
    assert bad.status_code == 200 and "This field is required." in bad.content.decode()
    assert link_path(mail.outbox[0].body, "/mailing/preferences/")
