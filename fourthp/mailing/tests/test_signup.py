"""Double opt-in, no enumeration, consent records shown and erased."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client

from fourthp.mailing.models import Consent, Delivery, Subscriber, Subscription
from fourthp.mailing.tests.factories import last_mail_to, link_path, make_list, make_newsletter, make_subscriber
from fourthp.testing import client_as, make_jurisdiction, make_member

pytestmark = pytest.mark.django_db


def _join(client: Client, email: str, *lists: int, **extra: str) -> object:
    return client.post("/mailing/join/", {"email": email, "lists": [str(pk) for pk in lists], **extra})


def test_the_footer_links_to_the_sign_up_page() -> None:
    make_list()
    response = Client().get("/")
    assert b'href="/mailing/join/"' in response.content
    assert "Join our mailing list" in Client().get("/mailing/join/").content.decode()


def test_nobody_is_subscribed_until_the_emailed_link_is_followed(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    here = make_jurisdiction(region_code="150")
    with sending():
        response = _join(Client(), "Ana@Example.net", news.pk, jurisdiction=here.code)
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()

    confirm = link_path(last_mail_to("ana@example.net").body, "/mailing/confirm/")
    page = Client().get(confirm)  # a link checker's visit subscribes nobody
    assert page.status_code == 200 and not Subscriber.objects.exists()

    done = Client().post(confirm)
    assert done.status_code == 302 and done["Location"].startswith("/mailing/preferences/")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana@example.net" and subscriber.jurisdiction == here
    assert list(subscriber.subscriptions.values_list("mailing_list", flat=True)) == [news.pk]
    consent = Consent.objects.get()
    assert consent.method == Consent.Method.SIGNUP and consent.asked_at is not None

    Client().post(confirm)  # following the link again changes nothing
    assert Consent.objects.count() == 1 and Subscription.objects.count() == 1


def test_an_expired_confirmation_link_subscribes_nobody(sending, settings) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    with sending():
        _join(Client(), "late@example.net", news.pk)
    confirm = link_path(last_mail_to("late@example.net").body, "/mailing/confirm/")
    settings.MAILING_CONFIRMATION_MAX_AGE = -1
    response = Client().post(confirm)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert Client().post(confirm[:-6] + "xx/").status_code == 404


def test_the_page_never_says_whether_an_address_is_subscribed(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    make_subscriber(news, email="known@example.net")
    with sending():
        known = _join(Client(), "known@example.net", news.pk)
        unknown = _join(Client(), "new@example.net", news.pk)
    assert known.status_code == unknown.status_code == 200

    def page(response: object) -> str:  # the page less its per-request CSRF token
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())  # type: ignore[attr-defined]

    assert page(known) == page(unknown)
    # The owner of the address learns it by e-mail, with her preferences link, not a new confirmation.
    told = last_mail_to("known@example.net")
    assert "already subscribed" in told.subject
    assert "/mailing/preferences/" in told.body and "/mailing/confirm/" not in told.body


def test_a_members_only_list_is_offered_to_members_and_keeps_visitors_out(sending) -> None:  # type: ignore[no-untyped-def]
    inner = make_list(name="Members' briefing", audience="members")
    assert "Members&#x27; briefing" not in Client().get("/mailing/join/").content.decode()
    refused = _join(Client(), "outsider@example.net", inner.pk)
    assert refused.status_code == 400 and not mail.outbox
    member = make_member()
    assert "Members&#x27; briefing" in client_as(member).get("/mailing/join/").content.decode()
    with sending():
        _join(client_as(member), member.email, inner.pk)
    Client().post(link_path(last_mail_to(member.email).body, "/mailing/confirm/"))
    subscriber = Subscriber.objects.get(email=member.email)
    assert subscriber.user == member and subscriber.subscriptions.filter(mailing_list=inner).exists()


def test_a_form_without_a_list_or_address_says_what_is_missing() -> None:
    make_list()
    response = _join(Client(), "not an address")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose at least one list." in text and "valid email address" in text


def _preferences_of(subscriber: Subscriber) -> str:
    from fourthp.mailing.mail import preferences_url

    return link_path(preferences_url(subscriber), "/mailing/preferences/")


def test_the_preferences_page_shows_her_consent_records_and_changes_her_lists(sending) -> None:  # type: ignore[no-untyped-def]
    news, events = make_list(name="Policy news"), make_list(name="Convenings")
    with sending():
        _join(Client(), "rae@example.net", news.pk)
    Client().post(link_path(last_mail_to("rae@example.net").body, "/mailing/confirm/"))
    subscriber = Subscriber.objects.get()
    url = _preferences_of(subscriber)
    page = Client().get(url).content.decode()
    assert "Your consent records" in page and "Policy news" in page
    assert "the sign-up form, confirmed by the e-mailed link" in page

    assert Client().post(url, {"lists": [str(events.pk)]}).status_code == 302
    assert set(subscriber.subscriptions.values_list("mailing_list", flat=True)) == {events.pk}
    actions = list(Consent.objects.values_list("list_name", "action", "method"))
    assert ("Policy news", "unsubscribed", "preferences") in actions
    assert ("Convenings", "subscribed", "preferences") in actions
    assert Client().get("/mailing/preferences/forged/").status_code == 404


def test_she_erases_her_records_from_the_preferences_page() -> None:
    news = make_list()
    subscriber = make_subscriber(news, email="gone@example.net")
    Consent.objects.create(subscriber=subscriber, list_name=news.name, action="subscribed", method="signup")
    newsletter = make_newsletter(news)
    Delivery.objects.create(newsletter=newsletter, subscriber=subscriber, email=subscriber.email, state="sent")
    url = _preferences_of(subscriber)
    response = Client().post(url + "erase/")
    assert response.status_code == 200 and "erased" in response.content.decode()
    assert not Subscriber.objects.exists() and not Consent.objects.exists() and not Subscription.objects.exists()
    assert Delivery.objects.get().email == ""
    assert Client().get(url).status_code == 404


def test_consent_records_keep_no_network_address() -> None:
    names = {f.name for f in Consent._meta.get_fields()}
    assert not {n for n in names if "ip" in n.split("_") or "address" in n}
    assert isinstance(Consent._meta.get_field("recorded_at").default(), dt.datetime)


def test_she_changes_the_topics_she_follows_on_her_preferences_page() -> None:
    from django.conf import settings

    from fourthp.frameworks.actions import do_load_framework

    framework, _created = do_load_framework(settings.DATA_DIR / "frameworks" / "four-p-v1.yaml")
    first, second = framework.pillars.order_by("order")[:2]
    news = make_list()
    subscriber = make_subscriber(news, email="tao@example.net")
    subscriber.topics.add(first)
    url = _preferences_of(subscriber)
    page = Client().get(url).content.decode()
    assert "Topics you follow" in page
    assert re.search(rf'name="topics" value="{first.pk}"[^>]*checked', page)
    assert not re.search(rf'name="topics" value="{second.pk}"[^>]*checked', page)
    client = Client()
    assert client.post(url, {"lists": [str(news.pk)], "topics": [str(second.pk)]}).status_code == 302
    assert list(subscriber.topics.all()) == [second]
    assert list(subscriber.subscriptions.values_list("mailing_list", flat=True)) == [news.pk]
    assert "Your lists and topics are saved." in client.get(url).content.decode()
