"""The shape of an organisation in the API and the pages' JSON twins: consented contact fields only."""

from __future__ import annotations

from ninja import Schema

from fourthp.organisations.models import Organisation
from fourthp.organisations.queries import public_contacts, public_groups


class ContactOut(Schema):
    field: str
    value: str


class ProvisionRefOut(Schema):
    id: str
    title: str


class GroupRefOut(Schema):
    slug: str
    name: str
    url: str


class OrganisationOut(Schema):
    slug: str
    url: str
    name: str
    kind: str
    jurisdiction: str
    description: str
    provisions: list[ProvisionRefOut]
    groups: list[GroupRefOut]
    """Public working groups only."""
    contacts: list[ContactOut]
    """Only the fields whose consent to show them is recorded."""

    @classmethod
    def from_model(cls, o: Organisation) -> OrganisationOut:
        return cls(
            slug=o.slug,
            url=o.get_absolute_url(),
            name=o.name,
            kind=o.kind,
            jurisdiction=o.jurisdiction.code,
            description=o.description,
            provisions=[ProvisionRefOut(id=p.slug, title=p.title) for p in o.provisions.all()],
            groups=[GroupRefOut(slug=g.slug, name=g.title, url=g.get_absolute_url()) for g in public_groups(o)],
            contacts=[ContactOut(field=c.field, value=c.value) for c in public_contacts(o)],
        )


class OrganisationListOut(Schema):
    items: list[OrganisationOut]
    count: int
