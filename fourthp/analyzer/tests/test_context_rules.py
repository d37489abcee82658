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


def test_provisions_reserved_to_national_law_are_not_suggested_for_a_state_code() -> None:
    body = (
        "The Secretary shall grant victims of trafficking in persons a period of recovery and reflection and a "
        "temporary residence permit and immigration status, whether or not they cooperate with the prosecution."
    )
    assert "prot.immigration-relief" in suggested(body, "Residence permits", "Trafficking Act")
    for level in ("", "national"):
        found = analyze_sections([("s", body)], FRAMEWORK, headings=["Residence permits"], level=level)
        assert "prot.immigration-relief" in {f.provision for f in found.suggested}
    state = analyze(body, FRAMEWORK, context="Trafficking Act", level="subnational")
    assert "prot.immigration-relief" not in {f.provision for f in state.findings}
    with pytest.raises(ValueError, match="unknown level 'federal'"):
        analyze(body, FRAMEWORK, level="federal")


def test_calling_an_offence_a_felony_is_not_its_penalty_but_grading_it_is() -> None:
    offence = "A person commits the felony of human labor trafficking if the person knowingly traffics another person."
    graded = "A person who knowingly traffics another person for forced labor is guilty of a class B felony."
    assert "crim.penalties" not in suggested(offence)
    assert "crim.penalties" in suggested(graded)


def test_trafficking_a_person_for_forced_labour_is_not_a_forced_labour_offence_of_its_own() -> None:
    purpose = (
        "A person commits human labor trafficking if the person knowingly traffics another person with the intent "
        "that the trafficked person engage in forced labor or services, and shall be imprisoned for 20 years."
    )
    subjecting = (
        "A person who knowingly subjects another person to forced labor or services is guilty of human trafficking "
        "and shall be imprisoned for 20 years."
    )
    assert "crim.labour-trafficking" in suggested(purpose)
    assert "crim.slavery-forced-labour" not in suggested(purpose)
    assert "crim.slavery-forced-labour" in suggested(subjecting)


def test_a_parent_or_guardian_of_child_welfare_law_is_not_a_guardian_for_child_victims() -> None:
    welfare = (
        "The department shall notify the parent, guardian, or other person having custody of a child who is a "
        "victim of trafficking in persons and shall assess the child's needs."
    )
    appointed = "The court shall appoint an independent guardian ad litem for every child victim of trafficking."
    assert "prot.child-guardian" not in suggested(welfare)
    assert "prot.child-guardian" in suggested(appointed)


def test_as_provided_in_a_section_is_not_the_act_of_providing_a_person() -> None:
    body = (
        "A business that fails to post the sign about human trafficking commits a noncriminal violation punishable "
        "by a fine only as provided in s. 775.083. The sign shall name the hotline for prostitution and slavery."
    )
    found = suggested(body, "Public signs", "")
    assert not {"crim.sex-trafficking", "crim.labour-trafficking"} & found


def test_money_to_be_spent_on_awareness_is_funding_not_an_awareness_programme() -> None:
    fund = (
        "There is created a human trafficking fund. Moneys in the fund shall be used for grants to public "
        "awareness and education programs on trafficking in persons."
    )
    mandate = "The department shall conduct public awareness campaigns on human trafficking in every school."
    assert "prev.awareness" not in suggested(fund)
    assert "prev.awareness" in suggested(mandate)


def test_in_a_long_mixed_section_a_duty_far_from_any_mention_of_trafficking_is_weak() -> None:
    powers = [f"({i}) Keep records of matters numbered {i} and publish them each year." for i in range(1, 25)]
    powers.insert(3, "(4) Advise localities on victims of human trafficking and their needs.")
    powers.append("(26) The Department shall provide training for law enforcement officers in the use of firearms.")
    body = "The Department shall have the following powers and duties:\n" + "\n".join(powers)
    found = suggested(body, "Powers and duties of the Department", "Criminal Justice Services")
    assert "prev.training" not in found
    near = body.replace("in the use of firearms", "in identifying victims of human trafficking")
    assert "prev.training" in suggested(near, "Powers and duties of the Department", "Criminal Justice Services")


