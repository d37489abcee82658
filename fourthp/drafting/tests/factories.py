"""Model provisions for tests, made through the actions so that they meet the library's rules."""

from __future__ import annotations

from fourthp.accounts.models import User
from fourthp.drafting.actions import do_create_model_provision
from fourthp.drafting.inputs import NewModelInput, VariantInput, VersionInput
from fourthp.drafting.models import Draft, ModelProvision
from fourthp.frameworks.models import Framework
from fourthp.groups.models import WorkingGroup


def version_input(provision_slug: str, words: str = "shall keep a register", **extra: str) -> VersionInput:
    framework = Framework.objects.default()
    provision = framework.provisions.get(slug=provision_slug)
    texts = tuple(
        VariantInput(tradition, level, f"Heading {tradition}", f"(1) {{{{authority}}}} {words}.\n")
        for level in provision.levels
        for tradition in ("common_law", "civil_law")
    )
    return VersionInput(texts=texts, change_summary=extra.get("change_summary", "A test version."))


def make_draft_model(
    author: User, *, slug: str = "draft-register", provision: str = "part.data-collection"
) -> ModelProvision:
    """A model provision whose only version awaits a reviewer: unseen by the public."""
    return do_create_model_provision(
        NewModelInput(provision_slug=provision, slug=slug, title="A draft register", version=version_input(provision)),
        Framework.objects.default(),
        acting_user=author,
    )


def make_bill_draft(author: User, code: str = "CA", group: WorkingGroup | None = None) -> Draft:
    """A draft bill of the report card's gaps of `code`, version 1 composed, by `author`."""
    from fourthp.drafting.actions import DraftChoices, do_create_draft
    from fourthp.drafting.queries import drafting_level, drafting_tradition
    from fourthp.jurisdictions.models import Jurisdiction

    jurisdiction = Jurisdiction.objects.get(code=code)
    choices = DraftChoices(None, {}, drafting_tradition(jurisdiction), drafting_level(jurisdiction))
    return do_create_draft(jurisdiction, choices, acting_user=author, group=group)
