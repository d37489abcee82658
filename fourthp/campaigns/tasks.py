"""Campaign letters as PDFs, printed by the task worker; and the reminder of an inquiry whose answer is overdue."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fourthp.campaigns.mail import remind_inquiry_owner
from fourthp.campaigns.models import Inquiry
from fourthp.campaigns.printing import do_make_letter_pdf


@task()
def make_letter_pdf(pdf_id: int) -> str:
    """Print one campaign letter asked for by the secretariat; the next request for it downloads the file."""
    made = do_make_letter_pdf(pdf_id, acting_user=None)
    return made.state if made is not None else "missing"


def inquiry_overdue_at(due_on: dt.date) -> dt.datetime:
    """An answer is overdue from the start of the day after it was due (in the site's time zone)."""
    return timezone.make_aware(dt.datetime.combine(due_on + dt.timedelta(days=1), dt.time.min))


def schedule_inquiry_reminder(inquiry: Inquiry) -> None:
    """Queue the reminder for when the answer becomes overdue, after the commit.

    A backend that cannot wait (the in-process one of development and tests) gets only the reminders already
    due; the worker's sweep and `manage.py send_inquiry_reminders` send the rest.
    """
    if not inquiry.is_open or inquiry.reminder_sent_at is not None:
        return
    run_after = max(timezone.now(), inquiry_overdue_at(inquiry.due_on))
    backend = send_inquiry_reminder.get_backend()
    if backend.supports_defer:
        scheduled = send_inquiry_reminder.using(run_after=run_after)
    elif run_after > timezone.now():
        return
    else:
        scheduled = send_inquiry_reminder
    inquiry_id = inquiry.pk
    transaction.on_commit(lambda: scheduled.enqueue(inquiry_id))


@task()
def send_inquiry_reminder(inquiry_id: int) -> bool:
    """Remind the owner once that the answer is overdue, if it still is; True when sent."""
    with transaction.atomic():
        # The row lock makes a second copy of this task wait and then see the sent mark.
        inquiry = Inquiry.objects.select_for_update(of=("self",)).select_related("owner").filter(pk=inquiry_id).first()
        if inquiry is None or inquiry.reminder_sent_at is not None or not inquiry.is_open:
            return False
        if inquiry_overdue_at(inquiry.due_on) > timezone.now():
            # The due date was moved later since this reminder was queued: queue it again for the new date.
            schedule_inquiry_reminder(inquiry)
            return False
        if not inquiry.owner.is_active:
            return False
        inquiry.reminder_sent_at = timezone.now()
        inquiry.state = Inquiry.State.OVERDUE
        inquiry.save(update_fields=["reminder_sent_at", "state"])
        remind_inquiry_owner(inquiry)
    return True


def send_due_inquiry_reminders() -> int:
    """Send every overdue reminder not yet sent; for backends that cannot schedule, or a lost queue."""
    due = Inquiry.objects.filter(
        state__in=[Inquiry.State.SENT, Inquiry.State.OVERDUE],
        reminder_sent_at__isnull=True,
        due_on__lt=timezone.localdate(),
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if send_inquiry_reminder.call(pk))
