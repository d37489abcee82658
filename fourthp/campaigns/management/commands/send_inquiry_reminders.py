"""Send the reminders of overdue inquiries not yet sent (safe to run at any time, e.g. hourly from cron).

The task worker sends each reminder when the answer becomes overdue; this command is for task backends that
cannot schedule work ahead, or a queue that was lost.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fourthp.campaigns.tasks import send_due_inquiry_reminders


class Command(BaseCommand):
    help = "Send the reminders of overdue inquiries that have not been sent."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_inquiry_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
