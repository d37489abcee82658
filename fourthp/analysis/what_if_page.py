"""The what-if report card page and its JSON twin: today's card beside the card as it would be.

What is assumed met comes from three places, each said on the page: provisions a visitor ticks
(`?provisions=a,b`, and `?partial=c` for met in part), a pending bill of the jurisdiction (`?bill=<pk>`: the
provisions the analyzer suggests its latest text touches) and a draft the analyzer read for her
(`?run=<pk>`, a run its viewer may see: its suggestions above the threshold). Every one is a hypothesis or
a suggestion; nothing here writes a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRefresh

from fourthp.accounts.access import unseen
from fourthp.analysis.access import can_read_draft_for_what_if, can_see_run, can_use_analyzer
from fourthp.analysis.forms import DraftUploadForm
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import SuggestedProvision, get_run, suggested_provisions
from fourthp.assessments.queries import get_report_card
from fourthp.assessments.whatif import WhatIfCard, gap_choices, get_what_if, parse_provision_ids
from fourthp.bills.models import Bill, BillVersion, TouchedProvision
from fourthp.bills.queries import get_bill, latest_touched
from fourthp.core.pages import respond
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.frameworks.queries import framework_from_request
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.lib.scoring import Score


@dataclass
class Sources:
    """What the what-if assumes met, and where each assumption came from."""

    chosen: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    bill: Bill | None = None
    bill_version: BillVersion | None = None
    touched: list[TouchedProvision] = field(default_factory=list)
    run: AnalysisRun | None = None
    suggested: list[SuggestedProvision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def full(self) -> list[str]:
        return [*self.chosen, *(t.provision.slug for t in self.touched), *(s.slug for s in self.suggested)]


def _number(raw: str) -> int | None:
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if value > 0 else None


def _read_bill(sources: Sources, raw: str, jurisdiction: Any) -> None:
    pk = _number(raw)
    if pk is None:
        sources.notes.append(_("“%(value)s” is not a bill number; no bill is counted.") % {"value": raw[:40]})
        return
    bill = get_bill(pk)
    if bill.jurisdiction_id != jurisdiction.pk:
        sources.notes.append(
            _("Bill %(number)s is before another legislature; only this jurisdiction's pending bills are counted.")
            % {"number": bill.number}
        )
        return
    if not bill.is_pending:
        sources.notes.append(
            _("Bill %(number)s is no longer pending (%(status)s); only a pending bill is counted.")
            % {"number": bill.number, "status": bill.get_status_display()}
        )
        return
    sources.bill = bill
    sources.bill_version, sources.touched = latest_touched(bill)


def _read_run(sources: Sources, raw: str, user: Any) -> None:
    pk = _number(raw)
    if pk is None:
        sources.notes.append(_("“%(value)s” is not an analysis number; no draft is counted.") % {"value": raw[:40]})
        return
    run = get_run(pk)
    if not can_see_run(user, run):
        # An uploaded draft may be unpublished: another's run is not shown to exist.
        raise unseen(_("There is no analysis number %(id)s."), run)
    sources.run = run
    sources.suggested = suggested_provisions(run)


def _score(score: Score) -> dict[str, Any]:
    return {
        "grade": score.grade,
        "score": score.score,
        "assessed": score.assessed,
        "applicable": score.applicable,
        "counts": score.counts,
    }


def _data(what: WhatIfCard, sources: Sources) -> dict[str, Any]:
    card = what.card
    source: dict[str, Any] | None = None
    if sources.bill is not None:
        source = {
            "kind": "bill",
            "bill": sources.bill.pk,
            "number": sources.bill.number,
            "version": sources.bill_version.label if sources.bill_version else None,
            "suggested": [{"provision": t.provision.slug, "confidence": t.confidence} for t in sources.touched],
        }
    run: dict[str, Any] | None = None
    if sources.run is not None:
        run = {
            "run": sources.run.pk,
            "state": sources.run.state,
            "suggested": [{"provision": s.slug, "confidence": s.confidence} for s in sources.suggested],
        }
    return {
        "jurisdiction": card.jurisdiction.code,
        "framework": card.framework.slug,
        "version": card.framework.version,
        "hypothetical": True,
        "notice": _("A what-if, not a finding: the provisions assumed met have not been assessed."),
        "assumed_full": sorted(set(sources.full)),
        "assumed_partial": sorted(set(sources.partial)),
        "bill": source,
        "analysis": run,
        "today": _score(what.result.overall_before),
        "what_if": _score(what.result.overall_after),
        "pillars": [
            {"pillar": p.pillar.slug, "today": _score(p.before), "what_if": _score(p.after)} for p in what.pillars
        ],
        "changed": [
            {"provision": row.provision.slug, "today": row.before, "what_if": row.after, "assumed": row.assumed}
            for row in what.changed_rows
        ],
        "explanations": what.explanations,
        "unknown_provisions": what.unknown_ids,
        "not_applicable": [p.slug for p in what.not_applicable],
        "not_scored": [p.slug for p in what.not_scored],
        "notes": sources.notes,
    }


def _notes(what: WhatIfCard, level: str) -> list[str]:
    notes = []
    if what.unknown_ids:
        notes.append(
            ngettext(
                "The framework has no provision with the id %(ids)s; it is left out.",
                "The framework has no provisions with the ids %(ids)s; they are left out.",
                len(what.unknown_ids),
            )
            % {"ids": ", ".join(f"“{slug[:80]}”" for slug in what.unknown_ids)}
        )
    if what.not_applicable:
        notes.append(
            ngettext(
                "%(ids)s does not apply to %(level)s jurisdictions; it is left out.",
                "%(ids)s do not apply to %(level)s jurisdictions; they are left out.",
                len(what.not_applicable),
            )
            % {"ids": ", ".join(p.slug for p in what.not_applicable), "level": level}
        )
    return notes


def what_if_page(
    request: HttpRequest, code: str, *, as_json: bool, upload_form: DraftUploadForm, status: int = 200
) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    if jurisdiction.code != code and request.method == "GET":
        name = "report-card-what-if-json" if as_json else "report-card-what-if"
        response = redirect(name, jurisdiction.code, permanent=True)
        query = request.GET.urlencode()
        if query:
            response["Location"] += f"?{query}"
        return response
    card = get_report_card(jurisdiction, framework_from_request(request, DEFAULT_FRAMEWORK_SLUG))
    sources = Sources(
        chosen=parse_provision_ids(request.GET.getlist("provisions")),
        partial=parse_provision_ids(request.GET.getlist("partial")),
    )
    if request.GET.get("bill"):
        _read_bill(sources, request.GET["bill"], jurisdiction)
    if request.GET.get("run"):
        _read_run(sources, request.GET["run"], request.user)
    if sources.run is not None and request.htmx and not as_json:  # type: ignore[attr-defined]
        # The draft's reading is polled here (not on the analyzer's pages, which a legislator does not use).
        if sources.run.is_finished:
            return HttpResponseClientRefresh()
        return render(request, "analysis/_what_if_pending.html", {"sources": sources})
    what = get_what_if(card, sources.full, sources.partial)
    sources.notes.extend(_notes(what, jurisdiction.get_level_display().lower()))
    data = _data(what, sources)
    if as_json:
        return respond(request, "", {}, data, as_json=True)
    from_bill = {t.provision.slug for t in sources.touched}
    from_run = {s.slug for s in sources.suggested}
    query = request.GET.urlencode()
    json_url = reverse("report-card-what-if-json", args=[jurisdiction.code]) + (f"?{query}" if query else "")
    # Rendered here, not by respond(): the page also answers the upload's refusal, whose path is not the page's.
    return render(
        request,
        "analysis/what_if.html",
        {
            "jurisdiction": jurisdiction,
            "card": card,
            "what": what,
            "sources": sources,
            "choices": gap_choices(card),
            "chosen": set(sources.chosen),
            "fixed": from_bill | from_run,
            "from_bill": from_bill,
            "from_run": from_run,
            "can_upload": can_read_draft_for_what_if(request.user),
            "can_open_run": can_use_analyzer(request.user),
            "upload_form": upload_form,
            "run_pending": sources.run is not None and not sources.run.is_finished,
            "json_url": json_url,
        },
        status=status,
    )
