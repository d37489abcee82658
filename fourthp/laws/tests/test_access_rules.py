"""Each rule on instruments agrees with every place that applies it, for every example user."""

from __future__ import annotations

import pytest

from fourthp.laws.access import can_edit_instrument, can_import_instruments
from fourthp.laws.models import InstrumentImport
from fourthp.testing import client_as, example_users, make_analyst, make_instrument, make_member

pytestmark = pytest.mark.django_db


def test_the_edit_rule_the_edit_page_and_the_edit_link_agree_for_every_example_user(db: None) -> None:
    instrument = make_instrument(sections=1)
    edit_link = f'href="/instruments/{instrument.key}/edit/"'
    allowed = set()
    for name, user in example_users().items():
        may = can_edit_instrument(user, instrument)
        client = client_as(user)
        edit_page = client.get(f"/instruments/{instrument.key}/edit/")
        shown = edit_link in client.get(f"/instruments/{instrument.key}/").content.decode()
        assert (edit_page.status_code == 200) == may, f"{name}: the edit page answered {edit_page.status_code}"
        assert shown == may, f"{name}: the edit link {'is' if shown else 'is not'} shown"
        if may:
            allowed.add(name)
    assert allowed == {"analyst", "secretariat"}


def test_the_import_rule_and_the_upload_pages_agree_for_every_example_user(db: None) -> None:
    staged = InstrumentImport.objects.create(original_name="act.txt", format="text", parsed={"sections": []})
    allowed = set()
    for name, user in example_users().items():
        may = can_import_instruments(user)
        client = client_as(user)
        for url in ("/import/", f"/import/{staged.pk}/"):
            status = client.get(url).status_code
            assert (status == 200) == may, f"{name}: {url} answered {status}"
        if may:
            allowed.add(name)
    assert allowed == {"analyst", "secretariat"}


def test_the_upload_pages_check_the_role_before_looking_the_upload_up(db: None) -> None:
    member, analyst = client_as(make_member()), client_as(make_analyst())
    assert member.get("/import/999999/").status_code == 403
    assert member.post("/import/999999/discard/").status_code == 403
    assert analyst.get("/import/999999/").status_code == 404
    assert analyst.post("/import/999999/discard/").status_code == 404
