"""What a member may follow, by the short name used in addresses and the API: the model and who may see it.

This module reads the models of the apps above notifications, so only views, the API and the template tag
import it (docs/architecture.md: a page may read from the apps above its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Target:
    model: type[models.Model]
    can_see: Callable[[Any, Any], bool]
    lookup: str = "pk"


def targets() -> dict[str, Target]:
    from fourthp.bills.models import Bill
    from fourthp.campaigns.access import can_see_campaign
    from fourthp.campaigns.models import Campaign
    from fourthp.frameworks.models import Provision
    from fourthp.groups.access import can_see_group
    from fourthp.groups.models import WorkingGroup
    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.members.access import can_see_profile
    from fourthp.members.models import Profile

    return {
        "bill": Target(Bill, lambda user, obj: True),
        "jurisdiction": Target(Jurisdiction, lambda user, obj: True),
        "provision": Target(Provision, lambda user, obj: True),
        "legislator": Target(Profile, can_see_profile),
        "group": Target(WorkingGroup, can_see_group),
        "campaign": Target(Campaign, can_see_campaign),
    }


def type_of(obj: models.Model) -> str | None:
    for name, target in targets().items():
        if isinstance(obj, target.model):
            return name
    return None


def find_target(type_name: str, pk: int, user: Any) -> models.Model | None:
    """The thing to follow, or None when there is no such thing or she may not see it (both read as missing)."""
    target = targets().get(type_name)
    if target is None:
        return None
    obj = target.model._default_manager.filter(pk=pk).first()
    if obj is None or not target.can_see(user, obj):
        return None
    return obj
