"""Shapes of working groups in the API and the pages' JSON twins.

What a viewer gets depends on who she is: a private group shows only its title,
description and provisions to a signed-in member outside it; its members, lead
and outputs are for the group's space. Names always go through `shown_name`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from fourthp.frameworks.models import Provision
from fourthp.groups.access import can_see_group_outputs, can_see_group_space
from fourthp.groups.models import GroupOutput, WorkingGroup
from fourthp.groups.queries import list_members, list_outputs
from fourthp.members.visibility import shown_name


class ProvisionRef(Schema):
    id: str = Field(description="Provision id, e.g. crim.debt-bondage.")
    title: str
    framework: str
    framework_version: int
    url: str

    @staticmethod
    def from_model(provision: Provision) -> ProvisionRef:
        return ProvisionRef(
            id=provision.slug,
            title=provision.title,
            framework=provision.framework.slug,
            framework_version=provision.framework.version,
            url=provision.get_absolute_url(),
        )


class OutputOut(Schema):
    id: int
    kind: str = Field(description="brief or model_policy.")
    title: str
    summary: str
    body: str = Field(description="Markdown.")
    provisions: list[ProvisionRef]
    published_at: dt.datetime
    document_url: str | None = Field(None, description="Download of the document version published with it, if any.")

    @staticmethod
    def from_model(output: GroupOutput) -> OutputOut:
        return OutputOut(
            id=output.pk,
            kind=output.kind,
            title=output.title,
            summary=output.summary,
            body=output.body,
            provisions=[ProvisionRef.from_model(p) for p in output.provisions.all()],
            published_at=output.published_at,
            document_url=output.document_version.get_absolute_url() if output.document_version else None,
        )


class GroupSummaryOut(Schema):
    slug: str
    title: str
    description: str = Field(description="Markdown.")
    visibility: str = Field(description="public or private.")
    provisions: list[ProvisionRef]
    url: str

    @staticmethod
    def from_model(group: WorkingGroup) -> GroupSummaryOut:
        return GroupSummaryOut(
            slug=group.slug,
            title=group.title,
            description=group.description,
            visibility=group.visibility,
            provisions=[ProvisionRef.from_model(p) for p in group.provisions.all()],
            url=reverse("group-detail", kwargs={"group": group.slug}),
        )


class GroupListOut(Schema):
    items: list[GroupSummaryOut]
    count: int
    provision: str = Field("", description="The provision filter, when one was given.")


class GroupDetailOut(GroupSummaryOut):
    lead: str | None = Field(None, description="The lead's name as the caller may see it; null when not shown.")
    outputs: list[OutputOut] = []
    members: list[str] | None = Field(
        None, description="Active members' names, for the group's members and the secretariat only; null otherwise."
    )

    @staticmethod
    def describe(group: WorkingGroup, viewer: Any) -> GroupDetailOut:
        summary = GroupSummaryOut.from_model(group)
        in_space = can_see_group_space(viewer, group)
        open_group = can_see_group_outputs(viewer, group)
        return GroupDetailOut(
            **summary.model_dump(),
            lead=shown_name(group.lead, viewer) if open_group and group.lead is not None else None,
            outputs=[OutputOut.from_model(o) for o in list_outputs(group)] if open_group else [],
            members=[shown_name(m.user, viewer) for m in list_members(group)] if in_space else None,
        )
