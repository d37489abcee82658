"""Example users, plain factories and the access-walk helper shared by all tests."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from fourthp.accounts.access import TWO_FACTOR_ROLES, Viewer
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.lib.text import normalise_text

_counter = itertools.count(1)

# The shared corpus and data that live beside the project (../shared), or where FOURTHP_SHARED_DIR says.
# Tests that read it are marked `@pytest.mark.needs_shared("corpus/dev/labels.jsonl", …)`: without those
# files the run stops once saying what is missing (outside CI), or each such test fails (in CI).
PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("FOURTHP_SHARED_DIR") or PROJECT_DIR.parent / "shared")


# The authenticator-app secret of every example account that has one: tests compute its codes.
EXAMPLE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def ensure_seed() -> None:
    """The seed data in the test database: the suite puts its copy back after each transactional test
    (fourthp/testing_snapshot.py); on a database vendor without that copy, it is loaded again here."""
    from django.core.management import call_command

    if not Jurisdiction.objects.filter(code="US-DC").exists():
        call_command("load_seed", verbosity=0)


def give_authenticator(user: User, secret: str = EXAMPLE_TOTP_SECRET) -> str:
    """Turn on two-factor sign-in (an authenticator app) for `user`, as allauth's set-up page does."""
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str = EXAMPLE_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for `secret` (RFC 6238, as allauth checks it)."""
    return str(format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time()))))


def make_user(
    name: str = "",
    *roles: Role,
    password: str = "correct horse battery staple",
    two_factor: bool | None = None,
) -> User:
    """A verified account holding the given roles (every account is a member).

    Reviewers and the secretariat must sign in with two factors, so, like real ones, they are
    given an authenticator app unless `two_factor=False`; any other account gets one with
    `two_factor=True`.
    """
    n = next(_counter)
    name = name or f"user{n}"
    user = User.objects.create_user(
        username=f"{name}-{n}", email=f"{name}-{n}@example.org", password=password, display_name=name.title()
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if two_factor or (two_factor is None and any(role in TWO_FACTOR_ROLES for role in roles)):
        give_authenticator(user)
    return user


# The named example users, by what they may do.
def make_member() -> User:
    return make_user("maria")


def make_student() -> User:
    return make_user("stela", Role.STUDENT)


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


def example_users() -> dict[str, Viewer]:
    """One account per role (and a visitor), by name: the names access walks' steps and rule tests use."""
    return {
        "visitor": AnonymousUser(),
        "member": make_member(),
        "student": make_student(),
        "legislator": make_legislator(),
        "staff": make_staff(),
        "analyst": make_analyst(),
        "reviewer": make_reviewer(),
        "secretariat": make_secretariat(),
    }


def client_as(user: Viewer | None) -> Client:
    """A test client signed in as `user` (a visitor's for None or an anonymous user)."""
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


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
    ok_status: Iterable[int] = (200,),
    redirects_to: str | Callable[[str], bool] | None = None,
    hidden: Iterable[User] = (),
    visitor_status: int | None = None,
) -> None:
    """Walk a protected URL as anonymous → each hidden user → each wrong role → each right role.

    A visitor is sent to sign in (302 to the login page), or gets `visitor_status` when given; an account
    without the role gets 403; an account in `hidden`, who may not know the object exists, gets 404 as for a
    missing one; and an account with the role gets one of `ok_status` (200 unless told).

    A redirect is not access unless the step says where it goes: with `redirects_to` (the exact Location,
    or a predicate on it) an account with the role must be redirected there, and anywhere else fails.
    """
    client = Client()
    response = getattr(client, method)(url, data or {}, follow=True)
    if visitor_status is not None:
        assert response.status_code == visitor_status, f"{url}: a visitor got {response.status_code}"
    else:
        chain = [hop for hop, _status in response.redirect_chain]
        assert chain, f"{url}: a visitor got {response.status_code}, expected to be sent to sign in"
        assert chain[-1].startswith("/accounts/login/"), f"{url}: a visitor was sent to {chain[-1]}, not to sign in"
    for user in hidden:
        client = Client()
        client.force_login(user)
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, f"{url}: {user.username} got {response.status_code}, expected 404"
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
        status, location = response.status_code, response.headers.get("Location", "")
        if redirects_to is not None:
            assert status in (301, 302, 303), f"{url}: {user.username} got {status}, expected a redirect"
            went = redirects_to(location) if callable(redirects_to) else location == redirects_to
            assert went, f"{url}: {user.username} was redirected to {location!r}, not where the step says"
        else:
            where = f" to {location}" if location else ""
            assert status in allowed, f"{url}: {user.username} got {status}{where}, expected {sorted(allowed)}" + (
                " (a redirect is access only with redirects_to=)" if location else ""
            )


