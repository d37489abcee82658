"""The member countries' own law is seeded in its own language, with its sources and status."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from fourthp.laws.models import Instrument, Section

pytestmark = pytest.mark.django_db

# key: (jurisdiction, language, status, section numbers, (a known section, the first words of its text))
WORLD = {
    "ro-cod-penal": (
        "RO", "ro", "in_force", ["182", "209", "210", "211", "212", "213", "214", "215", "216", "263"],
        ("210", "(1) Recrutarea, transportarea, transferarea, adăpostirea sau primirea unei persoane"),
    ),
    "ro-legea-230-2010": (
        "RO", "ro", "in_force", ["I", "II", "III"],
        ("I", "Legea nr. 678/2001 privind prevenirea şi combaterea traficului de persoane"),
    ),
    "ua-law-3739-vi": (
        "UA", "uk", "in_force", [str(n) for n in range(1, 31) if n != 27],
        ("1", "1. Для цілей цього Закону терміни вживаються у такому значенні:"),
    ),
    "ua-kryminalnyi-kodeks": (
        "UA", "uk", "in_force", ["148", "149", "150", "151", "303", "332"],
        ("149", "1. Торгівля людиною, а так само вербування, переміщення"),
    ),
    "hu-btk": (
        "HU", "hu", "in_force", ["3", "72", "74", "190", "191", "192", "194", "353"],
        ("192", "(1) Aki mást\na) elad, megvásárol, elcserél"),
    ),
    "fr-code-penal": (
        "FR", "fr", "in_force",
        ["224-1 A", "224-1 B", "224-1 C", *(f"225-4-{n}" for n in range(1, 10)),
         *(f"225-12-{n}" for n in range(5, 11)), "225-13", "225-14", "225-14-1", "225-14-2", "225-15",
         "225-15-1", "225-16"],
        ("225-4-1", "I. - La traite des êtres humains est le fait de recruter une personne"),
    ),
    "fr-ceseda": (
        "FR", "fr", "in_force", [*(f"L316-{n}" for n in range(1, 5)), *(f"R316-{n}" for n in range(1, 11))],
        ("L316-1", "Sauf si sa présence constitue une menace à l'ordre public"),
    ),
    "gt-codigo-penal-historico": (
        "GT", "es", "repealed", [str(n) for n in range(188, 196)],
        ("194", "Quien, en cualquiera forma, promoviere, facilitare o favoreciere la entrada o salida del país"),
    ),
    "eu-csddd-2024-1760": (
        "EU", "en", "in_force", ["1", "3", *(str(n) for n in range(5, 17)), "22", "29"],
        ("1", "1. This Directive lays down rules on:\n(a) obligations for companies"),
    ),
    "gh-labour-regulations-2007": (
        "GH", "en", "in_force", [str(n) for n in range(20, 28)] + ["41"],
        ("22", "(1) Human trafficking means the recruitment, transportation, transfer harbouring"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(WORLD))
def test_each_member_countrys_instrument_is_seeded_with_its_sections_in_its_language(seeded: None, key: str) -> None:
    jurisdiction, language, status, numbers, (known, opening) = WORLD[key]
    instrument = Instrument.objects.get(key=key)
    assert (instrument.jurisdiction.code, instrument.language, instrument.status) == (jurisdiction, language, status)
    assert instrument.source_url.startswith("https://") and instrument.source_name and instrument.licence
    sections = list(instrument.sections.current().order_by("order"))
    assert [s.number for s in sections] == numbers
    assert {s.language for s in sections} == {language}
    assert next(s for s in sections if s.number == known).text.startswith(opening)


def test_headings_are_read_from_where_each_source_puts_them(seeded: None) -> None:
    headings = {
        ("ro-cod-penal", "209"): "Sclavia",
        ("ro-cod-penal", "212"): "Supunerea la muncă forțată sau obligatorie",
        ("ua-kryminalnyi-kodeks", "149"): "Торгівля людьми",
        ("hu-btk", "192"): "Emberkereskedelem és kényszermunka",
        ("gt-codigo-penal-historico", "194"): "TRATA DE PERSONAS",
        ("eu-csddd-2024-1760", "8"): "Identifying and assessing actual and potential adverse impacts",
        ("gh-labour-regulations-2007", "24"): "Prohibition of trafficking",
    }
    for (key, number), heading in headings.items():
        assert Section.objects.current().get(instrument__key=key, number=number).heading == heading


def test_the_romanian_portals_consolidation_notes_are_not_part_of_the_text(seeded: None) -> None:
    text = Section.objects.current().get(instrument__key="ro-cod-penal", number="209").text
    assert text.endswith("se pedepsesc cu închisoarea de la 5 la 12 ani și interzicerea exercitării unor drepturi.")
    assert not Section.objects.filter(instrument__key="ro-cod-penal", text__contains="(la 0").exists()


def test_the_guatemalan_edition_says_it_is_historical(seeded: None) -> None:
    instrument = Instrument.objects.get(key="gt-codigo-penal-historico")
    assert "HISTORICAL EDITION" in instrument.notes
    assert "9-2009" in instrument.title
    # The next article's heading, printed at the end of each article in the PDF, is not in the text.
    assert "EXHIBICIONES OBSCENAS" not in instrument.sections.get(number="194").text


def test_loading_the_seed_twice_changes_no_member_countrys_instrument(seeded: None) -> None:
    def state() -> list[tuple[str, str, str, str, str]]:
        return list(
            Section.objects.filter(instrument__key__in=WORLD)
            .order_by("key", "version")
            .values_list("key", "number", "heading", "language", "text")
        )

    before = (Instrument.objects.filter(key__in=WORLD).count(), state())
    call_command("load_seed", verbosity=0)
    assert (Instrument.objects.filter(key__in=WORLD).count(), state()) == before


@pytest.mark.parametrize("key", sorted(WORLD))
def test_each_member_countrys_instrument_and_a_section_of_it_can_be_read_on_the_site(seeded: None, key: str) -> None:
    instrument = Instrument.objects.get(key=key)
    known = WORLD[key][4][0]
    section = instrument.sections.current().get(number=known)
    client = Client()
    assert client.get(instrument.get_absolute_url()).status_code == 200
    page = client.get(section.get_absolute_url())
    assert page.status_code == 200
    assert section.text.split("\n")[0][:40] in page.content.decode()
