from __future__ import annotations

import pytest
from django.test import Client

from fourthp.frameworks.models import Framework

pytestmark = pytest.mark.django_db


def test_a_missing_pillar_or_provision_answers_404_saying_so(seeded: None) -> None:
    framework = Framework.objects.default()
    base = f"/frameworks/{framework.slug}"
    pillar = Client().get(f"{base}/pillars/no-such-pillar/")
    assert pillar.status_code == 404
    assert "No such pillar in this framework." in pillar.content.decode()
    provision = Client().get(f"{base}/provisions/no-such-provision/")
    assert provision.status_code == 404
    assert "No such provision in this framework." in provision.content.decode()
    assert Client().get(f"{base}/provisions/no-such-provision.json").status_code == 404


def test_a_pillar_and_a_provision_page_and_their_twins_name_their_framework(seeded: None) -> None:
    framework = Framework.objects.default()
    provision = framework.provisions.select_related("pillar").order_by("order").first()
    assert provision is not None
    base = f"/frameworks/{framework.slug}"
    pillar = Client().get(f"{base}/pillars/{provision.pillar.slug}.json").json()
    assert pillar["framework"]["id"] == framework.slug
    assert provision.slug in [p["id"] for p in pillar["provisions"]]
    data = Client().get(f"{base}/provisions/{provision.slug}.json").json()
    assert (data["id"], data["framework"]["id"], data["pillar_title"]) == (
        provision.slug,
        framework.slug,
        provision.pillar.title,
    )
    assert "coverage" in data
