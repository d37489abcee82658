"""The composer, alone: numbering, merged definitions, cross-references, names and penalties, commencement last."""

from __future__ import annotations

from fourthp.drafting.bill import ComposedBill, Peer, SectionKind
from fourthp.drafting.compose import ChosenText, compose
from fourthp.drafting.exports.akn import to_akoma_ntoso, validate
from fourthp.drafting.text import DefinedTerm, Option

PENALTY = Option("penalty_max_years", "Maximum term", ("10", "15", "20"), "15")


def _texts() -> list[ChosenText]:
    return [
        ChosenText(
            provision_id="crim.penalties",
            provision_title="Penalties",
            slug="penalties",
            version=2,
            heading="Penalties",
            text="(1) A person convicted under {{ref:crim.sex-trafficking}} is liable on conviction to imprisonment "
            "for a term not exceeding {{penalty_max_years}} years.\n\n(2) See {{ref:prot.hotline}}.",
            options=(PENALTY,),
            defined_terms=(DefinedTerm("coercion", "force or the threat of it"),),
            order=(1, 5),
            status="partial",
        ),
        ChosenText(
            provision_id="crim.sex-trafficking",
            provision_title="Sex trafficking",
            slug="sex-trafficking-offence",
            version=1,
            heading="Trafficking for sexual exploitation",
            text="{{minister}} shall report to {{legislature}} on the {{code}} in {{jurisdiction}}.",
            defined_terms=(
                DefinedTerm("Coercion", "abuse of power"),
                DefinedTerm("child", "a person under 18"),
            ),
            order=(1, 1),
            status="absent",
            peers=(Peer("US", "United States", "18 U.S.C. 1591", "https://x.example/s"), Peer("CA", "Canada", "")),
        ),
    ]


def _bill(tradition: str = "common_law", code: str = "CA", name: str = "Canada"):  # type: ignore[no-untyped-def]
    return compose(
        _texts(),
        jurisdiction_code=code,
        jurisdiction_name=name,
        tradition=tradition,
        level="national",
        framework="four-p-v1",
        composed_on="2026-12-04",
        options={"penalties": {"penalty_max_years": "20"}},
    )


def test_sections_are_numbered_in_framework_order_with_the_commencement_last() -> None:
    bill = _bill().bill
    assert [(s.number, s.kind) for s in bill.sections] == [
        ("1", SectionKind.SHORT_TITLE),
        ("2", SectionKind.DEFINITIONS),
        ("3", SectionKind.PROVISION),
        ("4", SectionKind.PROVISION),
        ("5", SectionKind.COMMENCEMENT),
    ]
    assert [s.provision_id for s in bill.sections if s.provision_id] == ["crim.sex-trafficking", "crim.penalties"]
    assert bill.sections[2].eid == "sec_3"
    assert bill.title.startswith("A Bill for an Act to ")
    assert "Trafficking in Persons (Amendment) Act 2026" in bill.sections[0].text
    assert "royal assent" in bill.sections[-1].text


def test_definitions_are_merged_once_each_and_a_conflict_is_noted() -> None:
    composed = _bill()
    definitions = composed.bill.sections[1].definitions
    assert [d.term for d in definitions] == ["child", "Coercion"]
    assert definitions[1].definition == "abuse of power"  # the first text in the bill (framework order) keeps it
    assert any(
        '"Coercion" is defined differently by sex-trafficking-offence and penalties' in n for n in composed.notes
    )
    assert composed.bill.sections[1].paragraphs() == ["In this Act:", '"child" means a person under 18;',
                                                       '"Coercion" means abuse of power.']  # fmt: skip


def test_cross_references_read_section_numbers_or_say_they_are_not_in_the_bill() -> None:
    composed = _bill()
    penalties = composed.bill.sections[3]
    assert "convicted under section 3" in penalties.text
    assert "[prot.hotline]" in penalties.text
    assert any("prot.hotline" in n and "not in this bill" in n for n in composed.notes)
    civil = _bill("civil_law").bill
    assert "under article 3" in civil.sections[3].text
    assert civil.sections[3].eid == "art_4"


def test_names_options_and_penalty_style_are_the_jurisdictions() -> None:
    bill = _bill().bill
    offence, penalties = bill.sections[2], bill.sections[3]
    assert (
        offence.text == "the Minister of Justice shall report to Parliament of Canada on the Criminal Code in Canada."
    )
    assert "guilty of an indictable offence and liable to imprisonment for a term of not more than 20 years" in (
        penalties.text
    )
    assert bill.options == {"penalties": {"penalty_max_years": "20"}, "sex-trafficking-offence": {}}
    other = _bill(code="NZ", name="New Zealand").bill
    assert "liable on conviction to imprisonment for a term not exceeding 20 years" in other.sections[3].text
    assert "in New Zealand" in other.sections[2].text


