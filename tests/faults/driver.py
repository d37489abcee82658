"""One step of a fault test, run in a process of its own against the database the test made.

    python tests/faults/driver.py <step> '<json keyword arguments>'

prints the step's answer as JSON on its last line. The settings come from the
environment the test gives (DATABASE_URL, the database task backend, the file
e-mail backend), as they would for the web server and the worker.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fourthp.settings")

import django

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from fourthp.accounts.models import AuditEvent  # noqa: E402
from fourthp.testing import make_analyst, make_group, make_group_member, make_member  # noqa: E402

SECTION = (
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons."
)
ACT = (
    "Modern Slavery Act\n\n"
    + "\n\n".join(
        f"{n}. Offence {n}\nA person commits an offence {n} if the person harbours another." for n in (1, 2, 3)
    )
    + "\n"
)


def start_analysis(sections: int) -> dict[str, Any]:
    from fourthp.analysis.actions import AnalysisRequest, do_start_analysis

    text = "\n".join(f"Section {n}. Offence {n}\n{SECTION}\n" for n in range(1, sections + 1))
    run = do_start_analysis(AnalysisRequest(text=text), acting_user=make_analyst())
    return {"run": run.pk, "state": run.state}


def run_state(run: int) -> dict[str, Any]:
    from fourthp.analysis.models import AnalysisRun

    found = AnalysisRun.objects.get(pk=run)
    return {
        "state": found.state,
        "done": found.sections_done,
        "total": found.sections_total,
        "attempts": found.attempts,
        "heartbeat": found.heartbeat_at.isoformat() if found.heartbeat_at else None,
        "error": found.error,
        "result_sections": len(found.result["sections"]) if found.result else None,
        "audit": sorted(
            AuditEvent.objects.filter(target_id=str(run), verb__startswith="analysis.").values_list("verb", flat=True)
        ),
    }


def age_heartbeats() -> dict[str, Any]:
    """As if ANALYZER_STALE_SECONDS had passed since any unfinished run last showed a sign of life."""
    from fourthp.analysis.models import AnalysisRun

    aged = AnalysisRun.objects.unfinished().update(heartbeat_at=timezone.now() - timedelta(days=1))
    return {"aged": aged}


def group_with_members(members: int) -> dict[str, Any]:
    group = make_group(lead=make_member())
    recipients = [group.lead.email] + [make_group_member(group).email for _ in range(members - 1)]
    make_group_member(group, group.lead)
    return {"group": group.pk, "lead": group.lead_id, "recipients": sorted(recipients)}


def announce(group: int) -> dict[str, Any]:
    from fourthp.groups.actions import do_announce
    from fourthp.groups.models import WorkingGroup

    found = WorkingGroup.objects.get(pk=group)
    announcement = do_announce(found, "Meeting moved", "We meet on Thursday instead.", acting_user=found.lead)
    return {"announcement": announcement.pk}


def announcements(group: int) -> dict[str, Any]:
    from fourthp.groups.models import Announcement

    return {
        "announcements": Announcement.objects.filter(group_id=group).count(),
        "audit": AuditEvent.objects.filter(verb="group.announced").count(),
    }


def tasks() -> dict[str, Any]:
    rows = DBTaskResult.objects.values("task_path", "status").annotate(n=Count("id"))
    return {f"{row['task_path'].rsplit('.', 1)[-1]}:{row['status']}": row["n"] for row in rows}


def reminder_due_soon() -> dict[str, Any]:
    from fourthp.events.models import Registration
    from fourthp.events.tasks import send_event_reminder
    from fourthp.events.tests.factories import make_event, make_registration

    event = make_event(starts_at=timezone.now() + timedelta(hours=3))
    registration = make_registration(event, make_member(), Registration.State.CONFIRMED)
    send_event_reminder.enqueue(registration.pk)
    return {"registration": registration.pk, "to": registration.user.email}


def registration(registration: int) -> dict[str, Any]:
    from fourthp.events.models import Registration

    return {"reminded": Registration.objects.get(pk=registration).reminder_sent_at is not None}


def stage_import() -> dict[str, Any]:
    from fourthp.laws.actions import StatuteUpload, do_stage_upload

    staged = do_stage_upload(
        StatuteUpload(data=ACT.encode(), filename="act.txt", fmt="text"), acting_user=make_analyst()
    )
    return {"staged": staged.pk, "sections": len(staged.parsed["sections"])}


def confirm_import(staged: int) -> dict[str, Any]:
    from fourthp.laws.actions import InstrumentMetadata, do_confirm_upload
    from fourthp.laws.models import InstrumentImport

    found = InstrumentImport.objects.get(pk=staged)
    meta = InstrumentMetadata(
        key="fr-modern-slavery-act", jurisdiction_code="FR", title="Modern Slavery Act", type="act",
        section_key_prefix="fr-msa",
    )  # fmt: skip
    instrument = do_confirm_upload(found, meta, acting_user=found.uploaded_by)
    return {"instrument": instrument.pk}


def import_state(staged: int) -> dict[str, Any]:
    from fourthp.laws.models import Instrument, InstrumentImport, Section

    return {
        "instruments": Instrument.objects.filter(key="fr-modern-slavery-act").count(),
        "sections": Section.objects.filter(instrument__key="fr-modern-slavery-act").count(),
        "staged": InstrumentImport.objects.get(pk=staged).state,
        "audit": AuditEvent.objects.filter(
            verb="instrument.imported", target_label__icontains="Modern Slavery"
        ).count(),
    }


def newsletter_to_list(recipients: int) -> dict[str, Any]:
    """A list of `recipients` subscribers and a newsletter to it, sent by the secretariat (its batches queued)."""
    from fourthp.mailing.actions import do_send_newsletter
    from fourthp.mailing.models import MailingList, Newsletter, Subscriber, Subscription
    from fourthp.testing import make_secretariat

    news = MailingList.objects.create(name="Policy news", description="Monthly.")
    emails = [f"reader{n:02d}@example.net" for n in range(1, recipients + 1)]
    for address in emails:
        Subscription.objects.create(subscriber=Subscriber.objects.create(email=address), mailing_list=news)
    newsletter = Newsletter.objects.create(mailing_list=news, subject="News from the taskforce", body="# This month")
    count = do_send_newsletter(newsletter, acting_user=make_secretariat())
    return {"newsletter": newsletter.pk, "recipients": emails, "queued": count}


def newsletter_state(newsletter: int) -> dict[str, Any]:
    from fourthp.mailing.models import Delivery, Newsletter

    rows = Delivery.objects.filter(newsletter_id=newsletter).values("state").annotate(n=Count("id"))
    return {
        "newsletter": Newsletter.objects.get(pk=newsletter).state,
        "deliveries": {row["state"]: row["n"] for row in rows},
        "attempts": sorted(set(Delivery.objects.filter(newsletter_id=newsletter).values_list("attempts", flat=True))),
    }


if __name__ == "__main__":
    step = globals()[sys.argv[1]]
    answer = step(**json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}"))
    print(json.dumps(answer))
