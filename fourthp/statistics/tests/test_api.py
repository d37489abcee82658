"""The statistics API: public figures only, each with its source and quality."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.statistics.models import Quality, Statistic


@pytest.mark.django_db
def test_the_list_gives_each_public_figure_with_its_source_and_quality(seeded: None) -> None:
    body = Client().get("/api/v1/statistics?limit=100").json()
    assert body["count"] == Statistic.objects.public().count() == len(body["items"])
    assert {item["quality"] for item in body["items"]} == {"primary", "secondary", "superseded"}
    assert all(item["source"] for item in body["items"])
    first = Client().get("/api/v1/statistics?limit=2&offset=0").json()
    assert len(first["items"]) == 2 and first["count"] == body["count"]


@pytest.mark.django_db
def test_one_figure_names_its_successor(seeded: None) -> None:
    old = Statistic.objects.get(key="forced-labour-victims-2012")
    body = Client().get(f"/api/v1/statistics/{old.pk}").json()
    assert body["key"] == "forced-labour-victims-2012"
    assert body["value"] == "20900000.000000" and body["unit"] == "people" and body["published"] == "2012-06"
    assert body["quality"] == "superseded"
    assert body["superseded_by"]["key"] == "global-modern-slavery-2021"
    assert body["superseded_by"]["url"] == f"/statistics/{old.superseded_by_id}/"


@pytest.mark.django_db
def test_an_unsourced_or_missing_figure_is_a_404_in_the_apis_error_shape(seeded: None) -> None:
    hidden = Statistic.objects.filter(quality=Quality.UNSOURCED).first()
    assert hidden is not None
    for pk in (hidden.pk, 999999):
        response = Client().get(f"/api/v1/statistics/{pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": f"There is no figure with the id {pk}.", "code": "not_found", "errors": []}
