"""Tests for the framework parser, against the shipped framework and broken copies of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fourthp.analyzer.framework import (
    REF_SCHEMES,
    Framework,
    FrameworkError,
    Ref,
    load_framework,
    parse_framework,
)

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "frameworks" / "four-p-v1.yaml"
SHIPPED_TEXT = SHIPPED.read_text(encoding="utf-8")

MINIMAL = """\
framework:
  id: tiny
  version: 1
  title: Tiny framework
  pillars:
    - id: prosecution
      title: Prosecution
      summary: Crimes are crimes.
provisions:
  - id: crim.one
    pillar: prosecution
    weight: 1
    levels: [national]
    title: One
    question: Is it one?
    full: Yes.
    partial: Partly.
    refs: [palermo:3]
"""


def parse_error(text: str) -> str:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text)
    return str(caught.value)


def minimal_with(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


@pytest.fixture(scope="module")
def shipped() -> Framework:
    return load_framework(SHIPPED)


# ------------------------------------------------------------ the shipped file


def test_the_shipped_framework_has_47_provisions_in_4_pillars(
    shipped: Framework,
) -> None:
    assert (shipped.id, shipped.version) == ("four-p", 1)
    assert [p.id for p in shipped.pillars] == [
        "prosecution",
        "protection",
        "prevention",
        "partnership",
    ]
    assert len(shipped.provisions) == 47
    assert sum(len(shipped.pillar_provisions(p.id)) for p in shipped.pillars) == 47


def test_the_shipped_provision_ids_are_unique(shipped: Framework) -> None:
    ids = [p.id for p in shipped.provisions]
    assert len(set(ids)) == len(ids)


def test_every_shipped_reference_uses_a_known_scheme(shipped: Framework) -> None:
    schemes = {ref.scheme for p in shipped.provisions for ref in p.refs}
    assert schemes <= set(REF_SCHEMES)
    assert schemes == set(REF_SCHEMES), "every scheme in the header is used at least once"


def test_orders_follow_the_file(shipped: Framework) -> None:
    assert [p.order for p in shipped.pillars] == [1, 2, 3, 4]
    assert [p.order for p in shipped.provisions] == list(range(1, 48))


def test_a_provision_is_found_by_id(shipped: Framework) -> None:
    penalties = shipped.provision("crim.penalties")
    assert penalties.pillar == "prosecution"
    assert penalties.weight == 2.0
    assert penalties.levels == ("national", "subnational")
    assert penalties.refs == (
        Ref("tvpa108", "2"),
        Ref("tvpa108", "3"),
        Ref("unodc-model", "9"),
    )


def test_an_unknown_provision_or_pillar_is_a_key_error(shipped: Framework) -> None:
    with pytest.raises(KeyError, match=r"crim\.nothing"):
        shipped.provision("crim.nothing")
    with pytest.raises(KeyError, match="publicity"):
        shipped.pillar_provisions("publicity")


def test_national_only_provisions_are_kept_to_the_national_level(
    shipped: Framework,
) -> None:
    assert shipped.provision("prot.immigration-relief").levels == ("national",)


@pytest.mark.parametrize(
    ("ref", "label"),
    [
        (Ref("palermo", "3"), "Palermo Protocol art. 3"),
        (Ref("tvpa108", "1"), "TVPA § 108 minimum standard 1"),
        (Ref("gsi", "2"), "Walk Free milestone 2"),
        (Ref("polaris", "4"), "Polaris category 4"),
        (Ref("unodc-model", "8"), "UNODC Model Law art. 8"),
        (Ref("ask", "itht"), "Policy ask: itht"),
    ],
)
def test_a_reference_has_a_readable_label(ref: Ref, label: str) -> None:
    assert ref.label == label


# ------------------------------------------------------------ validation


def test_the_minimal_framework_is_valid() -> None:
    framework = parse_framework(MINIMAL)
    assert framework.provision("crim.one").refs == (Ref("palermo", "3"),)


def test_a_missing_provision_field_is_named() -> None:
    message = parse_error(minimal_with("    question: Is it one?\n", ""))
    assert message == "provision 'crim.one' (line 10) is missing the field 'question'"


def test_a_missing_framework_field_is_named() -> None:
    message = parse_error(minimal_with("  version: 1\n", ""))
    assert "'framework' (line 2) is missing the field 'version'" in message


def test_a_misspelt_field_is_reported_as_missing() -> None:
    message = parse_error(minimal_with("partial:", "partal:"))
    assert "provision 'crim.one'" in message
    assert "missing the field 'partial'" in message


def test_an_extra_field_is_reported_as_unknown() -> None:
    message = parse_error(minimal_with("    refs: [palermo:3]\n", "    refs: [palermo:3]\n    note: x\n"))
    assert "provision 'crim.one' (line 10) has the unknown field 'note'" in message


def test_a_duplicate_provision_id_is_refused() -> None:
    provision = MINIMAL[MINIMAL.index("  - id: crim.one") :]
    message = parse_error(MINIMAL + provision)
    assert "provision 'crim.one' (line 19) repeats an id already used (line 10)" in message


def test_an_unknown_pillar_is_refused() -> None:
    message = parse_error(minimal_with("pillar: prosecution", "pillar: publicity"))
    assert "provision 'crim.one' (line 10): unknown pillar 'publicity'" in message
    assert "prosecution" in message


def test_an_unknown_level_is_refused() -> None:
    message = parse_error(minimal_with("levels: [national]", "levels: [national, municipal]"))
    assert "provision 'crim.one' (line 10): unknown level 'municipal'" in message
    assert "national, subnational" in message


@pytest.mark.parametrize("weight", ["0", "-1", "two", "true", ".nan", ".inf", "[1]"])
def test_a_weight_that_is_not_a_positive_number_is_refused(weight: str) -> None:
    message = parse_error(minimal_with("weight: 1", f"weight: {weight}"))
    assert "provision 'crim.one' (line 10): 'weight' must be a positive number" in message


def test_a_fractional_weight_is_accepted() -> None:
    framework = parse_framework(minimal_with("weight: 1", "weight: 1.5"))
    assert framework.provision("crim.one").weight == 1.5


def test_an_unknown_reference_scheme_is_refused() -> None:
    message = parse_error(minimal_with("refs: [palermo:3]", "refs: [palermo:3, ilo:29]"))
    assert "provision 'crim.one' (line 10): unknown reference scheme 'ilo'" in message


@pytest.mark.parametrize("ref", ["palermo", "palermo:", "palermo:three", "tvpa108:0", "ask:Big Ask"])
def test_a_malformed_reference_is_refused(ref: str) -> None:
    message = parse_error(minimal_with("refs: [palermo:3]", f"refs: ['{ref}']"))
    assert message.startswith("provision 'crim.one' (line 10): reference ")


def test_a_repeated_reference_is_refused() -> None:
    message = parse_error(minimal_with("refs: [palermo:3]", "refs: [palermo:3, palermo:3]"))
    assert "'refs' lists 'palermo:3' twice" in message


def test_bad_yaml_is_reported_with_its_line() -> None:
    message = parse_error(minimal_with("    title: One\n", "    title: [One\n"))
    assert message.startswith("the framework is not valid YAML at line ")
    line = int(message.split("line ")[1].split(",")[0])
    assert 15 <= line <= 17


def test_a_key_given_twice_is_reported_with_its_line() -> None:
    message = parse_error(minimal_with("    full: Yes.\n", "    full: Yes.\n    full: No.\n"))
    assert message == ("the framework is not valid YAML at line 17, column 5: found the key 'full' twice")


def test_empty_text_is_refused() -> None:
    assert "must be a mapping" in parse_error("")


def test_a_version_that_is_not_a_whole_number_is_refused() -> None:
    assert "'version' must be a whole number" in parse_error(minimal_with("version: 1", "version: v1"))


def test_a_pillar_without_provisions_is_refused() -> None:
    extra = "    - id: prevention\n      title: Prevention\n      summary: Stop it early.\n"
    message = parse_error(minimal_with("provisions:\n", extra + "provisions:\n"))
    assert message == "pillar 'prevention' has no provisions"


def test_an_id_with_spaces_is_refused() -> None:
    message = parse_error(minimal_with("id: crim.one", "id: Crim One"))
    assert "'id' must be lower-case letters and digits" in message


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("Crimes", "Crímes").encode("latin-1"))
    with pytest.raises(FrameworkError, match="not UTF-8"):
        load_framework(path)


# ------------------------------------------------------------ checksum


def test_the_checksum_ignores_formatting_and_comments(shipped: Framework) -> None:
    data = yaml.safe_load(SHIPPED_TEXT)
    as_json = json.dumps(data, indent=1)  # JSON is YAML too, with no comments left
    reflowed = yaml.safe_dump(data, default_flow_style=True, width=60, sort_keys=True)
    assert parse_framework(as_json).checksum == shipped.checksum
    assert parse_framework(reflowed).checksum == shipped.checksum


def test_the_checksum_treats_2_and_2_0_as_the_same_weight() -> None:
    assert parse_framework(minimal_with("weight: 1", "weight: 1.0")).checksum == parse_framework(MINIMAL).checksum


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("weight: 1", "weight: 2"),
        ("Is it one?", "Is it two?"),
        ("levels: [national]", "levels: [national, subnational]"),
        ("refs: [palermo:3]", "refs: [palermo:4]"),
        ("version: 1", "version: 2"),
        ("Crimes are crimes.", "Crimes are offences."),
    ],
)
def test_the_checksum_changes_when_a_value_changes(old: str, new: str) -> None:
    assert parse_framework(minimal_with(old, new)).checksum != parse_framework(MINIMAL).checksum


def test_the_checksum_is_a_sha256_hex_digest(shipped: Framework) -> None:
    assert len(shipped.checksum) == 64
    int(shipped.checksum, 16)


# ------------------------------------------------------------ robustness

# fmt: off
YAML_TOKENS = st.sampled_from(
    [
        "\n", "  ", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
        "!!python/name:os.system ", "? ", "|\n", ">\n", "'", '"', "#", "framework:",
        "provisions:", "id: x", "pillar: ", "weight: ", "levels: ", "refs: ",
        "palermo:3", "ask:", "national", "2020-13-45", "1e999", "<<: *a", "---", "...",
        "\t", "~", "true", "-1", "0x1F",
    ]
)
# fmt: on
# Values that are valid YAML but awkward for a parser: impossible dates, huge
# numbers, aliases to nothing, nested collections, empty values.
# fmt: off
SCALARS = st.sampled_from(
    [
        "2020-13-45", "2020-02-30 25:61:00", "1e999", "-.inf", "0", "-1", "~", "",
        "true", "*a", "&a [*a]", "{a: 1}", "[1, [2]]", "[palermo:3, ilo:1]", "[ask:]",
        "!!binary AAAA", "!!timestamp x", "0o99", "!!int x",
        "!!bool x", "!!int ''", "!!float x", "!!set [1]", "!!omap 1",
    ]
)
# fmt: on
yamlish = st.lists(st.one_of(YAML_TOKENS, st.text(max_size=5)), max_size=40).map("".join)

SHIPPED_LINES = SHIPPED_TEXT.splitlines(keepends=True)


@st.composite
def mutated_shipped(draw: st.DrawFn) -> str:
    """The shipped file with a few lines deleted, doubled, replaced or given a new value."""
    lines = list(SHIPPED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "double", "replace", "revalue"]))
        key, colon, _ = lines[index].partition(": ")
        if action == "delete":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "revalue" and colon:
            lines[index] = key + colon + draw(st.one_of(SCALARS, yamlish)) + "\n"
        else:
            lines[index] = draw(yamlish) + "\n"
    return "".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(yamlish, st.text(max_size=200), mutated_shipped()))
def test_arbitrary_text_raises_nothing_but_framework_error(text: str) -> None:
    try:
        framework = parse_framework(text)
    except FrameworkError as error:
        assert str(error)
    else:
        assert framework.provisions
