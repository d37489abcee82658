"""The site's main navigation: a handful of menus, each link shown only to those who may use it.

`main_navigation()` builds it once per request (the context processor makes it lazily, so a page
that never prints the header makes no query for it). The work count on the Work menu and on the
Home link is `work_count()`: what waits for the signed-in person, in at most three queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.assessments.access import ASSESSORS, REVIEWERS, can_see_assessment_requests
from fourthp.notifications.queries import unread_count
from fourthp.web.home import work_counts

MAX_TOP_ITEMS = 7
"""The header holds at most this many items, so that it fits one line on a laptop and one menu on a phone."""


@dataclass
class NavLink:
    label: str | Promise
    url: str
    name: str
    """The URL name, which marks the link as the current page."""
    current: bool = False
    badge: int = 0


@dataclass
class NavMenu:
    key: str
    label: str | Promise
    links: list[NavLink]
    badge: int = 0

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


@dataclass
class Navigation:
    menus: list[NavMenu] = field(default_factory=list)
    signed_in: bool = False
    work: int = 0
    """What waits for the signed-in person (the badge on Work and Home)."""
    unread: int = 0
    """Her unread notifications (the badge on Notifications, the header's last item when signed in)."""

    @property
    def top_items(self) -> int:
        """Menus, plus the sign-in link a visitor sees (a signed-in person's account is one of the menus)."""
        return len(self.menus) + 1  # the sign-in link, or her notifications


# The menus everyone sees: (key, label, [(link text, URL name), ...]).
PUBLIC_MENUS: list[tuple[str, str | Promise, list[tuple[str | Promise, str]]]] = [
    (
        "atlas",
        _("Atlas"),
        [
            (_("Jurisdictions"), "jurisdiction-list"),
            (_("Maps"), "maps"),
            (_("Compare"), "compare"),
            (_("Framework"), "framework-list"),
            (_("Statistics"), "statistic-list"),
            (_("Goods at risk"), "goods-explorer"),
            (_("Briefs and resources"), "resource-list"),
        ],
    ),
    (
        "law",
        _("Law"),
        [
            (_("Laws"), "instrument-list"),
            (_("Search"), "search"),
            (_("Bills"), "bill-list"),
            (_("Model provisions"), "model-provision-list"),
            (_("Draft bills"), "draft-list"),
        ],
    ),
    (
        "partnership",
        _("Partnership"),
        [
            (_("Members"), "member-directory"),
            (_("Find peers"), "peer-finder"),
            (_("Working groups"), "group-list"),
            (_("Circles and chapters"), "circle-list"),
            (_("Events"), "event-list"),
            (_("Organisations"), "organisation-list"),
            (_("Contact requests"), "peer-requests"),
            (_("Procurement screen"), "screen-start"),
        ],
    ),
    (
        "campaigns",
        _("Campaigns"),
        [
            (_("Campaigns"), "campaign-list"),
            (_("Write to your representative"), "letter-start"),
            (_("Inquiries"), "inquiry-list"),
            (_("Op-ed kits"), "op-ed-kit-list"),
            (_("Mailing list"), "mailing-join"),
        ],
    ),
]
MEMBERS_ONLY = {"peer-requests", "screen-start", "draft-list"}
"""Links of the public menus shown only to a signed-in person (the pages are hers)."""


def _link(label: str | Promise, name: str, badge: int = 0) -> NavLink:
    return NavLink(label, reverse(name), name, badge=badge)


def work_links(user: Viewer) -> list[NavLink]:
    """The working tools `user` may use, each only for the roles its page admits."""
    links: list[NavLink] = []
    if has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT):
        links.append(_link(_("Assessments"), "assessment-work"))
        links.append(_link(_("Analyzer"), "analysis-start"))
    if has_role(user, Role.ANALYST, Role.SECRETARIAT):
        links.append(_link(_("Import"), "instrument-import"))
    if can_see_assessment_requests(user):
        links.append(_link(_("Assessment requests"), "assessment-request-list"))
    if has_role(user, Role.SECRETARIAT):
        links.append(_link(_("Applications"), "application-list"))
        links.append(_link(_("Mailing lists and newsletters"), "mailing-manage"))
        links.append(_link(_("Administration"), "admin:index"))
    return links


def work_count(user: Viewer) -> int:
    """How many things wait for `user`: no query at all for a role that has no work queue."""
    if not has_role(user, *ASSESSORS, *REVIEWERS):
        return 0
    return work_counts(user).total


def main_navigation(request: HttpRequest) -> Navigation:
    user: Any = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    menus = [
        NavMenu(key, label, [_link(text, name) for text, name in links if signed_in or name not in MEMBERS_ONLY])
        for key, label, links in PUBLIC_MENUS
    ]
    work = 0
    if signed_in:
        tools = work_links(user)
        work = work_count(user)
        if tools:
            menus.append(NavMenu("work", _("Work"), tools, badge=work))
        menus.append(
            NavMenu(
                "account",
                _("Your account"),
                [
                    _link(_("Your home"), "my-home", badge=work),
                    _link(_("What I follow"), "follows"),
                    _link(_("Notification settings"), "notification-preferences"),
                    _link(_("Profile and settings"), "profile"),
                ],
                badge=0 if tools else work,
            )
        )
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match is not None else ""
    for menu in menus:
        for link in menu.links:
            link.current = link.name == here
    unread = unread_count(user) if signed_in else 0
    return Navigation(menus=menus, signed_in=signed_in, work=work, unread=unread)
