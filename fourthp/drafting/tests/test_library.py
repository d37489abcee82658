"""The library shipped with the platform: a published model text for every provision, loaded idempotently."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from fourthp.assessments.models import Assessment, Status
from fourthp.drafting.actions import do_propose_version, do_publish_version
from fourthp.drafting.models import ModelProvision, ModelProvisionVersion, ModelText
from fourthp.drafting.tests.factories import version_input
from fourthp.frameworks.models import Framework
from fourthp.testing import make_analyst, make_reviewer


@pytest.mark.django_db
def test_every_framework_provision_has_a_published_model_text_in_both_traditions_and_its_levels(seeded: None) -> None:
    framework = Framework.objects.default()
    provisions = list(framework.provisions.all())
    assert len(provisions) == 47
    for provision in provisions:
        published = ModelProvision.objects.published().filter(provision=provision)
        assert published.exists(), f"{provision.slug} has no published model text"
        for model in published:
            variants = set(model.current_version.texts.values_list("tradition", "level"))  # type: ignore[union-attr]
            expected = {(t, level) for t in ("common_law", "civil_law") for level in provision.levels}
            assert variants == expected, f"{model.slug}: {sorted(variants)}"


@pytest.mark.django_db
def test_loading_the_seed_again_changes_nothing_and_keeps_later_versions(seeded: None) -> None:
    model = ModelProvision.objects.get(slug="data-collection-and-reporting")
    proposed = do_propose_version(
        model, version_input(model.provision.slug, "shall publish figures"), acting_user=make_analyst()
    )
    do_publish_version(proposed, acting_user=make_reviewer())
    counts = (ModelProvision.objects.count(), ModelProvisionVersion.objects.count(), ModelText.objects.count())

    call_command("load_seed", verbosity=0)

    assert (ModelProvision.objects.count(), ModelProvisionVersion.objects.count(), ModelText.objects.count()) == counts
    model.refresh_from_db()
    assert model.current_version_id == proposed.pk


@pytest.mark.django_db
def test_the_page_shows_the_chosen_variant_with_option_defaults_filled_in(seeded: None) -> None:
    client = Client()
    common = client.get("/model-provisions/sex-trafficking-offence/").content.decode()
    assert "commits the offence of trafficking in persons" in common
    assert "not exceeding 15 years" in common and "{{" not in common
    civil = client.get("/model-provisions/sex-trafficking-offence/?tradition=civil_law&level=subnational")
    assert "Whoever recruits" in civil.content.decode()
    data = json.loads(client.get("/model-provisions/sex-trafficking-offence.json?tradition=civil_law").content)
    assert data["provision"] == "crim.sex-trafficking" and data["shown_tradition"] == "civil_law"
    assert "{{penalty_max_years}}" in data["current_version"]["variants"][0]["text"]
    assert {o["name"] for o in data["current_version"]["options"]} == {"penalty_max_years"}


@pytest.mark.django_db
def test_a_subnational_variant_takes_the_levels_own_names(seeded: None) -> None:
    page = Client().get("/model-provisions/action-plan/?level=subnational").content.decode()
    assert "the Legislature" in page and "State Anti-Trafficking Coordinator" in page


@pytest.mark.django_db
def test_the_library_lists_by_pillar_and_filters_by_provision_tradition_and_level(seeded: None) -> None:
    client = Client()
    everything = json.loads(client.get("/model-provisions.json").content)
    assert everything["count"] >= 47
    one = json.loads(client.get("/model-provisions.json?provision=crim.extraterritorial").content)
    assert [m["slug"] for m in one["items"]] == ["extraterritorial-jurisdiction"]
    subnational = json.loads(client.get("/model-provisions.json?level=subnational").content)
    assert "extraterritorial-jurisdiction" not in {m["slug"] for m in subnational["items"]}
    page = client.get("/model-provisions/").content.decode()
    assert "Prosecution" in page and "Partnership" in page


@pytest.mark.django_db
def test_enacted_in_names_jurisdictions_found_in_full_with_their_quotes(seeded: None) -> None:
    full = (
        Assessment.objects.published()
        .filter(status=Status.FULL, evidence__isnull=False)
        .select_related("provision", "jurisdiction")[0]
    )
    model = ModelProvision.objects.published().filter(provision=full.provision).first()
    assert model is not None
    data = json.loads(Client().get(f"/model-provisions/{model.slug}.json").content)
    row = next(r for r in data["enacted_in"] if r["jurisdiction"] == full.jurisdiction.code)
    quote = full.evidence.first()
    assert quote is not None
    assert {"quote": quote.quote, "citation": quote.section.citation} == {
        k: v for k, v in row["evidence"][0].items() if k in ("quote", "citation")
    }
    assert row["evidence"][0]["url"].endswith(quote.get_absolute_url())
    partial = Assessment.objects.published().exclude(status=Status.FULL).filter(provision=full.provision)
    assert not {a.jurisdiction.code for a in partial} & {r["jurisdiction"] for r in data["enacted_in"]}


@pytest.mark.django_db
def test_the_provision_page_and_a_report_card_gap_link_to_the_model_text(seeded: None) -> None:
    client = Client()
    provision_page = client.get("/frameworks/four-p/provisions/crim.debt-bondage/").content.decode()
    assert "/model-provisions/?provision=crim.debt-bondage" in provision_page
    gap = (
        Assessment.objects.published()
        .filter(status__in=[Status.ABSENT, Status.PARTIAL])
        .select_related("jurisdiction", "provision")[0]
    )
    card = client.get(f"/jurisdictions/{gap.jurisdiction.code}/report-card/").content.decode()
    assert f"/model-provisions/?provision={gap.provision.slug}" in card
