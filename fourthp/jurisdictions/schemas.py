"""Shapes of jurisdictions in the API and the pages' JSON twins."""

from __future__ import annotations

from ninja import Schema

from fourthp.jurisdictions.models import Jurisdiction


class JurisdictionRef(Schema):
    code: str
    name: str
    url: str

    @staticmethod
    def from_model(j: Jurisdiction) -> JurisdictionRef:
        return JurisdictionRef(code=j.code, name=j.name, url=j.get_absolute_url())


class JurisdictionOut(Schema):
    code: str
    name: str
    official_name: str
    kind: str
    level: str
    parent: JurisdictionRef | None
    aliases: list[str]
    region_code: str
    region_name: str
    subregion_code: str
    subregion_name: str
    legislature: str
    legal_tradition: str
    url: str

    @staticmethod
    def from_model(j: Jurisdiction, *, aliases: list[str] | None = None) -> JurisdictionOut:
        return JurisdictionOut(
            code=j.code,
            name=j.name,
            official_name=j.official_name,
            kind=j.kind,
            level=j.level,
            parent=JurisdictionRef.from_model(j.parent) if j.parent else None,
            aliases=aliases or [],
            region_code=j.region_code,
            region_name=j.region_name,
            subregion_code=j.subregion_code,
            subregion_name=j.subregion_name,
            legislature=j.legislature,
            legal_tradition=j.legal_tradition,
            url=j.get_absolute_url(),
        )


class JurisdictionListOut(Schema):
    items: list[JurisdictionOut]
    count: int
