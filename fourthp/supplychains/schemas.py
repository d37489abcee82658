"""The shapes of supply-chain data in the API and the JSON twins."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from fourthp.findings.models import GoodFinding
from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.queries import ProvisionStatus, kind_label
from fourthp.supplychains.reading import MAX_CELL


class GoodFindingOut(Schema):
    good: str
    sector: str
    country_code: str
    country_name: str
    kind: str = Field(description="child-labour, forced-labour, forced-child-labour or inputs")
    kind_label: str
    year: int = Field(description="The year ILAB's list describes, read from its files.")
    input_country: str = Field("", description="For kind `inputs`: where the tainted inputs are made.")
    source: str
    source_url: str

    @classmethod
    def from_model(cls, finding: GoodFinding) -> GoodFindingOut:
        return cls(
            good=finding.good, sector=finding.sector, country_code=finding.jurisdiction.code,
            country_name=finding.jurisdiction.name, kind=finding.kind, kind_label=kind_label(finding.kind),
            year=finding.year_described, input_country=finding.input_place, source=finding.source.title,
            source_url=finding.source.url,
        )  # fmt: skip


class ProvisionStatusOut(Schema):
    provision: str
    title: str
    kind: str
    status: str = Field(description="full, partial, absent, or empty when not assessed")
    status_label: str

    @classmethod
    def from_status(cls, item: ProvisionStatus) -> ProvisionStatusOut:
        return cls(
            provision=item.provision.slug, title=item.provision.title, kind=item.kind, status=item.status,
            status_label=item.status_label,
        )  # fmt: skip


class ScreenLineIn(Schema):
    good: str = Field(max_length=MAX_CELL)
    country: str = Field(max_length=MAX_CELL)
    hs_code: str = Field("", max_length=MAX_CELL)


class ScreenIn(Schema):
    buyer: str = Field(description="The buyer's jurisdiction: a code such as FR or US-CA.", max_length=20)
    name: str = Field("api", max_length=200)
    lines: list[ScreenLineIn] = Field(description="The purchased goods; line numbers count from 1.")


class ScreenOut(Schema):
    id: int
    file_name: str
    buyer: str
    state: str
    lines_total: int
    lines_done: int
    lines_clear: int
    results: list[dict[str, Any]] = Field(description="Lines at risk, each with its findings.")
    bad_rows: list[dict[str, Any]] = Field(description="Lines not screened, each with its reason.")
    law: list[ProvisionStatusOut] = Field(description="The buyer's status on the framework's supply-chain law.")
    error: str = Field("", description="Why a failed screen failed, in plain words; empty otherwise.")

    @classmethod
    def from_model(cls, screen: ProcurementScreen, law: list[ProvisionStatus]) -> ScreenOut:
        return cls(
            id=screen.pk, file_name=screen.file_name, buyer=screen.buyer.code, state=screen.state,
            lines_total=screen.lines_total, lines_done=screen.lines_done, lines_clear=screen.lines_clear,
            results=screen.results if screen.is_finished else [],
            bad_rows=[{"line": n, "reason": r} for n, r in screen.bad_rows] if screen.is_finished else [],
            law=[ProvisionStatusOut.from_status(item) for item in law], error=screen.failure_message,
        )  # fmt: skip
