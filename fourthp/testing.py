"""Example users, plain factories and the access-walk helper shared by all tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import Client

from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.lib.text import normalise_text

_counter = itertools.count(1)


def make_user(name: str = "", *roles: Role, password: str = "correct horse battery staple") -> User:
    """A verified account holding the given roles (every account is a member)."""
    n = next(_counter)
    name = name or f"user{n}"
    user = User.objects.create_user(
        username=f"{name}-{n}", email=f"{name}-{n}@example.org", password=password, display_name=name.title()
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


# The named example users, by what they may do.
def make_member() -> User:
    return make_user("maria")


def make_legislator() -> User:
    return make_user("lena", Role.LEGISLATOR)


def make_staff() -> User:
    return make_user("sam", Role.STAFF)


def make_analyst() -> User:
    return make_user("ana", Role.ANALYST)


def make_reviewer() -> User:
    return make_user("rui", Role.REVIEWER)


def make_secretariat() -> User:
    return make_user("sofia", Role.SECRETARIAT)


def box_filled_with_lines(limit: int, *, over: int = 0) -> str:
    """Text that fills a textarea of `limit` characters (plus `over`) in short lines, as the browser sends it.

    The browser counts each line break as one character against ``maxlength`` and posts it as ``\r\n``.
    """
    size = limit + over
    typed = (("x" * 49 + "\n") * (size // 50 + 1))[: size - 1] + "z"  # no line break at the end, which is stripped
    assert len(typed) == size
    return typed.replace("\n", "\r\n")


def make_jurisdiction(code: str = "", **fields: Any) -> Jurisdiction:
    code = code or f"X{next(_counter)}"
    defaults: dict[str, Any] = {
        "name": f"Testland {code}",
        "kind": Jurisdiction.Kind.SOVEREIGN_STATE,
        "level": Jurisdiction.Level.NATIONAL,
    }
    defaults.update(fields)
    return Jurisdiction.objects.create(code=code, **defaults)


def make_instrument(jurisdiction: Jurisdiction | None = None, *, sections: int = 3, **fields: Any) -> Instrument:
    n = next(_counter)
    instrument = Instrument.objects.create(
        key=fields.pop("key", f"test-act-{n}"),
        jurisdiction=jurisdiction or make_jurisdiction(),
        title=fields.pop("title", f"Test Act {n}"),
        type=fields.pop("type", Instrument.Type.ACT),
        section_key_prefix=fields.pop("section_key_prefix", f"t{n}"),
        **fields,
    )
    for i in range(1, sections + 1):
        make_section(instrument, number=str(i))
    return instrument


def make_section(instrument: Instrument, *, number: str, text: str = "", heading: str = "") -> Section:
    return Section.objects.create(
        instrument=instrument,
        key=f"{instrument.section_key_prefix}-{number}",
        number=number,
        heading=heading or f"Heading {number}",
        citation=f"{instrument.title}, s. {number}",
        order=int(number) if number.isdigit() else 0,
        text=normalise_text(text or f"Section {number} of {instrument.title} says something about labour."),
    )


def assert_access_walk(
    url: str,
    *,
    wrong: Iterable[User],
    right: Iterable[User],
    method: str = "get",
    data: dict[str, Any] | None = None,
    ok_status: Iterable[int] = (200, 302),
) -> None:
    """Walk a protected URL as anonymous → each wrong role → each right role.

    A visitor is sent to sign in (302 to the login page), an account without
    the role gets 403, and an account with it gets one of `ok_status`.
    """
    client = Client()
    response = getattr(client, method)(url, data or {}, follow=True)
    chain = [hop for hop, _status in response.redirect_chain]
    assert chain, f"{url}: a visitor got {response.status_code}, expected to be sent to sign in"
    assert chain[-1].startswith("/accounts/login/"), f"{url}: a visitor was sent to {chain[-1]}, not to sign in"
    for user in wrong:
        client = Client()
        client.force_login(user)
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{url}: {user.username} got {response.status_code}, expected 403"
    allowed = set(ok_status)
    for user in right:
        client = Client()
        client.force_login(user)
        response = getattr(client, method)(url, data or {})
        assert response.status_code in allowed, f"{url}: {user.username} got {response.status_code}, expected {allowed}"


# --- Partnership: profiles, groups and the permission matrix -------------------------------


def make_profile(user: User | None = None, **fields: Any) -> Any:
    """A profile for `user` (a new member if none); every field secretariat-only unless given."""
    from fourthp.members.models import Profile

    user = user or make_member()
    fields.setdefault("name", user.display_name or user.username)
    return Profile.objects.create(user=user, **fields)


def make_group(*, lead: User | None = None, visibility: str = "public", **fields: Any) -> Any:
    from fourthp.groups.models import WorkingGroup

    n = next(_counter)
    return WorkingGroup.objects.create(
        slug=fields.pop("slug", f"group-{n}"),
        title=fields.pop("title", f"Working group {n}"),
        description=fields.pop("description", "A group that studies one part of the law."),
        lead=lead,
        visibility=visibility,
        **fields,
    )


def make_group_member(group: Any, user: User | None = None) -> User:
    """An account (a plain member unless given) that is an active member of `group`."""
    from fourthp.groups.models import GroupMembership

    user = user or make_user("gwen")
    GroupMembership.objects.create(group=group, user=user, state=GroupMembership.State.ACTIVE)
    return user


# The roles of the partnership permission matrix, in the order they are walked.
MATRIX_ROLES: tuple[str, ...] = (
    "visitor",
    "member",
    "legislator member",
    "parliamentary staff",
    "working-group member",
    "secretariat",
)

# What a role gets: "ok" (200, or a redirect that is not to sign-in), "login" (sent to sign in), 403 or 404.
Expect = str | int


def matrix_users(group: Any) -> dict[str, User | None]:
    """One account per matrix role; the working-group member is an active member of `group`."""
    return {
        "visitor": None,
        "member": make_member(),
        "legislator member": make_legislator(),
        "parliamentary staff": make_staff(),
        "working-group member": make_group_member(group),
        "secretariat": make_secretariat(),
    }


def assert_access_matrix(
    url: str,
    expect: dict[str, Expect],
    users: dict[str, User | None],
    *,
    method: str = "get",
    data: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Request `url` once per matrix role and check each answer against `expect` (every role must be named).

    Each role gets a fresh client, so a write made by one role is seen by the next:
    give a POST a payload that every allowed role may send, or build one world per role.
    """
    missing = set(MATRIX_ROLES) - set(expect)
    assert not missing, f"{url}: the matrix does not say what {sorted(missing)} get"
    for role in MATRIX_ROLES:
        client = Client()
        user = users[role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, method)(url, data or {}, headers=headers or {})
        wanted = expect[role]
        status = response.status_code
        location = response.headers.get("Location", "")
        if wanted == "login":
            assert status == 302 and "/accounts/login/" in location, (
                f"{method.upper()} {url} as {role}: got {status} {location}, expected to be sent to sign in"
            )
        elif wanted == "ok":
            assert status in (200, 201, 204) or (status == 302 and "/accounts/login/" not in location), (
                f"{method.upper()} {url} as {role}: got {status} {location}, expected it to be allowed"
            )
        else:
            assert status == wanted, f"{method.upper()} {url} as {role}: got {status}, expected {wanted}"


def publish_assessment(jurisdiction: Jurisdiction, slug: str, status: str, section: Section | None = None) -> Any:
    """A published assessment of the four-p provision `slug`, with one piece of evidence when a section is given."""
    from django.utils import timezone

    from fourthp.assessments.models import Assessment, Evidence
    from fourthp.frameworks.models import Provision

    provision = Provision.objects.get(framework__slug="four-p", slug=slug)
    assessment = Assessment.objects.create(
        jurisdiction=jurisdiction,
        provision=provision,
        status=status,
        rationale=f"Finding for {slug}.",
        law_reviewed="The whole criminal code." if status == "absent" else "",
        state=Assessment.State.PUBLISHED,
        published_at=timezone.now(),
    )
    if section is not None:
        Evidence.objects.create(assessment=assessment, section=section, start=0, end=10, quote=section.text[:10])
    return assessment


def give_consent(user: User, kind: str) -> Any:
    """Record an active consent of `kind` ("peer contact", "lived-experience listing") for `user`."""
    from fourthp.members.models import Consent

    return Consent.objects.create(user=user, kind=kind, statement=f"I agree: {kind}.")
