"""Op-ed kits: public once published, filtered by provision, citing only sourced, current registry figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.test import Client
from django.utils import translation

from fourthp.campaigns.actions import LetterRefused, do_load_op_ed_kits, refuse_unfit_figures
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
    OpEdKit.objects.all().delete()  # the seed's own kits are tested below
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


def test_the_seed_publishes_kits_citing_current_sourced_figures_in_every_language(seeded: None) -> None:
    kit = OpEdKit.objects.get(slug="non-punishment")
    assert kit.published and [p.provision.slug if p.provision else None for p in kit.points.all()] == [
        "prot.non-punishment",
        "prot.vacatur",
        "prot.safe-harbour-minors",
        None,
    ]
    assert not refuse_unfit_figures(kit.statistics.all()) and kit.statistics.exists()
    for language in ("fr", "es", "ro", "uk"):
        assert kit.text_in(language, "title") != kit.title
        assert all(point.text_in(language) != point.text for point in kit.points.all())
    french = Client(headers={"accept-language": "fr"}).get("/op-ed-kits/non-punishment/").content.decode()
    assert "Nul ne devrait être puni" in french and "parquet" in french
    only = Client().get("/op-ed-kits.json", {"provision": "prev.import-ban"}).json()
    assert [k["slug"] for k in only["items"]] == ["forced-labour-in-supply-chains"]
    assert do_load_op_ed_kits(settings.DATA_DIR / "campaigns" / "op-ed-kits.yaml") == (0, 2)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"figures": ["no-such-figure"]}, "cites figures not in the statistics registry: no-such-figure"),
        ({"figures": ["old-2017"]}, "is superseded by figure"),
        ({"points": [{"provision": "crim.no-such", "text": "A point."}]}, "names no provision 'crim.no-such'"),
        ({"summary": "Slaves in chains."}, "sensational"),
    ],
)
def test_a_bad_kit_file_is_refused_whole_with_the_reason(
    seeded: None, tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    _figure("old-2017", quality=Quality.SUPERSEDED, superseded_by=_figure("good-2024"))
    good = {"slug": "fine", "title": "A fine kit", "summary": "About the law.", "figures": ["good-2024"]}
    bad = {"slug": "bad", "title": "A bad kit", "summary": "About the law.", **change}
    path = tmp_path / "kits.yaml"
    path.write_text(yaml.safe_dump({"kits": [good, bad]}), encoding="utf-8")
    OpEdKit.objects.all().delete()
    with pytest.raises(LetterRefused, match=re.escape(said) if said != "sensational" else said):
        do_load_op_ed_kits(path)
    assert not OpEdKit.objects.exists()


def test_the_kits_pages_name_kits_and_provisions_in_the_readers_language(seeded: None) -> None:
    romanian = Client(headers={"accept-language": "ro"})
    listing = romanian.get("/op-ed-kits/").content.decode()
    assert "Nimeni nu ar trebui pedepsit" in listing and "Nobody should be punished" not in listing
    provision = Provision.objects.filter(slug="prot.non-punishment").order_by("-framework__version").first()
    assert provision is not None
    with translation.override("ro"):
        title = provision.local("title")
    assert title != provision.title and title in listing  # the filter's choices
    assert title in romanian.get("/op-ed-kits/non-punishment/").content.decode()
