"""Reads of the statistics registry and the statistics computed live from published assessments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer
from fourthp.assessments.models import Status
from fourthp.assessments.queries import Coverage, framework_coverage
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.models import Statistic, StatisticQuerySet


def _missing(statistic_id: int) -> str:
    return _("There is no figure with the id %(id)s.") % {"id": statistic_id}


def search_statistics(user: Viewer | None) -> StatisticQuerySet:
    """The figures `user` may read, by measure: the page, its JSON twin and the API list read this."""
    return Statistic.objects.visible_to(user).select_related("superseded_by")


def get_statistic(statistic_id: int, user: Viewer | None) -> Statistic:
    """A figure `user` may read; an unsourced one is as missing as one that never was, to the public."""
    return get_or_not_found(search_statistics(user), _missing(statistic_id), pk=statistic_id)


def get_any_statistic(statistic_id: int) -> Statistic:
    """Any figure, whatever its grade: for the registry's curators (access.py checks the role)."""
    return get_or_not_found(Statistic.objects.select_related("superseded_by"), _missing(statistic_id), pk=statistic_id)


def list_successors(statistic: Statistic) -> list[Statistic]:
    """The chain of newer estimates of the same measure, nearest first (empty unless superseded)."""
    chain: list[Statistic] = []
    current = statistic.superseded_by
    while current is not None and current not in chain and len(chain) < 50:
        chain.append(current)
        current = current.superseded_by
    return chain


# ---------------------------------------------------------------- computed statistics


@dataclass(frozen=True)
class ProvisionShare:
    """The share of assessed national jurisdictions whose law lacks a provision, with its denominator.

    Only a published finding of "absent" counts as lacking it; "unknown", whether published or for want of an
    assessment, is never counted as absent, and the jurisdictions not assessed are given beside the share.
    """

    coverage: Coverage

    @property
    def provision(self) -> Provision:
        return self.coverage.provision

    @property
    def assessed(self) -> int:
        return self.coverage.assessed

    @property
    def lacking(self) -> int:
        return self.coverage.counts[Status.ABSENT]

    @property
    def partial(self) -> int:
        return self.coverage.counts[Status.PARTIAL]

    @property
    def not_assessed(self) -> int:
        return self.coverage.counts[Status.UNKNOWN]

    @property
    def population(self) -> int:
        return self.coverage.jurisdictions

    @property
    def percent(self) -> Decimal | None:
        """The share lacking it, in percent to one decimal; None when no jurisdiction is assessed (no share)."""
        if not self.assessed:
            return None
        return (Decimal(100 * self.lacking) / self.assessed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def provision_shares(framework: Framework) -> list[ProvisionShare]:
    """For every provision of the framework scored nationally, the share of assessed countries lacking it, live."""
    return [ProvisionShare(c) for c in framework_coverage(framework, Jurisdiction.Level.NATIONAL)]
