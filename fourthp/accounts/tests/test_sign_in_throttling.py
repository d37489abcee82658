"""Failed sign-ins are throttled per (account, address): nobody can lock an owner out from elsewhere,
and one person's mistakes behind a shared address do not lock out her colleagues."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.testing import make_member, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
THROTTLED = "Too many failed sign-ins to this account"


def sign_in(email: str, password: str, *, address: str) -> tuple[Client, str]:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return client, response.content.decode() if response.status_code == 200 else ""


def signed_in(client: Client) -> bool:
    return client.get("/profile/").status_code == 200


def fail(email: str, times: int, *, address: str) -> str:
    page = ""
    for _ in range(times):
        _client, page = sign_in(email, "not her password", address=address)
    return page


def test_a_guesser_elsewhere_does_not_lock_the_owner_out_of_her_own_address() -> None:
    owner = make_member()
    page = fail(owner.email, 12, address="203.0.113.9")
    assert THROTTLED in page

    client, _page = sign_in(owner.email, PASSWORD, address="198.51.100.7")
    assert signed_in(client)


def test_one_persons_mistakes_behind_a_shared_address_do_not_block_a_colleague() -> None:
    office = "192.0.2.50"
    careless, colleague = make_user("carla"), make_user("colm")
    fail(careless.email, 20, address=office)

    client, _page = sign_in(colleague.email, PASSWORD, address=office)
    assert signed_in(client)


def test_the_failing_pair_is_throttled_with_a_clear_message_even_with_the_right_password() -> None:
    owner = make_member()
    address = "192.0.2.77"
    page = fail(owner.email, 5, address=address)
    assert THROTTLED not in page
    assert "The email address and/or password you specified are not correct." in page

    client, page = sign_in(owner.email, PASSWORD, address=address)
    assert THROTTLED in page
    assert "Wait a few minutes" in page
    assert not signed_in(client)


def test_one_address_trying_many_accounts_meets_the_address_cap(settings) -> None:
    accounts = [make_user(f"target{i}") for i in range(13)]
    address = "192.0.2.99"
    pages = [fail(user.email, 5, address=address) for user in accounts]
    # 60 failures in five minutes from one address: the 61st, on a fresh account, is refused.
    assert all(THROTTLED not in page for page in pages[:12])
    assert THROTTLED in pages[12]
