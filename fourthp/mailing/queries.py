"""Reads of the mailing list shared by its pages and the sending."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.core.errors import get_or_not_found
from fourthp.mailing.models import Delivery, MailingList, Newsletter, Segment, Subscriber, Suppression


def recipients_of(mailing_list: MailingList, segment: Segment | None) -> QuerySet[Subscriber]:
    """Who a newsletter to this list (and segment) goes to now: its subscribers, narrowed, less suppressed addresses.

    A members-only list goes only to subscribers whose address belongs to an active account.
    """
    subscribers = Subscriber.objects.filter(subscriptions__mailing_list=mailing_list)
    if mailing_list.audience == MailingList.Audience.MEMBERS:
        subscribers = subscribers.filter(user__isnull=False, user__is_active=True)
    if segment is not None:
        subscribers = segment.apply(subscribers)
    return subscribers.exclude(email__in=Suppression.objects.values("email")).distinct()


def subscribers_of_account(user: object) -> QuerySet[Subscriber]:
    """The subscriber records of an account: those linked to it, and those of any of its addresses."""
    from allauth.account.models import EmailAddress

    addresses = {a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    own = str(getattr(user, "email", "") or "").lower()
    if own:
        addresses.add(own)
    return Subscriber.objects.filter(Q(user=user) | Q(email__in=sorted(addresses)))


def personal_data_of(user: object) -> list[dict[str, object]]:
    """What the mailing list holds of an account, for her personal-data download: lists and consent records."""
    found = subscribers_of_account(user).prefetch_related("subscriptions__mailing_list", "consents", "topics")
    return [
        {
            "email": subscriber.email,
            "subscribed_since": subscriber.created_at.isoformat(),
            "jurisdiction": subscriber.jurisdiction.code if subscriber.jurisdiction else None,
            "topics": sorted(p.slug for p in subscriber.topics.all()),
            "lists": sorted(s.mailing_list.name for s in subscriber.subscriptions.all()),
            "consents": [
                {
                    "list": c.list_name,
                    "action": c.action,
                    "method": c.method,
                    "asked_at": c.asked_at.isoformat() if c.asked_at else None,
                    "recorded_at": c.recorded_at.isoformat(),
                }
                for c in subscriber.consents.all()
            ],
        }
        for subscriber in found.select_related("jurisdiction").order_by("email")
    ]


def list_lists() -> QuerySet[MailingList]:
    return MailingList.objects.annotate(subscriber_count=Count("subscriptions"))


def list_segments() -> QuerySet[Segment]:
    return Segment.objects.select_related("mailing_list")


def list_newsletters() -> QuerySet[Newsletter]:
    return Newsletter.objects.select_related("mailing_list", "segment").annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__state=Delivery.State.SENT)),
        recipient_count=Count("deliveries"),
    )


def get_list(list_id: int) -> MailingList:
    return get_or_not_found(MailingList.objects.all(), _("There is no mailing list with that number."), pk=list_id)


def get_segment(segment_id: int) -> Segment:
    return get_or_not_found(list_segments(), _("There is no segment with that number."), pk=segment_id)


def get_newsletter(newsletter_id: int) -> Newsletter:
    return get_or_not_found(
        Newsletter.objects.select_related("mailing_list", "segment"),
        _("There is no newsletter with that number."),
        pk=newsletter_id,
    )


def delivery_counts(newsletter: Newsletter) -> dict[str, int]:
    counts = {state.value: 0 for state in Delivery.State}
    for row in newsletter.deliveries.values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def find_subscriber(subscriber_id: object) -> Subscriber | None:
    if not isinstance(subscriber_id, int):
        return None
    return Subscriber.objects.select_related("user", "jurisdiction").filter(pk=subscriber_id).first()
