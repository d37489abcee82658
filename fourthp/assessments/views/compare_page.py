"""Jurisdictions side by side, provision by provision."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from fourthp.assessments.queries import MAX_COMPARE, compare_jurisdictions, parse_codes
from fourthp.assessments.schemas import CompareOut
from fourthp.assessments.views.report_cards import card_framework, methodology_url
from fourthp.core.pages import respond
from fourthp.jurisdictions.forms import JurisdictionField, JurisdictionInput
from fourthp.jurisdictions.models import Jurisdiction


def _resolve(values: list[str]) -> tuple[list[Jurisdiction], list[str]]:
    """Each `?j=` as one place typed by name or code; a value that is none is read as codes (`?j=US CA`)."""
    field = JurisdictionField(required=False)
    found: list[Jurisdiction] = []
    errors: list[str] = []
    for value in values:
        parts = [value] if value.strip() else []
        try:
            found.extend(place for place in [field.clean(value)] if place)
            continue
        except forms.ValidationError as exc:
            if exc.code == "ambiguous_jurisdiction" or len(parse_codes([value])) < 2:
                errors.extend(exc.messages)
                continue
            parts = parse_codes([value])
        for part in parts:
            try:
                found.extend(place for place in [field.clean(part)] if place)
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
    unique = list({place.pk: place for place in found}.values())
    return unique, errors


def compare(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    values = request.GET.getlist("j")
    chosen, errors = _resolve(values)
    codes = [place.code for place in chosen]
    if not as_json and not errors and not set(parse_codes(values)) <= set(codes):
        # Names typed in her language become codes, so the address can be shared with anyone.
        query = request.GET.copy()
        query.setlist("j", codes)
        return redirect(f"{reverse('compare')}?{query.urlencode()}")
    comparison = compare_jurisdictions(codes, card_framework(request))
    comparison.errors[:0] = errors
    shown = comparison.jurisdictions
    boxes = [*shown, *([None] * max(2 - len(shown), 1 if len(shown) < MAX_COMPARE else 0))]
    pickers = [
        {
            "id": f"compare-j-{n}",
            "label": _("Jurisdiction %(n)s") % {"n": n},
            "input": JurisdictionInput().render("j", place, attrs={"id": f"compare-j-{n}"}),
        }
        for n, place in enumerate(boxes, start=1)
    ]
    return respond(
        request,
        "assessments/compare.html",
        {
            "cards": comparison.cards,
            "rows": comparison.rows,
            "errors": comparison.errors,
            "pickers": pickers,
            "max_compare": MAX_COMPARE,
        },
        CompareOut.from_comparison(comparison, methodology_url()),
        as_json=as_json,
    )