def test_the_memorandum_explains_each_section_and_leaves_the_jurisdiction_out_of_its_peers() -> None:
    bill = _bill().bill
    first, second = bill.memorandum
    assert (first.section_number, first.provision_id) == ("3", "crim.sex-trafficking")
    assert "finds nothing in the law of Canada" in first.explanation
    assert "only in part" in second.explanation
    assert [p.jurisdiction_code for p in first.peers] == ["US"]
    assert ComposedBill.from_dict(bill.to_dict()) == bill


def test_a_jurisdiction_without_names_of_its_own_gets_its_name_legislature_and_the_levels_names() -> None:
    composed = compose(
        _texts()[1:],
        jurisdiction_code="XX",
        jurisdiction_name="Quuxland",
        tradition="common_law",
        level="subnational",
        framework="four-p-v1",
        composed_on="2027-01-02",
        legislature="Quux Assembly",
    )
    offence = composed.bill.sections[2]
    assert offence.text == "the Attorney General shall report to Quux Assembly on the Criminal Code in Quuxland."
    assert composed.bill.sections[-1].text.endswith("after the day on which it is enacted.")
    assert composed.bill.short_title == "Trafficking in Persons (Amendment) Act 2027"
    assert composed.bill.title == (
        "A Bill for an Act to strengthen the law of Quuxland against trafficking in persons, "
        "and to provide for trafficking for sexual exploitation"
    )


def _civil(code: str, name: str):  # type: ignore[no-untyped-def]
    texts = [
        ChosenText(
            provision_id="crim.sex-trafficking",
            provision_title="Sex trafficking",
            slug="sex-trafficking-offence",
            version=1,
            heading="Trafficking for sexual exploitation",
            text="(1) Whoever recruits a person by coercion with the aim of sexual exploitation commits trafficking "
            "in persons and shall be punished by imprisonment of up to {{penalty_max_years}} years.\n\n"
            "(2) {{authority}} reports to {{legislature}}; {{minister}} applies the {{code}}.",
            options=(PENALTY,),
            order=(1, 1),
            status="absent",
        )
    ]
    return compose(
        texts,
        jurisdiction_code=code,
        jurisdiction_name=name,
        tradition="civil_law",
        level="national",
        framework="four-p-v1",
        composed_on="2026-12-05",
        options={"sex-trafficking-offence": {"penalty_max_years": "15"}},
    )


def test_member_countries_bills_name_their_own_authorities_and_word_penalties_as_their_codes_do() -> None:
    expected = {
        "RO": (
            "is punished by imprisonment of up to 15 years",
            "the National Agency against Trafficking in Persons reports to the Parliament of Romania; the Minister "
            "of Internal Affairs applies the Criminal Code (Law No. 286/2009).",
        ),
        "UA": (
            "is punishable by imprisonment for a term of up to 15 years",
            "the Cabinet of Ministers of Ukraine reports to the Verkhovna Rada of Ukraine",
        ),
        "HU": (
            "is punishable, as a felony, by imprisonment of up to 15 years",
            "reports to the National Assembly of Hungary; the Minister responsible for justice applies the Criminal "
            "Code (Act C of 2012).",
        ),
        "FR": (
            "commits trafficking in persons and is punished by 15 years' imprisonment.",
            "Trafficking in Human Beings reports to Parliament; the Minister of Justice applies the Criminal Code.",
        ),
    }
    names = {"RO": "Romania", "UA": "Ukraine", "HU": "Hungary", "FR": "France"}
    for code, (penalty, authorities) in expected.items():
        composed = _civil(code, names[code])
        offence = composed.bill.sections[1]
        assert offence.eid == "art_2" and penalty in offence.text and authorities in offence.text, offence.text
        assert "shall be punished by imprisonment of up to" not in offence.text
        ranged = [n for n in composed.notes if "add the minimum term" in n]
        assert ranged == ([] if code == "FR" else [ranged[0]]) and (code == "FR" or names[code] in ranged[0])
        assert validate(to_akoma_ntoso(composed.bill)) == []
    # A jurisdiction with no style of its own keeps the model text's wording.
    assert "shall be punished by imprisonment of up to 15 years" in _civil("XX", "Quuxland").bill.sections[1].text
