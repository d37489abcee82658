"""Loading frameworks from YAML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from django.db import transaction
from django.db.models import QuerySet

from fourthp.accounts.models import AuditEvent
from fourthp.analyzer.framework import Framework as ParsedFramework
from fourthp.analyzer.framework import FrameworkTranslation, load_framework, load_translation, translation_paths
from fourthp.frameworks.models import CrossReference, Framework, Pillar, Provision

_Row = TypeVar("_Row", Pillar, Provision)


class FrameworkVersionConflict(ValueError):
    """The same framework version is already loaded with different content."""


@transaction.atomic
def do_load_framework(path: Path, *, acting_user: object = None) -> tuple[Framework, bool]:
    """Load a framework file; return the framework and whether it was created.

    Loading the same content again changes nothing. Loading different
    content under a version that is already loaded is refused, because
    assessments made against that version would silently change meaning:
    a changed framework must carry a new version number.

    Its translations (translations/<file>.<language>.yaml beside it) are
    read and checked first, then stored, replacing those loaded before: a
    better wording changes no meaning, so it needs no new version. A
    translation that misses or adds a provision or pillar refuses the whole
    load (FrameworkError) and says which.
    """
    parsed = load_framework(path)
    translations = [load_translation(file, parsed, language) for language, file in translation_paths(path).items()]
    existing = Framework.objects.filter(slug=parsed.id, version=parsed.version).first()
    if existing is not None:
        if existing.checksum != parsed.checksum:
            raise FrameworkVersionConflict(
                f"{path.name} changes framework '{parsed.id}' version {parsed.version}, which is already "
                "loaded with different content. Give the changed framework a new version number."
            )
        if _store_translations(existing, translations):
            AuditEvent.record(
                actor=acting_user,
                verb="framework.translations_loaded",
                target=existing,
                languages=[t.language for t in translations],
            )
        return existing, False
    framework = _create(parsed, source_file=path.name)
    _store_translations(framework, translations)
    AuditEvent.record(
        actor=acting_user,
        verb="framework.loaded",
        target=framework,
        version=parsed.version,
        languages=[t.language for t in translations],
    )
    return framework, True


def _store_translations(framework: Framework, translations: list[FrameworkTranslation]) -> bool:
    """Give the framework, its pillars and provisions these translations; whether anything changed."""
    changed = False
    wanted = {t.language: t.framework for t in translations}
    if framework.translations != wanted:
        framework.translations = wanted
        framework.save(update_fields=["translations"])
        changed = True
    pillars = _retranslated(Pillar.objects.filter(framework=framework), {t.language: t.pillars for t in translations})
    Pillar.objects.bulk_update(pillars, ["translations"])
    provisions = _retranslated(
        Provision.objects.filter(framework=framework), {t.language: t.provisions for t in translations}
    )
    Provision.objects.bulk_update(provisions, ["translations"])
    return changed or bool(pillars) or bool(provisions)


def _retranslated(rows: QuerySet[_Row], texts: dict[str, dict[str, dict[str, str]]]) -> list[_Row]:
    """The rows whose translations differ from `texts` (language -> slug -> field -> text), updated in memory."""
    changed = []
    for row in rows:
        wanted = {language: by_slug[row.slug] for language, by_slug in texts.items()}
        if row.translations != wanted:
            row.translations = wanted
            changed.append(row)
    return changed


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
