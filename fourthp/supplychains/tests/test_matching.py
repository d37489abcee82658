"""The normalisation goods are matched on: case, accents, punctuation, plurals, synonyms and HS codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fourthp.supplychains.matching import GoodIndex, fold, good_key, name_keys, read_pairs, singular
from fourthp.supplychains.queries import HS_CODES_FILE, SYNONYMS_FILE

INDEX = GoodIndex.build(
    ["Cocoa", "Açaí Berries", "Bricks", "Bricks (clay)", "Brazil Nuts/Chestnuts", "Tomatoes", "Solar Modules"],
    [("cacao", "Cocoa"), ("solar panels", "Solar Modules"), ("lumber", "Timber")],
    [("1801", "Cocoa"), ("854143", "Solar Modules"), ("0702", "Tomatoes")],
)


def test_case_accents_and_punctuation_do_not_count() -> None:
    assert fold("  Açaí-BERRIES! ") == "acai berries"
    assert INDEX.match("ACAI berries") == (("Açaí Berries",), "name")


def test_plurals_match_singulars_both_ways() -> None:
    assert INDEX.match("tomato") == (("Tomatoes",), "name")
    assert INDEX.match("açaí berry") == (("Açaí Berries",), "name")
    assert singular("berries") == "berry" and singular("boxes") == "box" and singular("glass") == "glass"
    assert singular("asbestos") == "asbestos"


def test_a_name_answers_to_its_part_before_a_bracket_and_each_part_of_a_slash() -> None:
    assert INDEX.match("brick") == (("Bricks", "Bricks (clay)"), "name")
    assert INDEX.match("chestnuts") == (("Brazil Nuts/Chestnuts",), "name")
    assert name_keys("Brazil Nuts/Chestnuts") == ["brazil nut chestnut", "brazil nut", "chestnut"]


def test_synonyms_come_after_names_and_lead_only_to_goods_on_the_list() -> None:
    assert INDEX.match("Cacao") == (("Cocoa",), "synonym")
    assert INDEX.match("solar panel") == (("Solar Modules",), "synonym")
    assert INDEX.match("lumber") == ((), "")  # Timber is not in this index


def test_hs_codes_are_matched_on_the_longest_prefix_when_the_name_gives_nothing() -> None:
    assert INDEX.match("Widget A-12", "1801.00") == (("Cocoa",), "hs code")
    assert INDEX.match("PV", "8541.43.00") == (("Solar Modules",), "hs code")
    assert INDEX.match("Widget", "8541.10") == ((), "")
    assert INDEX.match("Tomatoes", "1801") == (("Tomatoes",), "name")


def test_the_shipped_synonyms_and_hs_codes_name_goods_of_the_shipped_list(seeded: None) -> None:
    from fourthp.findings.models import GoodFinding

    names = set(GoodFinding.objects.values_list("good", flat=True))
    keys = {key for name in names for key in name_keys(name)}
    synonyms = read_pairs(SYNONYMS_FILE, "synonym", "good")
    hs_codes = read_pairs(HS_CODES_FILE, "hs_code", "good")
    assert synonyms and hs_codes
    assert [good for _, good in synonyms if good_key(good) not in keys] == []
    assert [good for _, good in hs_codes if good_key(good) not in keys] == []


words = st.text(alphabet="abcdeiosuyABCDEIOSUYçÇéÉíÍüÜ -'.,/", max_size=40)


@given(words)
def test_the_key_ignores_case_accents_and_punctuation(text: str) -> None:
    key = good_key(text)
    assert good_key(text.upper()) == key == good_key(text.lower())
    assert key == key.strip() and "  " not in key
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in key)


@given(st.sampled_from(["tomato", "berry", "box", "cocoa bean", "shoe", "glass"]))
def test_a_plural_and_its_singular_share_a_key(word: str) -> None:
    plural = {"tomato": "tomatoes", "berry": "berries", "box": "boxes", "shoe": "shoes", "glass": "glasses"}
    last = word.split()[-1]
    assert good_key(word) == good_key(word.replace(last, plural.get(last, last + "s")))


@given(st.sampled_from(["Cocoa", "Tomatoes", "Solar Modules", "Brazil Nuts/Chestnuts"]), st.booleans())
def test_every_listed_name_matches_itself_in_any_case(name: str, upper: bool) -> None:
    names, how = INDEX.match(name.upper() if upper else name.lower())
    assert name in names and how == "name"
