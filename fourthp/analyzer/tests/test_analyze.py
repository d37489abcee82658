"""The analyzer, from authored text fixtures (fixtures/expected.json lists what
each must and must not yield) and from properties that hold for any text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fourthp.analyzer import THRESHOLD, Analysis, analyze, analyze_sections, iter_analysis
from fourthp.analyzer.framework import Framework, load_framework

PROJECT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED: dict[str, dict[str, object]] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
FRAMEWORK = load_framework(PROJECT / "data" / "frameworks" / "four-p-v1.yaml")
NEGATIVES = sorted(name for name, spec in EXPECTED.items() if spec["absent"] == "*")
POSITIVES = sorted(name for name, spec in EXPECTED.items() if spec["expect"])


def suggested(text: str, framework: Framework = FRAMEWORK) -> set[str]:
    return {f.provision for f in analyze_sections([("s", text)], framework).suggested}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", POSITIVES)
def test_it_suggests_the_provisions_an_authored_section_addresses(name: str) -> None:
    expect = set(EXPECTED[name]["expect"])  # type: ignore[arg-type]
    assert expect <= suggested(fixture(name))


@pytest.mark.parametrize("name", NEGATIVES)
def test_it_suggests_nothing_for_a_hard_negative(name: str) -> None:
    assert suggested(fixture(name)) == set()


@pytest.mark.parametrize(
    "name", sorted(n for n, s in EXPECTED.items() if isinstance(s["absent"], list) and s["absent"])
)
def test_it_does_not_mistake_a_definition_or_a_cross_reference_for_the_provision(name: str) -> None:
    assert not set(EXPECTED[name]["absent"]) & suggested(fixture(name))  # type: ignore[arg-type]


def test_the_fixtures_cover_every_provision_of_the_framework() -> None:
    covered = {p for spec in EXPECTED.values() for p in spec["expect"]}  # type: ignore[attr-defined]
    assert {p.id for p in FRAMEWORK.provisions} <= covered


def test_it_names_act_means_and_purpose_for_a_trafficking_offence() -> None:
    analysis = analyze_sections([("901", fixture("us-code-sex-trafficking.txt"))], FRAMEWORK)
    finding = next(f for f in analysis.suggested if f.provision == "crim.sex-trafficking")
    assert "act “" in finding.reason and "means “" in finding.reason and "purpose “" in finding.reason


def test_it_names_the_age_element_for_a_child_provision() -> None:
    analysis = analyze_sections([("c", fixture("treaty-definition.txt"))], FRAMEWORK)
    finding = next(f for f in analysis.suggested if f.provision == "crim.child-no-means")
    assert "age element" in finding.reason


def test_a_prostitution_offence_is_not_sex_trafficking_but_coerced_prostitution_is() -> None:
    plain = (
        "A person who engages in prostitution or offers to engage in sexual conduct for a fee commits a misdemeanor."
    )
    coerced = (
        "A person who recruits, entices or obtains another person by force, fraud or coercion to engage in "
        "prostitution or a commercial sex act is guilty of sex trafficking, a felony punishable by 20 years."
    )
    assert "crim.sex-trafficking" not in suggested(plain)
    assert "crim.sex-trafficking" in suggested(coerced)


def test_trafficking_in_drugs_next_to_nothing_human_yields_nothing_but_trafficking_in_persons_does() -> None:
    drugs = "Whoever traffics in a controlled substance by transporting or selling it shall be imprisoned for 20 years."
    persons = (
        "Whoever recruits or transports a person by force or threats for the purpose of forced labour "
        "commits trafficking in persons and shall be imprisoned for 20 years."
    )
    assert suggested(drugs) == set()
    assert "crim.labour-trafficking" in suggested(persons)


def test_a_cross_reference_is_not_the_offence_itself() -> None:
    text = (
        "Sec. 12. Bail.\nA person charged with an offence under section 11 (sex trafficking by force, fraud or "
        "coercion of a person to engage in a commercial sex act) shall not be released except by a judge."
    )
    assert "crim.sex-trafficking" not in suggested(text)


def test_offsets_point_into_the_original_text_despite_line_numbers_and_page_stamps() -> None:
    text = (
        "1   Sec. 1. Short title.\n"
        "2   This Act may be cited as the Anti-Trafficking Act.\n"
        "3   Sec. 2. Forced labor.\n"
        "4   Whoever knowingly obtains the labor or services of a person by means of\n"
        "5   force or serious harm shall be imprisoned not more than 20 years.\n"
        "Page 1 of 1\n"
    )
    analysis = analyze(text, FRAMEWORK)
    assert [s.number for s in analysis.sections] == ["1", "2"]
    finding = next(f for f in analysis.suggested if f.provision == "crim.slavery-forced-labour")
    assert finding.section == "2"
    assert (
        "orced labor" in text[finding.start : finding.end] or "labor or services" in text[finding.start : finding.end]
    )
    second = analysis.sections[1]
    assert second.start <= finding.start < finding.end <= second.end


def test_progress_is_reported_once_per_section_in_order() -> None:
    text = fixture("us-code-attempt.txt") + "\n" + fixture("us-code-extraterritorial.txt")
    calls: list[tuple[int, int]] = []
    analysis = analyze(text, FRAMEWORK, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    steps = list(iter_analysis(text, FRAMEWORK))
    assert [s.section for s in steps] == list(analysis.sections)


def test_suggested_findings_are_those_at_or_above_the_threshold() -> None:
    analysis = analyze(fixture("uk-act-labour-trafficking.txt"), FRAMEWORK)
    assert isinstance(analysis, Analysis)
    assert set(analysis.suggested) == {f for f in analysis.findings if f.confidence >= THRESHOLD}
    assert analysis.to_dict()["suggested"]


def test_analyze_sections_keeps_keys_and_offsets_into_each_sections_text() -> None:
    sections = [("a", "Nothing to see here."), ("b", fixture("us-code-civil.txt"))]
    analysis = analyze_sections(sections, FRAMEWORK)
    assert [s.number for s in analysis.sections] == ["a", "b"]
    (finding,) = [f for f in analysis.suggested if f.provision == "prot.civil-remedy"]
    assert finding.section == "b"
    assert sections[1][1][finding.start : finding.end].strip()


def test_it_only_reports_provisions_of_the_framework_it_is_given() -> None:
    from dataclasses import replace

    small = replace(FRAMEWORK, provisions=tuple(p for p in FRAMEWORK.provisions if p.id == "crim.penalties"))
    assert suggested(fixture("us-code-sex-trafficking.txt"), small) == {"crim.penalties"}


_LEGAL_WORDS = st.sampled_from(
    [
        "Sec. 1.",
        "§ 2.",
        "Article 3",
        "12 ",
        "(a)",
        "whoever",
        "recruits",
        "by force",
        "commercial sex act",
        "trafficking in persons",
        "drug trafficking",
        "under the age of 18",
        "shall",
        "means",
        "\n",
        "\f",
        "Page 1 of 2",
        "forced labour",
        "an offence under section 11",
        "“",
        "é",
        "\u0130",
        "restitution",
        "task force",
        " ",
    ]
)


@settings(deadline=None, max_examples=150)
@given(st.one_of(st.text(max_size=400), st.lists(_LEGAL_WORDS, max_size=60).map("".join)))
def test_no_text_makes_it_crash_and_findings_stay_in_bounds(text: str) -> None:
    analysis = analyze(text, FRAMEWORK)
    for f in analysis.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert 0.0 <= f.confidence <= 1.0
    for s in analysis.sections:
        assert 0 <= s.start <= s.end <= len(text)


@settings(deadline=None, max_examples=50)
@given(st.lists(st.tuples(st.text(max_size=5), st.text(max_size=200)), max_size=4))
def test_analyze_sections_accepts_any_sections(sections: list[tuple[str, str]]) -> None:
    analysis = analyze_sections(sections, FRAMEWORK)
    for f in analysis.findings:
        text = dict(sections)[f.section]
        assert 0 <= f.start <= f.end <= len(text)
        assert 0.0 <= f.confidence <= 1.0


def test_analysing_loads_no_django_module() -> None:
    code = (
        "import sys\n"
        "from fourthp.analyzer import analyze\n"
        "from fourthp.analyzer.framework import load_framework\n"
        "fw = load_framework('data/frameworks/four-p-v1.yaml')\n"
        "analyze('Sec. 1. Whoever recruits a person by force for forced labour shall be imprisoned.', fw)\n"
        "import fourthp.analyzer.__main__\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_reasons_name_elements_in_words_not_internal_keys() -> None:
    from fourthp.analyzer.rules import ELEMENT_LABELS

    labels = " ".join(ELEMENT_LABELS.values())
    keys = {key for key in ELEMENT_LABELS if key not in labels} | {"htref", "ht", "sexexp", "htvocab"}
    reasons = [
        finding.reason
        for path in sorted(FIXTURES.glob("*.txt"))
        for finding in analyze(path.read_text(encoding="utf-8"), FRAMEWORK).findings
    ]
    assert reasons
    for reason in reasons:
        outside_quotes = re.sub(r"“[^”]*”", " ", reason)
        assert not set(re.findall(r"[a-z]+", outside_quotes)) & keys, reason
