"""Reads on members shared by the directory, the countries page, their JSON twins and the API.

Every list starts from `profiles_visible_to(viewer)` and every filter goes
through `_seen(field, ...)`, so a filter only ever matches on a field the
viewer may see: filtering on a hidden field finds nobody rather than
revealing the value.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import pycountry
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.accounts.models import User
from fourthp.core.errors import NotFound, get_or_not_found
from fourthp.frameworks.models import Framework, Pillar, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.access import SEES, audience_of
from fourthp.members.models import Application, Profile, Visibility

PAGE_SIZE = 25


def default_framework() -> Framework | None:
    try:
        return Framework.objects.default()
    except Framework.DoesNotExist:
        return None


def topic_choices() -> tuple[QuerySet[Pillar], QuerySet[Provision]]:
    """The pillars and provisions of the default framework, in the framework's order."""
    framework = default_framework()
    if framework is None:
        return Pillar.objects.none(), Provision.objects.none()
    return (
        Pillar.objects.filter(framework=framework).order_by("order"),
        Provision.objects.filter(framework=framework).select_related("pillar").order_by("order"),
    )


def language_code(raw: str) -> str | None:
    """An ISO 639 code as stored: the two-letter code where one exists, else the three-letter one."""
    code = raw.strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    if found is None:
        return None
    return str(getattr(found, "alpha_2", None) or found.alpha_3)


def language_name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


def _is_owner(viewer: Any) -> Q:
    pk = getattr(viewer, "pk", None) if getattr(viewer, "is_authenticated", False) else None
    return Q(user_id=pk) if pk is not None else Q(pk__in=[])


def _seen(field: str, viewer: Any) -> Q:
    """Rows whose `field` the viewer may see (the rows themselves already passed `profiles_visible_to`)."""
    audience = audience_of(viewer)
    if audience == Visibility.SECRETARIAT:
        return Q()
    return Q(**{f"{field}_visibility__in": SEES[audience]}) | _is_owner(viewer)


def profiles_visible_to(viewer: Any) -> QuerySet[Profile]:
    """The profiles whose name `viewer` may see: the query twin of `fourthp.members.access.can_see_profile`."""
    qs = Profile.objects.with_listing_consent().select_related("jurisdiction", "jurisdiction__parent")
    audience = audience_of(viewer)
    if audience == Visibility.SECRETARIAT:
        return qs
    visible = Profile.objects.consented().filter(name_visibility__in=SEES[audience]).values("pk")
    return qs.filter(Q(pk__in=visible) | _is_owner(viewer))


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    jurisdiction: str = ""
    region: str = ""
    role: str = ""
    topic: str = ""
    language: str = ""


def search_members(viewer: Any, filters: MemberFilters) -> QuerySet[Profile]:
    """The directory: profiles the viewer may see, narrowed by filters on fields she may see."""
    qs = profiles_visible_to(viewer)
    if q := filters.q.strip():
        qs = qs.filter(Q(name__icontains=q) | (Q(organisation__icontains=q) & _seen("organisation", viewer)))
    if code := filters.jurisdiction.strip().upper():
        qs = qs.filter(
            (Q(jurisdiction__code=code) | Q(jurisdiction__parent__code=code)) & _seen("jurisdiction", viewer)
        )
    if region := filters.region.strip():
        in_region = Q()
        for prefix in ("jurisdiction__", "jurisdiction__parent__"):
            in_region |= (
                Q(**{f"{prefix}region_code": region})
                | Q(**{f"{prefix}subregion_code": region})
                | Q(**{f"{prefix}region_name__iexact": region})
                | Q(**{f"{prefix}subregion_name__iexact": region})
            )
        qs = qs.filter(in_region & _seen("jurisdiction", viewer))
    if role := filters.role.strip():
        qs = qs.filter(Q(role=role) & _seen("role", viewer))
    if topic := filters.topic.strip():
        through_provisions = Profile.topic_provisions.through.objects.filter(profile_id=OuterRef("pk")).filter(
            Q(provision__slug=topic) | Q(provision__pillar__slug=topic)
        )
        through_pillars = Profile.topic_pillars.through.objects.filter(profile_id=OuterRef("pk"), pillar__slug=topic)
        qs = qs.filter((Exists(through_provisions) | Exists(through_pillars)) & _seen("topics", viewer))
    if filters.language.strip():
        spoken = language_code(filters.language)
        if spoken is None:
            return qs.none()
        # Languages are a JSON list; its text holds each code in quotes on SQLite and PostgreSQL alike.
        qs = qs.filter(Q(languages__icontains=f'"{spoken}"') & _seen("languages", viewer))
    return qs.prefetch_related("topic_provisions", "topic_pillars").order_by("name", "pk")


def get_member(viewer: Any, pk: int) -> Profile:
    """One profile the viewer may see; NotFound otherwise, in the same words for one she may not see."""
    return get_or_not_found(
        profiles_visible_to(viewer).prefetch_related("topic_provisions", "topic_pillars"),
        _("No member has the id %(id)s.") % {"id": pk},
        pk=pk,
    )


@dataclass(frozen=True)
class CountryCount:
    jurisdiction: Jurisdiction
    count: int


def count_countries() -> list[CountryCount]:
    """Per country, the profiles whose jurisdiction the public may see (consent rules included).

    A profile counts under its jurisdiction when that is national, else under its parent
    (a US state counts for the United States).
    """
    rows = (
        Profile.objects.consented()
        .filter(jurisdiction__isnull=False, jurisdiction_visibility=Visibility.PUBLIC)
        .values("jurisdiction__level", "jurisdiction_id", "jurisdiction__parent_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[int, int] = {}
    for row in rows:
        national = row["jurisdiction__level"] == Jurisdiction.Level.NATIONAL or row["jurisdiction__parent_id"] is None
        country: int | None = row["jurisdiction_id"] if national else row["jurisdiction__parent_id"]
        if country is None:
            continue
        totals[country] = totals.get(country, 0) + row["n"]
    countries = Jurisdiction.objects.in_bulk(list(totals))
    result = [CountryCount(countries[pk], n) for pk, n in totals.items() if pk in countries]
    return sorted(result, key=lambda c: (-c.count, c.jurisdiction.name))


def applications_for_secretariat(state: str = "") -> QuerySet[Application]:
    qs = Application.objects.select_related("jurisdiction", "user").open_first()
    if state:
        qs = qs.filter(state=state)
    return qs


def hash_token(raw: str) -> str:
    """How a respond link's token is stored (the token itself never is)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def application_for_token(raw: str) -> Application:
    """The application waiting for information behind a respond link; NotFound once the link is spent."""
    found = None
    if raw and len(raw) <= 100:
        found = (
            Application.objects.filter(respond_token_hash=hash_token(raw), state=Application.State.MORE_INFO)
            .select_related("jurisdiction")
            .first()
        )
    if found is None:
        raise NotFound(_("This link is no longer valid: the information was already sent, or the review has ended."))
    return found


def applications_of(user: User) -> QuerySet[Application]:
    """Her applications: made from her account, linked to it, or sent from her address."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return Application.objects.filter(mine)