def test_an_offence_a_bill_deletes_or_an_amendment_strikes_is_not_suggested() -> None:
    offence = (
        "A person commits the offense of sex trafficking if the person knowingly recruits, entices, harbors or "
        "transports another person by force, fraud or coercion for commercial sexual activity. The offense is "
        "punishable by imprisonment for 20 years."
    )
    assert "crim.sex-trafficking" in suggested(offence)
    assert "crim.sex-trafficking" not in suggested(f"[{offence}]")
    struck = f"Section 3 is amended by striking the sentence “{offence}” and inserting “The fee is ten dollars.”"
    assert "crim.sex-trafficking" not in suggested(struck)


def test_offering_money_for_sex_with_a_minor_is_a_buyer_offence_and_with_an_adult_is_not() -> None:
    minor = (
        "Any person who offers money or its equivalent to a person under the age of eighteen for the purpose of "
        "prostitution with that person is guilty of a Class 5 felony."
    )
    adult = "Any person who solicits prostitution from another is guilty of a Class 1 misdemeanor."
    assert "crim.buyer-liability" in suggested(minor)
    assert suggested(adult, "Solicitation of prostitution") == set()


def test_a_lead_in_that_creates_the_offence_governs_every_item_of_its_list() -> None:
    items = "".join(
        f"({n}) Transports the person across the border of the state on occasion number {n} by any means;\n"
        for n in range(1, 9)
    )
    body = (
        "A person commits the felony of human trafficking if the person knowingly:\n"
        + items
        + "(9) Receives any benefit from participating in a venture that has engaged in an act described above."
    )
    assert len(body) > 900  # the benefit item is further from "felony" than a sentence's reach
    assert "crim.facilitator-liability" in suggested(body, "Human trafficking")


def test_letting_premises_knowing_they_are_used_for_trafficking_is_facilitation() -> None:
    body = (
        "A person who leases any part of a building, knowing that the building is being used for the purposes of "
        "human trafficking, commits a class D felony."
    )
    assert "crim.facilitator-liability" in suggested(body)


def test_a_heading_naming_penalties_lifts_only_the_penalty_of_trafficking() -> None:
    civil = (
        "The owner of every hotel shall post notice of the human trafficking hotline in each guest room. "
        "Any owner who fails to post the notice is subject to a civil penalty of $100."
    )
    assert "crim.penalties" not in suggested(civil, "Human trafficking hotline; notice required; civil penalty")
    aiding = (
        "Any person who knowingly aids another in the prostitution of a person under the age of 18 is guilty of "
        "a Class 4 felony."
    )
    assert "crim.penalties" not in suggested(aiding, "Aiding prostitution; penalties")
    trafficking = (
        "Any person who recruits or harbours another by force for the purpose of commercial sexual activity is "
        "guilty of a Class 3 felony."
    )
    assert "crim.penalties" in suggested(trafficking, "Commercial sex trafficking; penalties")


def test_victim_compensation_in_the_singular_is_a_compensation_scheme() -> None:
    body = (
        "Victims of human trafficking shall have the same rights as other victims of crime, including the right to "
        "receive victim compensation, whatever their immigration status."
    )
    assert "prot.compensation-fund" in suggested(body, "Rights of trafficking victims")


# Rules written from the training set of bench/training/ (UK, Scottish, Northern Irish,
# Australian, Kenyan, Singaporean, EU and German texts); the sentences below are authored.

ACT = "Prevention of Trafficking in Persons Act"


@pytest.mark.parametrize(
    "clause",
    [
        "It is irrelevant whether the person moved consents to any part of the conduct.",
        "The consent of the victim to the intended exploitation shall not be relevant.",
        "The consent of a person to being held in servitude does not preclude a finding that the person was so held.",
    ],
)
def test_commonwealth_wordings_of_consent_being_irrelevant(clause: str) -> None:
    body = f"(1) A person who recruits another person for exploitation by force commits an offence.\n(2) {clause}"
    assert "crim.consent-irrelevant" in suggested(body, "Trafficking in persons", ACT)


def test_a_person_who_is_not_guilty_of_an_offence_has_a_defence_not_an_offence() -> None:
    body = (
        "A person is not guilty of an offence if the person does the act because the person is compelled to do it "
        "and the compulsion is a direct consequence of the person being a victim of slavery."
    )
    found = suggested(body, "Defence for victims who commit an offence", "Modern Slavery Act")
    assert "prot.non-punishment" in found
    assert "crim.slavery-forced-labour" not in found


