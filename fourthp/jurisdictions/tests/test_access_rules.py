"""Each jurisdiction rule agrees with every place that applies it, for every example user."""

from __future__ import annotations

import pytest

from fourthp.jurisdictions.access import can_edit_jurisdiction
from fourthp.testing import client_as, example_users, make_jurisdiction

pytestmark = pytest.mark.django_db


def test_the_edit_rule_the_edit_page_and_the_edit_link_agree_for_every_example_user(db: None) -> None:
    jurisdiction = make_jurisdiction("QM", name="Quarland")
    allowed = set()
    for name, user in example_users().items():
        may = can_edit_jurisdiction(user, jurisdiction)
        client = client_as(user)
        edit_page = client.get("/jurisdictions/QM/edit/")
        shown = 'href="/jurisdictions/QM/edit/"' in client.get("/jurisdictions/QM/").content.decode()
        assert (edit_page.status_code == 200) == may, f"{name}: the edit page answered {edit_page.status_code}"
        assert shown == may, f"{name}: the edit link {'is' if shown else 'is not'} shown"
        if may:
            allowed.add(name)
    assert allowed == {"analyst", "secretariat"}
