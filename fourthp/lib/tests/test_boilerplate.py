"""Which sections are machinery (short titles, commencement, amendments, repeals) rather than substance."""

from __future__ import annotations

import pytest

from fourthp.lib.boilerplate import SHORT, is_boilerplate


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("Short title", "This Act may be cited as the Trafficking Victims Protection Act of 2000."),
        ("Commencement", "This Act comes into force on the day fixed by order."),
        ("Entry into force", "1. This Protocol shall enter into force on the ninetieth day after ..."),
        ("Consequential amendments", "Section 5 of the Other Act is replaced by the following ..."),
        ("Repeal", "The Slavery Act is repealed."),
        ("", "[Repealed, 2019, c. 25, s. 101]"),
        ("", "This section takes effect on January 1, 2020."),
        ("", "In this Part, “exploitation” has the meaning given in section 279.04."),
        ("Entrada en vigor", "El presente decreto entrará en vigor ocho días después de su publicación."),
        ("", "Se derogan los artículos 188 y 189 del Código Penal."),
        ("Entrée en vigueur", "La présente loi entre en vigueur le 1er janvier."),
        ("Intrarea în vigoare", "Prezenta lege intră în vigoare la 30 de zile de la publicare."),
        ("Hatálybalépés", "Ez a törvény a kihirdetését követő napon lép hatályba."),
        ("Прикінцеві положення", "1. Цей Закон набирає чинності з дня його опублікування."),
        (
            "",
            "Legea nr. 678/2001 privind prevenirea şi combaterea traficului de persoane se modifică şi se "
            "completează după cum urmează: 1. La articolul 2 ... " + "text of the new article. " * 100,
        ),
    ],
)
def test_machinery_sections_are_boilerplate(heading: str, text: str) -> None:
    assert is_boilerplate(heading, text)


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("Forced labor", "Whoever knowingly provides or obtains the labor or services of a person ..."),
        ("Trata de personas", "Quien, en cualquiera forma, promoviere, facilitare o favoreciere la entrada ..."),
        ("Traficul de persoane", "(1) Recrutarea, transportarea, transferarea, adăpostirea sau primirea ..."),
        # A heading part of substance keeps the section substantive.
        ("Rules of construction; effective date", "(a) Liability. Nothing in this title shall be construed ..."),
        # A long definitions section defines at length: substance, even if it also points elsewhere.
        (
            "Definitions",
            "In this Act, “forced labour” means "
            + "work exacted under menace of penalty; " * 20
            + "and “child” has the meaning given in section 2.",
        ),
    ],
)
def test_substantive_sections_are_not(heading: str, text: str) -> None:
    assert not is_boilerplate(heading, text)


def test_a_short_definition_by_reference_is_boilerplate_but_a_long_one_is_not() -> None:
    by_reference = "In this Act, “child” has the meaning given in section 2."
    assert is_boilerplate("", by_reference)
    assert not is_boilerplate("", by_reference + " A child is protected as follows: ..." * (SHORT // 30))
