"""The reminder e-mail, sent by the task worker a day before the event to each confirmed participant."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fourthp.events.mail import tell
from fourthp.events.models import Event, Registration

REMINDER_BEFORE = dt.timedelta(hours=24)
# A reminder that runs this much earlier than due (the event was moved later) waits instead.
EARLY_BY = dt.timedelta(hours=1)


def reminder_due(event: Event) -> dt.datetime:
    return max(timezone.now(), event.starts_at - REMINDER_BEFORE)


def schedule_reminder(registration: Registration) -> None:
    """Queue the reminder for 24 hours before the event (or at once if it is closer), after the commit.

    A backend that cannot wait (the in-process one of development and tests) gets
    only the reminders already due; `manage.py send_event_reminders` sends the rest.
    """
    run_after = reminder_due(registration.event)
    backend = send_event_reminder.get_backend()
    if backend.supports_defer:
        scheduled = send_event_reminder.using(run_after=run_after)
    elif run_after > timezone.now():
        return
    else:
        scheduled = send_event_reminder
    registration_id = registration.pk
    transaction.on_commit(lambda: scheduled.enqueue(registration_id))


@task()
def send_event_reminder(registration_id: int) -> bool:
    """Send the reminder once, if she still holds a seat in an event that is still on; True when sent."""
    with transaction.atomic():
        # The row lock makes a second copy of this task (a retry, a re-schedule) wait and then see the sent mark.
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "user")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.reminder_sent_at is not None:
            return False
        event = registration.event
        if registration.state != Registration.State.CONFIRMED or event.state != Event.State.PUBLISHED:
            return False
        if event.has_begun or not registration.user.is_active:
            return False
        if event.starts_at - REMINDER_BEFORE > timezone.now() + EARLY_BY:
            # The event was moved later since this reminder was queued: queue it again for the new time.
            schedule_reminder(registration)
            return False
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
        tell(registration.user, "events_reminder", event, with_ics=True)
    return True


def send_due_reminders() -> int:
    """Send every reminder that is due and not sent; for backends that cannot schedule, or a lost queue."""
    due = Registration.objects.filter(
        state=Registration.State.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__state=Event.State.PUBLISHED,
        event__starts_at__gt=timezone.now(),
        event__starts_at__lte=timezone.now() + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if send_event_reminder.call(pk))
