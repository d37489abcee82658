"""Op-ed kits: public once published, filtered by provision, citing only sourced, current registry figures."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.campaigns.actions import refuse_unfit_figures
from fourthp.campaigns.forms import OpEdKitAdminForm
from fourthp.campaigns.models import OpEdKit, TalkingPoint
from fourthp.frameworks.models import Provision
from fourthp.statistics.models import Quality, Statistic
from fourthp.testing import client_as, make_secretariat

pytestmark = pytest.mark.django_db


def _figure(key: str, **fields: object) -> Statistic:
    defaults: dict[str, object] = {
        "measure": f"Measure {key}",
        "value": 100,
        "source": "A report",
        "quality": Quality.PRIMARY,
    }
    defaults.update(fields)
    return Statistic.objects.create(key=key, **defaults)


def _form(figures: list[Statistic]) -> OpEdKitAdminForm:
    return OpEdKitAdminForm(
        {
            "slug": "debt-bondage-kit",
            "title": "Debt bondage",
            "summary": "Why debt bondage needs its own offence.",
            "guidance": "Write about the law.",
            "translations": "{}",
            "statistics": [str(f.pk) for f in figures],
            "published": "on",
        }
    )


def test_a_kit_refuses_an_unsourced_figure_and_names_the_successor_of_a_superseded_one(seeded: None) -> None:
    good = _figure("good-2024")
    unsourced = _figure("rumour", source="", value=None, quality=Quality.UNSOURCED)
    old = _figure("old-2017", quality=Quality.SUPERSEDED, superseded_by=good)
    form = _form([good, unsourced, old])
    assert not form.is_valid()
    errors = " ".join(form.errors["statistics"])
    assert "rumour" in errors and "has no source" in errors
    assert f"superseded by figure {good.pk} (good-2024)" in errors
    assert refuse_unfit_figures([good]) == []
    assert _form([good]).is_valid()


def test_published_kits_are_listed_filtered_by_provision_with_json_twins(seeded: None) -> None:
    provision = Provision.objects.filter(slug="crim.debt-bondage").order_by("-framework__version").first()
    assert provision is not None
    good = _figure("good-2024")
    old = _figure("old-2017", quality=Quality.SUPERSEDED, superseded_by=good)
    kit = OpEdKit.objects.create(slug="bondage", title="Debt bondage kit", summary="**Debt** bondage.", published=True)
    kit.statistics.set([good, old])  # old became superseded after it was cited
    TalkingPoint.objects.create(kit=kit, provision=provision, text="Make it an offence <script>x</script>.")
    OpEdKit.objects.create(slug="other", title="Other kit", summary="Other.", published=True)
    OpEdKit.objects.create(slug="draft", title="Draft kit", summary="Not yet.", published=False)
    listed = Client().get("/op-ed-kits.json").json()
    assert sorted(k["title"] for k in listed["items"]) == ["Debt bondage kit", "Other kit"]
    only = Client().get("/op-ed-kits.json", {"provision": "crim.debt-bondage"}).json()
    assert [k["slug"] for k in only["items"]] == ["bondage"]
    page = Client().get("/op-ed-kits/bondage/").content.decode()
    assert "<strong>Debt</strong>" in page and "<script>x" not in page
    assert "Superseded:" in page and good.get_absolute_url() in page
    detail = Client().get("/op-ed-kits/bondage.json").json()
    assert {f["key"]: f["successor"] for f in detail["figures"]} == {"good-2024": None, "old-2017": good.pk}
    assert Client().get("/op-ed-kits/draft/").status_code == 404
    assert client_as(make_secretariat()).get("/op-ed-kits/draft/").status_code == 200
    api = Client().get("/api/v1/op-ed-kits").json()
    assert sorted(k["slug"] for k in api["items"]) == ["bondage", "other"]


def test_the_kits_translations_are_a_json_object_typed_in_a_box(seeded: None) -> None:
    good = _figure("good-2024")
    form = _form([good])
    form.data = {**form.data, "translations": '{\r\n  "es": {"title": "Servidumbre por deudas"}\r\n}'}
    assert form.is_valid(), form.errors
    assert form.cleaned_data["translations"] == {"es": {"title": "Servidumbre por deudas"}}
    broken = _form([good])
    broken.data = {**broken.data, "translations": '{"es": '}
    assert not broken.is_valid()
    assert "This is not valid JSON (line 1)" in broken.errors["translations"][0]