def test_an_offence_committed_wherever_the_conduct_takes_place_reaches_abroad() -> None:
    body = (
        "A citizen of the Republic commits an offence under section 3 regardless of where the recruitment "
        "or the travel takes place."
    )
    assert "crim.extraterritorial" in suggested(body, "Nationals and residents", ACT)
    assert "crim.extraterritorial" in suggested(
        "A citizen of the Republic who commits an act abroad that would be an offence under this Act commits that "
        "offence.",
        "Extra-territorial jurisdiction",
        ACT,
    )


def test_a_child_offence_in_its_own_subsection_needs_no_means_though_the_adult_one_does() -> None:
    body = (
        "(1) Any person who recruits or transports an adult by force or deception for the purpose of exploitation "
        "shall be guilty of an offence.\n"
        "(2) Any person who recruits or transports a child for the purpose of exploitation shall be guilty of an "
        "offence."
    )
    assert "crim.child-no-means" in suggested(body, "Trafficking in persons", ACT)
    adult_only = body.split("\n")[0]
    assert "crim.child-no-means" not in suggested(adult_only, "Trafficking in persons", ACT)


def test_arranging_travel_with_a_view_to_exploitation_is_trafficking_under_a_trafficking_heading() -> None:
    body = (
        "(1) A person commits an offence if the person arranges the travel of another person with a view to that "
        "person being exploited.\n(2) A person may arrange travel in particular by recruiting, transporting or "
        "harbouring the other person.\n(3) A person guilty of an offence under this section is liable on conviction "
        "on indictment to imprisonment for life."
    )
    found = suggested(body, "Human trafficking", "Human Trafficking and Exploitation Act")
    assert {"crim.sex-trafficking", "crim.labour-trafficking", "crim.child-no-means"} <= found
    # The same words under a heading and title that say nothing of trafficking: no trafficking offence.
    assert "crim.sex-trafficking" not in suggested(body, "Travel offences", "Transport Act")


def test_obtaining_sexual_services_for_payment_is_buying_not_trafficking() -> None:
    body = (
        "A person commits an offence if the person obtains sexual services, in exchange for payment, from another "
        "person who has been subjected to force or threats."
    )
    assert "crim.sex-trafficking" not in suggested(body, "Paying for sexual services", ACT)


def test_a_public_official_named_among_aggravating_factors_is_official_complicity() -> None:
    body = (
        "(1) In sentencing for an offence under section 3, the court must treat the following as aggravating "
        "factors—\n(a) the victim was seriously injured;\n(b) the victim was a child;\n"
        "(c) the victim was particularly vulnerable by reason of illness or disability and the offender knew it;\n"
        "(d) the offence exposed the victim to a life-threatening illness;\n(e) a weapon was used;\n"
        "(f) the offender was a public servant acting in that capacity."
    )
    assert "crim.official-complicity" in suggested(body, "Aggravating factors", ACT)


def test_a_fine_in_dollars_is_not_funding_and_a_funds_trustees_are_not_a_coordinating_body() -> None:
    fine = "Any person who publishes the name of a trafficked victim shall be liable to a fine not exceeding $50,000."
    assert "part.dedicated-funding" not in suggested(fine, "Offences", ACT)
    fund = "There is established a Fund for victims of trafficking in persons, which shall be administered by a Board of Trustees."
    assert "part.coordinating-body" not in suggested(fund, "Establishment of the Fund", ACT)


def test_promoting_trafficking_is_facilitation() -> None:
    body = (
        "A person who knowingly manages or finances a job recruitment agency for the purpose of promoting "
        "trafficking in persons commits an offence and is liable to imprisonment for a term of not less than "
        "twenty years."
    )
    assert "crim.facilitator-liability" in suggested(body, "Promotion of trafficking in persons", ACT)


def test_the_penalty_of_an_exploitation_offence_under_a_trafficking_heading_is_the_penalty_of_trafficking() -> None:
    body = (
        "(1) Every person who harbours, transfers or receives a child, or exercises control over the movements of "
        "a child, for the purpose of exploiting the child commits an offence and is liable on conviction to "
        "imprisonment for a term of not more than fifteen years and not less than four years."
    )
    found = suggested(body, "Trafficking in children", "Criminal Law (Consolidation) Act")
    assert {"crim.labour-trafficking", "crim.penalties"} <= found
    # The same penalty for exploiting a child, with nothing to tie it to trafficking, is left to the analyst.
    assert "crim.penalties" not in suggested(body, "Exploitation of children", "Criminal Law (Consolidation) Act")
