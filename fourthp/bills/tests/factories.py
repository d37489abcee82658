"""Plain factories for the bills tests (the shared ones are in fourthp.testing)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from fourthp.bills.models import Bill, BillAction, LegislativeSession
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import make_jurisdiction

SAMPLES = Path(__file__).parent / "samples"
_counter = itertools.count(1)


def make_session(jurisdiction: Jurisdiction | None = None, **fields: Any) -> LegislativeSession:
    n = next(_counter)
    fields.setdefault("name", f"Session {n}")
    return LegislativeSession.objects.create(jurisdiction=jurisdiction or make_jurisdiction(), **fields)


def make_bill(session: LegislativeSession | None = None, **fields: Any) -> Bill:
    n = next(_counter)
    session = session or make_session()
    fields.setdefault("number", f"B {n}")
    fields.setdefault("title", f"A bill on trafficking, number {n}")
    fields.setdefault("last_action_on", dt.date(2025, 1, 1) + dt.timedelta(days=n % 300))
    bill = Bill.objects.create(jurisdiction=session.jurisdiction, session=session, **fields)
    BillAction.objects.create(
        bill=bill, date=bill.last_action_on, description="Introduced", classification="introduction"
    )
    return bill
