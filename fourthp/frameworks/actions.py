"""Loading frameworks from YAML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from fourthp.accounts.models import AuditEvent
from fourthp.analyzer.framework import Framework as ParsedFramework
from fourthp.analyzer.framework import load_framework
from fourthp.frameworks.models import CrossReference, Framework, Pillar, Provision


class FrameworkVersionConflict(ValueError):
    """The same framework version is already loaded with different content."""


@transaction.atomic
def do_load_framework(path: Path, *, acting_user: object = None) -> tuple[Framework, bool]:
    """Load a framework file; return the framework and whether it was created.

    Loading the same content again changes nothing. Loading different
    content under a version that is already loaded is refused, because
    assessments made against that version would silently change meaning:
    a changed framework must carry a new version number.
    """
    parsed = load_framework(path)
    existing = Framework.objects.filter(slug=parsed.id, version=parsed.version).first()
    if existing is not None:
        if existing.checksum != parsed.checksum:
            raise FrameworkVersionConflict(
                f"{path.name} changes framework '{parsed.id}' version {parsed.version}, which is already "
                "loaded with different content. Give the changed framework a new version number."
            )
        return existing, False
    framework = _create(parsed, source_file=path.name)
    AuditEvent.record(actor=acting_user, verb="framework.loaded", target=framework, version=parsed.version)
    return framework, True


def _create(parsed: ParsedFramework, *, source_file: str) -> Framework:
    framework = Framework.objects.create(
        slug=parsed.id, version=parsed.version, title=parsed.title, checksum=parsed.checksum, source_file=source_file
    )
    pillars = {
        p.id: Pillar.objects.create(framework=framework, slug=p.id, title=p.title, summary=p.summary, order=p.order)
        for p in parsed.pillars
    }
    refs: list[CrossReference] = []
    for p in parsed.provisions:
        provision = Provision.objects.create(
            framework=framework,
            pillar=pillars[p.pillar],
            slug=p.id,
            title=p.title,
            question=p.question,
            full=p.full,
            partial=p.partial,
            weight=Decimal(str(p.weight)),
            applies_national="national" in p.levels,
            applies_subnational="subnational" in p.levels,
            order=p.order,
        )
        refs.extend(
            CrossReference(provision=provision, scheme=r.scheme, value=r.value, label=r.label, order=i)
            for i, r in enumerate(p.refs)
        )
    CrossReference.objects.bulk_create(refs)
    return framework
