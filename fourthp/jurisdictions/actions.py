"""Writes on jurisdictions: loading the ISO 3166 list and analysts' edits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from fourthp.accounts.models import AuditEvent, User
from fourthp.jurisdictions.models import Jurisdiction, JurisdictionAlias
from fourthp.lib.jurisdictions import build_jurisdictions, load_details

# Aliases stored are other codes (alpha-3, or the ISO 3166-2 code of a territory
# listed in both standards); names are not codes and are searched as names.
_ALIAS_CODE = re.compile(r"^[A-Z0-9-]{2,10}$")


@transaction.atomic
def do_load_jurisdictions(details_path: Path | None = None) -> int:
    """Create every jurisdiction that is missing; never change one that exists.

    Loading goes by natural key (the code), so running it again neither
    duplicates rows nor overwrites what an analyst has edited since.
    Returns the number of jurisdictions created.
    """
    details = load_details(details_path) if details_path else {}
    records = build_jurisdictions()
    existing = set(Jurisdiction.objects.values_list("code", flat=True))
    created = 0
    # 1. Parents first, so that every child can point at one.
    for record in sorted(records, key=lambda r: r.parent_code is not None):
        if record.code in existing:
            continue
        extra = details.get(record.code, {})
        Jurisdiction.objects.create(
            code=record.code,
            name=record.name,
            official_name=record.official_name or "",
            kind=record.kind,
            level=record.level,
            parent=Jurisdiction.objects.get(code=record.parent_code) if record.parent_code else None,
            region_code=record.region_code or "",
            region_name=record.region_name or "",
            subregion_code=record.subregion_code or "",
            subregion_name=record.subregion_name or "",
            numeric_code=record.numeric or "",
            legislature=extra.get("legislature", ""),
            legal_tradition=extra.get("legal_tradition", ""),
        )
        existing.add(record.code)
        created += 1
    # 2. Aliases (e.g. US-PR for PR), also by natural key.
    known_aliases = set(JurisdictionAlias.objects.values_list("code", flat=True))
    by_code = {j.code: j for j in Jurisdiction.objects.all()}
    for record in records:
        for alias in record.aliases:
            if not _ALIAS_CODE.match(alias):
                continue
            if alias not in known_aliases and alias not in by_code:
                JurisdictionAlias.objects.create(code=alias, jurisdiction=by_code[record.code])
                known_aliases.add(alias)
    return created


@dataclass(frozen=True)
class JurisdictionEdit:
    """What an analyst records about a jurisdiction (an empty legal tradition: not recorded)."""

    legislature: str
    legal_tradition: str


@transaction.atomic
def do_update_jurisdiction(jurisdiction: Jurisdiction, edit: JurisdictionEdit, *, acting_user: User) -> None:
    before = {"legislature": jurisdiction.legislature, "legal_tradition": jurisdiction.legal_tradition}
    jurisdiction.legislature = edit.legislature.strip()
    jurisdiction.legal_tradition = edit.legal_tradition
    jurisdiction._change_reason = "edited by an analyst"  # type: ignore[attr-defined]
    jurisdiction.save(update_fields=["legislature", "legal_tradition"])
    AuditEvent.record(
        actor=acting_user,
        verb="jurisdiction.updated",
        target=jurisdiction,
        before=before,
        after={"legislature": jurisdiction.legislature, "legal_tradition": jurisdiction.legal_tradition},
    )
