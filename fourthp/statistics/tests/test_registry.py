"""The registry: the seed file loaded whole or not at all, its rules, and unsourced figures kept from the public."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from fourthp.statistics.actions import StatisticsRefused, do_load_statistics
from fourthp.statistics.models import Quality, Statistic
from fourthp.statistics.tests.factories import make_statistic
from fourthp.testing import client_as, make_analyst, make_member, make_secretariat

SEED = Path(settings.DATA_DIR) / "statistics" / "statistics.yaml"

GOOD = """
statistics:
  - id: old-estimate
    measure: People in forced labour, worldwide
    value: 20900000
    unit: people
    period: "2012"
    source: An old report
    published: 2012-06
    quality: superseded
    superseded_by: middle-estimate
  - id: middle-estimate
    measure: People in forced labour, worldwide
    value: 24900000
    unit: people
    period: "2016"
    source: A middle report
    quality: superseded
    superseded_by: new-estimate
  - id: new-estimate
    measure: People in forced labour, worldwide
    value: 27600000
    unit: people
    period: "2021"
    source: A new report
    published: 2022
    quality: primary
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "statistics.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_seed_is_loaded_once_and_again_changes_nothing(seeded: None) -> None:
    assert Statistic.objects.filter(key="global-modern-slavery-2021").exists()
    edited = Statistic.objects.get(key="global-modern-slavery-2021")
    edited.caveats = "An analyst's wording."
    edited.save()
    before = Statistic.objects.count()

    assert do_load_statistics(SEED) == (0, before)

    assert Statistic.objects.count() == before
    assert Statistic.objects.get(key="global-modern-slavery-2021").caveats == "An analyst's wording."


@pytest.mark.django_db
def test_the_seed_resolves_each_superseded_figure_to_its_successor(seeded: None) -> None:
    old = Statistic.objects.get(key="forced-labour-profits-2014")
    assert old.quality == Quality.SUPERSEDED
    assert old.superseded_by is not None and old.superseded_by.key == "forced-labour-profits-2024"
    assert not Statistic.objects.filter(quality=Quality.SUPERSEDED, superseded_by=None).exists()
    assert Statistic.objects.filter(quality=Quality.UNSOURCED).count() == 4


