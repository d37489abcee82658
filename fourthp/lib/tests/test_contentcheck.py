"""The content check finds every problem of the bad drafts, and none in the good ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from fourthp.lib.contentcheck import Code, Figure, Wording, check_text, read_wording, wording_pattern

PROJECT = Path(__file__).resolve().parents[3]
DRAFTS = yaml.safe_load((PROJECT / "tests" / "fixtures" / "content_drafts.yaml").read_text(encoding="utf-8"))
WORDING = read_wording(PROJECT / "data" / "briefs" / "wording.txt")


def _registry() -> dict[str, Figure]:
    data = yaml.safe_load((PROJECT / "data" / "statistics" / "statistics.yaml").read_text(encoding="utf-8"))
    items = {s["id"]: s for s in data["statistics"]}

    def newest(key: str) -> str:
        while items[key].get("superseded_by"):
            key = items[key]["superseded_by"]
        return key

    return {key: Figure(s["quality"], newest(key) if s["quality"] == "superseded" else "") for key, s in items.items()}


REGISTRY = _registry()


@pytest.mark.parametrize("draft", DRAFTS["bad"], ids=[d["name"] for d in DRAFTS["bad"]])
def test_every_problem_of_a_bad_draft_is_caught(draft: dict[str, Any]) -> None:
    problems = check_text(draft["text"], REGISTRY, WORDING)
    assert [[p.code.value, p.found] for p in problems] == draft["problems"]


@pytest.mark.parametrize("draft", DRAFTS["good"], ids=[d["name"] for d in DRAFTS["good"]])
def test_a_good_draft_passes_clean(draft: dict[str, Any]) -> None:
    assert check_text(draft["text"], REGISTRY, WORDING) == []


def test_a_problem_says_where_it_is_and_what_to_write_instead() -> None:
    text = "Our brief.\n\nShe was rescued last year."
    [problem] = check_text(text, REGISTRY, WORDING)
    assert (problem.code, problem.line, problem.column) == (Code.WORDING, 3, 9)
    assert text[problem.start : problem.end] == "rescued"
    assert problem.details["instead"] == "supported, or assisted to leave"


def test_a_superseded_citation_names_the_newest_estimate() -> None:
    [problem] = check_text("Profits [[stat:forced-labour-profits-2014]].", REGISTRY)
    assert problem.details == {"key": "forced-labour-profits-2014", "successor": "forced-labour-profits-2024"}


def test_wording_is_matched_across_case_and_simple_inflections_only() -> None:
    chained = wording_pattern(Wording("en", "chained", "held"))
    assert chained.search("CHAINED to a bed") and chained.search("chaining")
    assert not chained.search("their supply chain and its supply chains")
    slave = wording_pattern(Wording("en", "sex slave", "x"))
    assert slave.search("Sex-Slaves") and not slave.search("sexual slavery as a crime")


def test_the_words_the_list_recommends_are_not_taken_for_the_words_it_avoids() -> None:
    entries = {(w.language, w.phrase): wording_pattern(w) for w in WORDING}
    for text in (
        "offences of prostitution",
        "persona en situación de prostitución",
        "personne en situation de prostitution",
        "persoană în situație de prostituție",
        "sclavie și muncă forțată",
    ):
        assert not [key for key, pattern in entries.items() if pattern.search(text)], text
    assert entries[("es", "prostituta")].search("Prostitutas") and entries[("ro", "prostituată")].search(
        "prostituatele"
    )
    assert entries[("fr", "prostituée")].search("prostitués") and entries[("es", "rescatada")].search("rescatados")


def test_a_section_citation_is_checked_when_the_sections_are_known() -> None:
    problems = check_text("[[section:us-dc-22-1833]] and [[section:nowhere-1]]", {}, sections={"us-dc-22-1833"})
    assert [(p.code, p.details["key"]) for p in problems] == [(Code.UNKNOWN_SECTION, "nowhere-1")]


def test_every_line_of_the_wording_list_is_well_formed() -> None:
    assert {w.language for w in WORDING} == {"en", "es", "fr", "ro", "uk"}
    assert all(w.instead for w in WORDING)
