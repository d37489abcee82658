"""Rule families that read what a caller knows besides the text: the section
heading, the instrument title, subsection headings of long sections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fourthp.analyzer import analyze, analyze_sections
from fourthp.analyzer.analyze import leading_title
from fourthp.analyzer.concepts import CONCEPTS, mentions_ht
from fourthp.analyzer.framework import load_framework

PROJECT = Path(__file__).resolve().parents[3]
FRAMEWORK = load_framework(PROJECT / "data" / "frameworks" / "four-p-v1.yaml")


def suggested(text: str, heading: str = "", context: str = "") -> set[str]:
    analysis = analyze_sections([("s", text)], FRAMEWORK, headings=[heading], context=context)
    return {f.provision for f in analysis.suggested}


def test_a_heading_that_names_the_provision_lifts_a_section_with_operative_force() -> None:
    body = "A body corporate shall be held liable where an offence under this Act was committed for its benefit."
    assert "crim.corporate-liability" in suggested(body, "Liability of legal persons", "Human Trafficking Act")


def test_a_heading_alone_is_not_enough_when_the_body_is_empty() -> None:
    assert suggested("[Not funded]", "Public posting of the hotline", "Human Trafficking Act") == set()


def test_final_clauses_and_purposes_yield_nothing() -> None:
    body = "Each State Party shall deposit its instrument of ratification concerning trafficking in persons."
    assert suggested(body, "Entry into force", "Protocol on trafficking in persons") == set()


def test_a_definitions_section_keeps_only_what_definitions_can_establish() -> None:
    body = (
        '"Exploitation" means recruiting or transporting a person by force for forced labour; the consent of a '
        "victim to the intended exploitation shall be irrelevant where any of the means has been used."
    )
    found = suggested(body, "Definitions", "Trafficking in Persons Act")
    assert "crim.consent-irrelevant" in found
    assert "crim.labour-trafficking" not in found


def test_obtaining_someones_work_by_threats_is_forced_labour_not_an_act_of_trafficking() -> None:
    body = "Whoever obtains the labor or services of a person by threats of serious harm shall be imprisoned 20 years."
    found = suggested(body)
    assert "crim.slavery-forced-labour" in found
    assert "crim.labour-trafficking" not in found


def test_in_a_supply_chain_act_an_entitys_duty_to_publish_its_report_is_disclosure() -> None:
    title = "Forced Labour in Supply Chains Act"
    entity = "Every entity must publish the report referred to in section 11 on its website."
    government = "Every government institution must send the head a report on the goods it buys."
    assert "prev.supply-chain-disclosure" in suggested(entity, "Publication", title)
    assert "prev.public-procurement" in suggested(government, "Report", title)
    assert suggested(entity, "Publication", "Highway Traffic Act") == set()


def test_in_a_long_section_a_passing_mention_is_weaker_than_a_subsection_about_it() -> None:
    filler = "(x) Findings\nCongress finds that victims of trafficking need help of many kinds.\n" * 90
    passing = filler + "(y) Miscellaneous\nThe Secretary shall also mention training for officials now and then.\n"
    subsection = filler + "(y) Training of officials\nThe Secretary shall train law enforcement officers.\n"
    assert "prev.training" not in suggested(passing, "Assorted provisions", "Trafficking Victims Act")
    assert "prev.training" in suggested(subsection, "Assorted provisions", "Trafficking Victims Act")


def test_the_heading_non_punishment_is_not_a_penalty() -> None:
    body = "Each Party shall provide for the possibility of not imposing penalties on victims compelled to offend."
    found = suggested(body, "Non-punishment provision", "Convention on trafficking in human beings")
    assert "prot.non-punishment" in found
    assert "crim.penalties" not in found


HT_FRAGMENTS = (
    "human trafficking",
    "HUMAN-TRAFFICKING",
    "Modern\nSlavery",
    "sale of children",
    "Sale  of a child",
    "traffickers",
    "victims of severe forms of trafficking",
    "trafficking in drugs",
    "slavery",
    "the sale",
    "of persons",
    "labour",
    "counter-trafficking",
    "children",
    "Trafficking Victims Protection",
    "sex trafficking",
    "a sale of goods",
)

COMMONWEALTH = json.loads((Path(__file__).resolve().parent / "fixtures" / "commonwealth-acts.json").read_text("utf-8"))


@pytest.mark.parametrize("act", COMMONWEALTH["acts"], ids=lambda act: act["title"])
def test_it_reads_commonwealth_drafting_section_by_section(act: dict[str, Any]) -> None:
    """Acts written in the Commonwealth manner: marginal notes, "whoever ... shall
    be punished with", "shall on conviction be liable to", sections of an act on
    trafficking that do not repeat the word, and a drugs act that must yield nothing."""
    sections = act["sections"]
    analysis = analyze_sections(
        [(s["number"], s["text"]) for s in sections],
        FRAMEWORK,
        headings=[s["heading"] for s in sections],
        context=act["title"],
    )
    wrong = {}
    for spec, result in zip(sections, analysis.sections, strict=True):
        found = {f.provision for f in result.findings if f.confidence >= analysis.threshold}
        expect = set(spec["expect"])
        absent = found if spec["absent"] == "*" else found & set(spec["absent"])
        if not expect <= found or absent:
            wrong[spec["number"]] = {"missing": sorted(expect - found), "wrongly": sorted(absent)}
    assert wrong == {}


def test_an_act_about_trafficking_lends_its_subject_to_sections_that_do_not_name_it() -> None:
    body = (
        "A victim of an offence under this Act shall not be liable for any offence which is a direct consequence of it."
    )
    assert "prot.non-punishment" in suggested(body, "Victim not liable", "Trafficking in Persons Act")
    assert suggested(body, "Victim not liable", "Payment Cards Act") == set()


@given(st.lists(st.sampled_from(HT_FRAGMENTS), max_size=6).map(" ".join))
def test_the_quick_look_for_trafficking_agrees_with_the_full_pattern(text: str) -> None:
    assert mentions_ht(text) == (CONCEPTS["ht"].search(text) is not None)


def test_a_whole_texts_first_line_is_its_title_when_the_caller_knows_none() -> None:
    body = (
        "A victim of an offence under this Act shall not be liable for any offence which is a direct consequence of it."
    )
    sections = "1. Short title\nThis Act may be cited as the Act of 2024.\n\n2. Victim not liable\n" + body + "\n"
    assert leading_title("\n# Trafficking in Persons Act\n\n") == "Trafficking in Persons Act"
    titled = analyze("Trafficking in Persons Act\n\n" + sections, FRAMEWORK)
    untitled = analyze("Payment Cards Act\n\n" + sections, FRAMEWORK)
    assert "prot.non-punishment" in {f.provision for f in titled.suggested}
    assert untitled.suggested == ()
