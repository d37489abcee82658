"""The report card's framework version survives the way to the peer finder."""

from __future__ import annotations

import html
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from fourthp.assessments.models import Assessment
from fourthp.frameworks.actions import do_load_framework
from fourthp.frameworks.models import Framework
from fourthp.testing import make_jurisdiction, publish_assessment

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "frameworks" / "four-p-v1.yaml"


def _load_version_2(tmp_path: Path) -> Framework:
    text = SHIPPED.read_text(encoding="utf-8").replace("  version: 1\n", "  version: 2\n", 1)
    path = tmp_path / "four-p-v2.yaml"
    path.write_text(text, encoding="utf-8")
    framework, _ = do_load_framework(path)
    return framework


def test_the_peer_finder_opened_from_a_report_card_reads_the_cards_framework_version(
    seeded: None, tmp_path: Path
) -> None:
    # Another jurisdiction has done, under version 1, what the United States lacks.
    gap = Assessment.objects.published().filter(jurisdiction__code="US", status__in=["absent", "partial"]).first()
    assert gap is not None
    slug = gap.provision.slug
    publish_assessment(make_jurisdiction("QQ", name="Quuxland"), slug, "full")
    newer = _load_version_2(tmp_path)
    assert Framework.objects.default() == newer  # the seed findings are of version 1, no longer the default
    page = Client().get("/jurisdictions/US/report-card/?version=1").content.decode()
    finder = reverse("peer-finder")
    links = [html.unescape(href) for href in re.findall(rf'href="({re.escape(finder)}\?[^"]+)"', page)]
    assert links, "the report card links to the peer finder"
    assert all("version=1" in link for link in links)

    link = next(link for link in links if f"provision={slug}&" in link)
    data = Client().get(link.replace(finder, reverse("peer-finder-json"), 1)).json()
    assert data["framework"] == str(Framework.objects.get(slug=newer.slug, version=1))
    # the version-1 findings are found: QQ's, and the seeded member countries' where they have done it in full
    seeded_full = Assessment.objects.published().filter(provision__framework__version=1, provision__slug=slug)
    expected = {"QQ", *seeded_full.filter(status="full").values_list("jurisdiction__code", flat=True)}
    assert {p["jurisdiction"]["code"] for p in data["done"]} == expected


def test_the_peer_finder_without_a_version_reads_the_latest(seeded: None, tmp_path: Path) -> None:
    newer = _load_version_2(tmp_path)
    slug = newer.provisions.order_by("order").first().slug  # type: ignore[union-attr]
    data = Client().get(reverse("peer-finder-json"), {"provision": slug, "jurisdiction": "US"}).json()
    assert data["framework"] == str(newer)


def test_the_peer_finder_form_keeps_the_version_it_was_opened_with(seeded: None, tmp_path: Path) -> None:
    _load_version_2(tmp_path)
    page = Client().get(reverse("peer-finder"), {"provision": "crim.sex-trafficking", "version": "1"}).content.decode()
    assert '<input type="hidden" name="version" value="1">' in page  # a new choice in the form stays on version 1
    latest = Client().get(reverse("peer-finder"), {"provision": "crim.sex-trafficking"}).content.decode()
    assert 'name="version"' not in latest
