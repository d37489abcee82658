"""Small worlds for the members tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import VISIBLE_FIELDS, Visibility


def logged_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def all_visible(level: str = Visibility.PUBLIC) -> dict[str, str]:
    """Visibility columns that show every field to `level`."""
    return {f"{field}_visibility": level for field in VISIBLE_FIELDS}


@pytest.fixture
def us(seeded: None) -> Jurisdiction:
    return Jurisdiction.objects.get(code="US")


@pytest.fixture
def dc(seeded: None) -> Jurisdiction:
    return Jurisdiction.objects.get(code="US-DC")
