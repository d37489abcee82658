"""The bills API: public reads in the project's error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.bills.actions import do_import_bills
from fourthp.bills.importers import read_openstates
from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import SAMPLES
from fourthp.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(seeded: None) -> None:
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(Jurisdiction.objects.get(code="US-DC"), bills, acting_user=None, problems=problems)


def test_the_api_lists_bills_with_filters(imported: None) -> None:
    client = Client()
    body = client.get("/api/v1/bills?jurisdiction=US-DC").json()
    assert body["count"] == 2
    assert [b["number"] for b in client.get("/api/v1/bills?status=enacted").json()["items"]] == ["B26-0202"]
    body = client.get("/api/v1/bills?provision=crim.labour-trafficking").json()
    assert [b["number"] for b in body["items"]] == ["B26-0101"]


def test_the_api_gives_one_bill_whole(imported: None) -> None:
    bill = Bill.objects.get(number="B26-0101")
    body = Client().get(f"/api/v1/bills/{bill.pk}").json()
    assert body["status"] == "in_committee" and body["session"] == "2025-2026"
    assert [a["classification"] for a in body["actions"]] == [["introduction"], ["referral-committee"]]
    assert body["sponsors"][0] == {"name": "Alex Rivera", "primary": True}
    assert body["versions"][0]["sections"] == 2
    assert "prot.non-punishment" in {p["provision"] for p in body["versions"][0]["suggested_provisions"]}


def test_the_api_lists_sessions_of_a_jurisdiction(imported: None) -> None:
    body = Client().get("/api/v1/sessions?jurisdiction=US-DC").json()
    assert [s["name"] for s in body["items"]] == ["2025-2026"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/bills/999999", 404, "not_found"),
        ("/api/v1/bills?jurisdiction=ZZZ", 404, "not_found"),
        ("/api/v1/bills?provision=no.such", 404, "not_found"),
        ("/api/v1/bills?status=tabled", 422, "invalid"),
        ("/api/v1/sessions?jurisdiction=ZZZ", 404, "not_found"),
    ],
)
def test_the_api_answers_mistakes_in_its_error_shape(imported: None, url: str, status: int, code: str) -> None:
    response = Client().get(url)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["detail"]