def url_routes() -> Iterator[tuple[str, URLPattern]]:
    """Every route of the URL resolver, as (the route written out, its pattern), includes followed."""

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            else:
                yield route, entry

    return walk(get_resolver().url_patterns, "")


def redirects_under(prefix: str) -> Callable[[str], bool]:
    """A `redirects_to` predicate: the Location is a page under `prefix` (e.g. "/assessments/")."""

    def check(location: str) -> bool:
        return location.startswith(prefix) and not location.startswith("/accounts/login/")

    check.__name__ = f"redirects_under({prefix!r})"
    return check


def assert_api_walk(
    url: str,
    *,
    wrong: Iterable[User],
    right: Iterable[User],
    method: str = "post",
    data: dict[str, Any] | None = None,
    ok_status: Iterable[int] = (200, 201),
    hidden: Iterable[User] = (),
    visitor_status: int = 401,
) -> None:
    """Walk an API endpoint as no token → each hidden user's token → each wrong role's → each right role's.

    Without a token the answer is `visitor_status` (401 unless told); a token of an account without the role gets
    403, one in `hidden` 404 as for a missing object, and one with the role one of `ok_status`.
    """
    import json

    from fourthp.accounts.actions import do_create_api_token

    def call(user: User | None) -> int:
        headers = {}
        if user is not None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {do_create_api_token(user, name='walk')[1]}"
        body = json.dumps(data) if data is not None else ""
        if method == "get":
            return int(Client().get(url, **headers).status_code)  # type: ignore[arg-type]
        send = getattr(Client(), method)
        return int(send(url, body, content_type="application/json", **headers).status_code)

    assert (status := call(None)) == visitor_status, f"{method.upper()} {url} without a token: got {status}"
    for user in hidden:
        assert (status := call(user)) == 404, f"{method.upper()} {url}: {user.username} got {status}, expected 404"
    for user in wrong:
        assert (status := call(user)) == 403, f"{method.upper()} {url}: {user.username} got {status}, expected 403"
    allowed = set(ok_status)
    for user in right:
        assert (status := call(user)) in allowed, (
            f"{method.upper()} {url}: {user.username} got {status}, expected {sorted(allowed)}"
        )


# What an app's access walk is played in: the example users by name ("member", "analyst", …) and its objects.
World = dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One step of an app's access walk (its tests/test_access.py): who is refused, who may not know, who gets in.

    `name` is the URL name walked (each app's COVERED lists them for the gate in
    fourthp/web/tests/test_access_gate.py); `wrong`, `hidden` and `right` name accounts of the world;
    `redirects_to` gives, from the world, where an allowed step must redirect (the Location or a predicate);
    `api` walks with tokens instead of a session.
    """

    name: str
    url: Callable[[World], str]
    wrong: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    redirects_to: Callable[[World], str | Callable[[str], bool]] | None = None
    visitor_status: int | None = None
    api: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.name}" + (f" as {'/'.join(self.right)}" if self.right else "")


def walk_step(step: Step, world: World) -> None:
    """Play one step of an access walk in `world`."""
    users = {name: [world[n] for n in getattr(step, name)] for name in ("wrong", "right", "hidden")}
    data = step.data(world) if step.data is not None else None
    if step.api:
        assert_api_walk(
            step.url(world),
            method=step.method,
            data=data,
            visitor_status=step.visitor_status or 401,
            **users,
        )
        return
    assert_access_walk(
        step.url(world),
        method=step.method,
        data=data,
        redirects_to=step.redirects_to(world) if step.redirects_to is not None else None,
        visitor_status=step.visitor_status,
        **users,
    )


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

    provision = Provision.objects.get(framework__slug=DEFAULT_FRAMEWORK_SLUG, slug=slug)
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


def make_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (PDF drawing operators) in Helvetica, as /F1.

    The content stream is compressed, so millions of operators make a file of a few kilobytes.
    """
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode(level=9))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_text_pdf(lines: Iterable[str]) -> bytes:
    """A PDF whose one page shows `lines` of text, one under the other."""
    ops = [b"BT /F1 11 Tf 72 720 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") '")
    ops.append(b"ET")
    return make_pdf(b"\n".join(ops))


def make_slow_pdf() -> bytes:
    """A PDF of about 30 KB whose page draws 400,000 one-letter strings: reading its text takes pypdf
    tens of seconds and hundreds of megabytes, as crafted files sent to tie up a server do."""
    return make_pdf(b"BT /F1 12 Tf 10 10 Td (a) Tj ET\n" * 400_000)