@pytest.mark.django_db
def test_a_chain_written_before_its_successors_is_resolved_to_the_newest(tmp_path: Path) -> None:
    assert do_load_statistics(_file(tmp_path, GOOD)) == (3, 0)
    old = Statistic.objects.get(key="old-estimate")
    assert old.superseded_by.key == "middle-estimate"  # type: ignore[union-attr]
    assert old.newest_successor().key == "new-estimate"  # type: ignore[union-attr]
    assert old.value == Decimal("20900000") and old.published == "2012-06"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    quality: primary\n", "    quality: excellent\n"), "figure 3 (new-estimate): quality: Value 'excellent'"),
        (("superseded_by: new-estimate", "superseded_by: nowhere"), "figure 2 (middle-estimate): superseded_by names 'nowhere'"),
        (("    source: A new report\n", ""), "figure 3 (new-estimate): source: A figure without a source"),
        (("    value: 27600000\n", "    value: lots\n"), "figure 3 (new-estimate): value: 'lots' is not a number"),
        (("    unit: people\n    period: \"2021\"", "    units: people\n    period: \"2021\""), "figure 3 (new-estimate): units: Extra inputs"),
        (("    published: 2022\n", "    published: 2022-13\n"), "figure 3 (new-estimate): published: Give the publication date"),
        (("superseded_by: new-estimate", "superseded_by: old-estimate"), "figure 2 (middle-estimate): superseded_by: This successor is itself replaced"),
        (("id: middle-estimate", "id: old-estimate"), "figure 2 (old-estimate): the id is used by an earlier figure"),
    ],
)  # fmt: skip
def test_a_bad_row_refuses_the_whole_file_with_a_message_naming_it(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert change[0] in GOOD
    with pytest.raises(StatisticsRefused) as refused:
        do_load_statistics(_file(tmp_path, GOOD.replace(change[0], change[1], 1)))
    assert message in str(refused.value)
    assert not Statistic.objects.filter(key__in=["old-estimate", "middle-estimate", "new-estimate"]).exists()


@pytest.mark.django_db
def test_load_seed_stops_with_the_loaders_message(tmp_path: Path, seeded: None) -> None:
    data = tmp_path / "data"
    for folder in ("jurisdictions", "frameworks", "statutes", "assessments", "statistics"):
        source = Path(settings.DATA_DIR) / folder
        target = data / folder
        target.mkdir(parents=True)
        for item in source.iterdir():
            (target / item.name).symlink_to(item)
    (data / "statistics" / "statistics.yaml").unlink()
    _file(data / "statistics", GOOD.replace("    source: A new report\n", ""))
    with pytest.raises(CommandError, match=r"statistics registry could not be loaded: .*new-estimate"):
        call_command("load_seed", data_dir=str(data), verbosity=0)


# ---------------------------------------------------------------- the rules, wherever a figure is written


@pytest.mark.django_db
def test_a_superseded_figure_must_name_a_sourced_successor() -> None:
    new = make_statistic("rule-new")
    hidden = make_statistic("rule-hidden", quality=Quality.UNSOURCED)
    figure = Statistic(key="rule-old", measure="Old", value=1, source="Old report", quality=Quality.SUPERSEDED)
    with pytest.raises(ValidationError, match="must name the figure that replaces it"):
        figure.full_clean()
    figure.superseded_by = hidden
    with pytest.raises(ValidationError, match="must be a sourced figure"):
        figure.full_clean()
    figure.superseded_by = new
    figure.full_clean()
    figure.save()
    new.quality = Quality.UNSOURCED
    with pytest.raises(ValidationError, match="rule-old name this figure as their successor"):
        new.full_clean()


@pytest.mark.django_db
def test_the_edit_form_refuses_a_superseded_grade_without_a_successor(seeded: None) -> None:
    figure = make_statistic("form-figure")
    response = client_as(make_analyst()).post(
        f"/statistics/{figure.pk}/edit/",
        {"key": "form-figure", "measure": "M", "value": "5", "source": "S", "quality": "superseded"},
    )
    assert response.status_code == 200
    assert "A superseded figure must name the figure that replaces it." in response.content.decode()
    assert Statistic.objects.get(pk=figure.pk).quality == Quality.PRIMARY


@pytest.mark.django_db
def test_an_analyst_edits_a_figure_and_the_history_shows_who_changed_what(seeded: None) -> None:
    analyst = make_analyst()
    figure = make_statistic("history-figure")
    client = client_as(analyst)
    response = client.post(
        f"/statistics/{figure.pk}/edit/",
        {"key": "history-figure", "measure": "Measure of history-figure", "value": "1234567", "unit": "people",
         "period": "2021", "source": "Report on history-figure", "quality": "secondary", "caveats": "Checked again."},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/statistics/{figure.pk}/"
    page = client.get(f"/statistics/{figure.pk}/history/").content.decode()
    assert str(analyst) in page and "Checked again." in page


# ---------------------------------------------------------------- unsourced figures, never public


@pytest.mark.django_db
def test_no_unsourced_figure_reaches_the_public_on_any_page_twin_or_api(seeded: None) -> None:
    unsourced = list(Statistic.objects.filter(quality=Quality.UNSOURCED))
    assert len(unsourced) == 4
    listings = [
        Client().get(url).content.decode()
        for url in (
            "/statistics/", "/statistics.json", "/api/v1/statistics?limit=500",
            # The pages that show registry figures elsewhere: funding set against profits, and the indicators.
            "/jurisdictions/US/funding/", "/jurisdictions/US/funding.json", "/api/v1/jurisdictions/US/funding",
            "/jurisdictions/US/indicators/", "/jurisdictions/US/indicators.json",
        )
    ]  # fmt: skip
    for figure in unsourced:
        for url in (f"/statistics/{figure.pk}/", f"/statistics/{figure.pk}.json", f"/api/v1/statistics/{figure.pk}"):
            assert Client().get(url).status_code == 404, url
            assert client_as(make_member()).get(url).status_code == 404, url
        for listing in listings:
            assert figure.key not in listing and figure.measure not in listing
    public = Statistic.objects.public().count()
    assert Client().get("/statistics.json").json()["count"] == public == 12
    assert Client().get("/api/v1/statistics?limit=500").json()["count"] == public


@pytest.mark.django_db
def test_the_curators_list_shows_unsourced_figures_with_a_warning(seeded: None) -> None:
    page = client_as(make_secretariat()).get("/statistics/").content.decode()
    assert "Share of trafficking victims never identified" in page
    assert "Unsourced: never shown to the public." in page


# ---------------------------------------------------------------- pages


@pytest.mark.django_db
def test_a_superseded_figures_page_leads_to_its_successor(seeded: None) -> None:
    old = Statistic.objects.get(key="forced-labour-profits-2014")
    new = Statistic.objects.get(key="forced-labour-profits-2024")
    page = Client().get(f"/statistics/{old.pk}/").content.decode()
    assert "This figure is superseded" in page
    assert f'href="/statistics/{new.pk}/"' in page
    assert Client().get(f"/statistics/{old.pk}.json").json()["superseded_by"]["key"] == new.key
    # The successor names what it replaces.
    assert f'href="/statistics/{old.pk}/"' in Client().get(f"/statistics/{new.pk}/").content.decode()


@pytest.mark.django_db
def test_a_figures_page_gives_its_provenance_in_the_readers_language(seeded: None) -> None:
    figure = Statistic.objects.get(key="global-modern-slavery-2021")
    english = Client().get(f"/statistics/{figure.pk}/").content.decode()
    assert "49,600,000" in english and "Global Estimates of Modern Slavery" in english
    assert "ILO, Walk Free and IOM" in english and "September 2022" in english
    assert "A point-in-time estimate" in english
    spanish = Client(headers={"accept-language": "es"}).get(f"/statistics/{figure.pk}/").content.decode()
    # Spanish groups digits with a (non-breaking) space, as the RAE recommends and Django's formats do.
    assert "49\xa0600\xa0000" in spanish and "septiembre de 2022" in spanish
    french = Client(headers={"accept-language": "fr"}).get(f"/statistics/{figure.pk}/").content.decode()
    assert "septembre 2022" in french and "49,600,000" not in french
    twin = Client().get(f"/statistics/{figure.pk}.json").json()
    assert twin["value"] == "49600000.000000" and twin["quality"] == "primary" and twin["published"] == "2022-09"
