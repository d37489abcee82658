from hypothesis import given, settings
from hypothesis import strategies as st

from fourthp.analyzer.segment import Segment, natural_key, split_sections
from fourthp.lib.text import normalise_text


def numbers(segments: list[Segment]) -> list[str]:
    return [s.number for s in segments]


# --- drafting traditions ----------------------------------------------------


def test_it_splits_a_treaty_on_article_headings_with_the_title_on_the_next_line() -> None:
    text = (
        "Protocol against Everything\n"
        "The States Parties to this Protocol have agreed as follows:\n"
        "Article 1\n"
        "Statement of purpose\n"
        "1. The purposes of this Protocol are to prevent trafficking.\n"
        "2. Article 5 of this Protocol shall apply mutatis mutandis.\n"
        "Article 2\n"
        "Use of terms\n"
        "For the purposes of this Protocol:\n"
        "a) “Child” shall mean any person under eighteen years of age.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1", "2"]
    assert [s.heading for s in segments] == ["Statement of purpose", "Use of terms"]
    assert segments[0].text == (
        "1. The purposes of this Protocol are to prevent trafficking.\n"
        "2. Article 5 of this Protocol shall apply mutatis mutandis."
    )


def test_it_reads_abbreviated_and_roman_article_headings() -> None:
    abbreviated = split_sections("Art. 1 – Scope\nThis Code applies.\nArt. 2 – Definitions\nIn this Code:\n")
    assert numbers(abbreviated) == ["1", "2"]
    assert abbreviated[1].heading == "Definitions"

    roman = split_sections(
        "ARTICLE IV\nThe parties agree.\nARTICLE V\nThe parties agree again.\n"
        "ARTICLE VI\nThis Convention enters into force on signature.\n"
    )
    assert numbers(roman) == ["IV", "V", "VI"]
    assert roman[2].text == "This Convention enters into force on signature."


def test_it_splits_us_bills_on_section_and_sec_headings() -> None:
    text = (
        "AN ACT to combat trafficking.\n"
        "Section 1. Short title.\n"
        "This Act may be cited as the Trafficking Act.\n"
        "Sec. 2. Definitions.\n"
        "In this Act, the term “minor” means a person under 18.\n"
        "SEC. 3. The Secretary shall issue rules within 90 days.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1", "2", "3"]
    assert [s.heading for s in segments] == ["Short title", "Definitions", ""]
    assert segments[2].text == "The Secretary shall issue rules within 90 days."


def test_it_splits_us_codes_on_section_signs_with_hyphenated_numbers() -> None:
    text = (
        "§ 22-1833. Trafficking in labor or commercial sex acts.\n"
        "(a) It is unlawful for an individual or a business knowingly to recruit a person.\n"
        "§ 22-1834. Sex trafficking of children.\n"
        "(a) It is unlawful to recruit a minor; see\n"
        "§ 22-1833(a) for the means.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["22-1833", "22-1834"]
    assert segments[0].heading == "Trafficking in labor or commercial sex acts"
    assert segments[1].text == "(a) It is unlawful to recruit a minor; see\n§ 22-1833(a) for the means."


def test_it_splits_section_sign_headings_in_increasing_order() -> None:
    text = (
        "§ 1591. Sex trafficking\n(a) Whoever knowingly\n"
        "§ 1592. Documents\nWhoever destroys\n"
        "§ 1593A. Benefits\nWhoever benefits\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1591", "1592", "1593A"]
    assert [s.heading for s in segments] == ["Sex trafficking", "Documents", "Benefits"]


def test_it_splits_uk_style_numbered_sections_with_and_without_a_full_stop() -> None:
    spaced = split_sections(
        "1 Slavery, servitude and forced labour\n(1) A person commits an offence if—\n"
        "(a) the person holds another person in slavery.\n"
        "2 Human trafficking\n(1) A person commits an offence if the person arranges travel.\n"
    )
    assert numbers(spaced) == ["1", "2"]
    assert spaced[0].heading == "Slavery, servitude and forced labour"
    assert spaced[1].text == "(1) A person commits an offence if the person arranges travel."

    dotted = split_sections("12. Interpretation\nIn this Act—\n13. Commencement\nThis Act comes into force.\n")
    assert numbers(dotted) == ["12", "13"]
    assert dotted[1].heading == "Commencement"


def test_it_separates_a_heading_from_the_body_on_the_same_line() -> None:
    text = (
        "1. Short title, extent and commencement.—(1) This Act may be called the Test Act.\n"
        "(2) It extends to the whole country.\n"
        "2. Definitions. In this Act, unless the context otherwise requires,—\n"
        "(a) “child” means a person under eighteen;\n"
    )
    segments = split_sections(text)
    assert [(s.number, s.heading) for s in segments] == [
        ("1", "Short title, extent and commencement"),
        ("2", "Definitions"),
    ]
    assert segments[0].text == "(1) This Act may be called the Test Act.\n(2) It extends to the whole country."
    assert segments[1].text.startswith("In this Act, unless the context otherwise requires,—\n")


def test_it_splits_canadian_decimal_sections_whose_text_starts_on_the_number_line() -> None:
    text = (
        "279.01 (1) Every person who recruits a person is guilty of an indictable offence.\n"
        "(2) No consent to the activity is valid.\n"
        "279.011 (1) Every person who recruits a person under eighteen is guilty.\n"
        "279.02 (1) Every person who receives a material benefit is guilty.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["279.01", "279.011", "279.02"]
    assert segments[0].heading == ""
    assert segments[0].text == (
        "(1) Every person who recruits a person is guilty of an indictable offence.\n"
        "(2) No consent to the activity is valid."
    )


def test_it_trusts_markdown_headings_over_numbered_lines_in_the_body() -> None:
    text = (
        "# Criminal Code\n\n"
        "## Part XIII\n\n"
        "### 279.01 Trafficking in persons\n\n"
        "(1) Every person who recruits a person is guilty.\n\n"
        "Section 5 Something quoted that looks like a heading\n\n"
        "### 279.011 Trafficking of a person under the age of eighteen years\n\n"
        "(1) Every person who recruits a child is guilty.\n\n"
        "## Part XIV\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["279.01", "279.011"]
    assert segments[0].heading == "Trafficking in persons"
    assert "Section 5 Something quoted" in segments[0].text
    # A part heading after a section's text introduces the next part.
    assert "Part XIV" not in segments[1].text


def test_it_reads_markdown_article_headings_with_the_title_in_the_next_heading() -> None:
    text = "### Article  6  \n\n####Assistance to victims\n\n1.   Each State Party shall protect victims.\n"
    segments = split_sections(text)
    assert numbers(segments) == ["6"]
    assert segments[0].heading == "Assistance to victims"
    assert segments[0].text == "1.   Each State Party shall protect victims."


def test_it_reads_us_code_markdown_section_lines() -> None:
    segments = split_sections("#### § 7103a. Creating partnerships\n##### (a) Purpose\nText.\n")
    assert numbers(segments) == ["7103a"]
    assert segments[0].heading == "Creating partnerships"
    assert segments[0].text == "##### (a) Purpose\nText."


def test_a_cross_reference_starting_a_line_does_not_start_a_section() -> None:
    text = (
        "Article 1\nScope\nThis applies to offences in\n"
        "Article 5 of the Convention and to nothing else.\n"
        "Article 2\nUse of terms\nTerms mean things.\n"
    )
    assert numbers(split_sections(text)) == ["1", "2"]


def test_an_out_of_order_number_does_not_cut_a_section_in_two() -> None:
    text = (
        "Section 1. Purpose.\nThis Act protects victims. See\n"
        "Section 9. of the Other Act.\n"
        "Section 2. Definitions.\nTerms.\nSection 3. Offences.\nOffences.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1", "2", "3"]
    assert "Section 9. of the Other Act." in segments[0].text


def test_without_numbered_headings_the_whole_text_is_one_section() -> None:
    text = "\n\nAn ordinance about\nthings in general.\n\n"
    assert split_sections(text) == [Segment("1", "", "An ordinance about\nthings in general.", 0, len(text))]


def test_an_empty_text_has_no_sections() -> None:
    assert split_sections("") == []
    assert split_sections(" \n\n\t") == []


def test_offsets_point_at_the_heading_and_the_end_of_the_body() -> None:
    text = "Preamble.\nSection 1. Title.\nBody one.\n\nSection 2. Other.\nBody two.\n"
    first, second = split_sections(text)
    assert text[first.start : first.end] == "Section 1. Title.\nBody one."
    assert text[second.start : second.end] == "Section 2. Other.\nBody two."


# --- print noise ----------------------------------------------------------


def test_it_removes_printed_line_numbers() -> None:
    text = (
        "1 AN ACT to amend chapter 566.\n"
        "2 Section 1. Definitions.\n"
        "3 As used in this section, the following terms mean:\n"
        "4 (1) “Minor”, a person under 18;\n"
        "5 Section 2. Offense.\n"
        "6 A person commits the offense of trafficking.\n"
        "7\n"
        "8 The offense is a class A felony.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1", "2"]
    assert segments[0].text == "As used in this section, the following terms mean:\n(1) “Minor”, a person under 18;"
    assert segments[1].text == "A person commits the offense of trafficking.\nThe offense is a class A felony."


def test_it_removes_page_number_stamps() -> None:
    text = (
        "Section 1. Title.\nThe first part of the text\n- 1 -\ncontinues here.\n"
        "Page 2 of 3\nSection 2. Rules.\nRules apply.\n3\nStill rules.\n"
    )
    segments = split_sections(text)
    assert numbers(segments) == ["1", "2"]
    assert segments[0].text == "The first part of the text\ncontinues here."
    assert segments[1].text == "Rules apply.\nStill rules."


def test_it_removes_running_headers_and_footers_repeated_on_pages() -> None:
    pages = [
        "HOUSE BILL 1234\nSection 1. Title.\nThis Act is the Test Act.\nIntroduced version 2024 | 1",
        "HOUSE BILL 1234\nSection 2. Offence.\nA person who traffics commits an offence.\nIntroduced version 2024 | 2",
        "HOUSE BILL 1234\nand is liable to imprisonment.\nSection 3. Penalty.\nTen years.\nIntroduced version 2024 | 3",
    ]
    segments = split_sections("\f".join(pages))
    assert numbers(segments) == ["1", "2", "3"]
    assert segments[1].text == "A person who traffics commits an offence.\nand is liable to imprisonment."
    assert all("HOUSE BILL" not in s.text and "Introduced" not in s.text for s in segments)


def test_it_finds_pages_from_page_stamps_when_there_are_no_form_feeds() -> None:
    text = (
        "Trafficking Act 2020\nSection 1. Title.\nThis Act is the Test Act.\nPage 1 of 3\n"
        "Trafficking Act 2020\nSection 2. Offence.\nA person commits an offence.\nPage 2 of 3\n"
        "Trafficking Act 2020\nSection 3. Penalty.\nTen years.\nPage 3 of 3\n"
    )
    segments = split_sections(text)
    assert [s.text for s in segments] == ["This Act is the Test Act.", "A person commits an offence.", "Ten years."]


def test_a_line_repeated_in_the_body_of_a_text_without_pages_is_kept() -> None:
    text = (
        "Section 1. A.\n(b) an offence punishable on summary conviction.\n"
        "Section 2. B.\n(b) an offence punishable on summary conviction.\n"
        "Section 3. C.\n(b) an offence punishable on summary conviction.\n"
    )
    assert [s.text for s in split_sections(text)] == ["(b) an offence punishable on summary conviction."] * 3


# --- ordering and robustness -----------------------------------------------


def test_natural_key_orders_section_numbers_as_a_reader_expects() -> None:
    unordered = ["22-1843", "279.02", "1593A", "7(5)", "279.011", "22-1831", "1594", "7(4.11)", "279.01", "1593"]
    assert sorted(unordered, key=natural_key) == [
        "7(4.11)",
        "7(5)",
        "22-1831",
        "22-1843",
        "279.01",
        "279.011",
        "279.02",
        "1593",
        "1593A",
        "1594",
    ]
    assert natural_key("VI") < natural_key("X")


_STATUTE_LIKE = st.lists(
    st.sampled_from(
        [
            "Article 1",
            "ARTICLE IV",
            "Art. 3 – Scope",
            "Section 2. Definitions.",
            "§ 22-1833. Trafficking",
            "12 Heading",
            "279.01 (1) Every person",
            "### Article  6  ",
            "####Title",
            "Page 3 of 10",
            "- 4 -",
            "7",
            "1 AN ACT",
            "(a) a paragraph;",
            "",
            "\f",
            "Some prose that goes on.",
        ]
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=300)
@given(st.one_of(st.text(), _STATUTE_LIKE))
def test_it_never_fails_and_returns_ordered_segments_within_the_text(text: str) -> None:
    segments = split_sections(text)
    previous_end = 0
    for segment in segments:
        assert previous_end <= segment.start <= segment.end <= len(text)
        assert segment.number
        assert normalise_text(segment.text) == segment.text
        previous_end = segment.end


def test_words_shown_only_to_be_deleted_are_blanked_and_markdown_links_are_not() -> None:
    from fourthp.analyzer.segment import mask_noise

    bill = "the age of [fourteen] eighteen years,\n[a person who sells\na child] and"
    amending = (
        "is amended by striking the phrase “sex trafficking” and inserting the phrase “x”; for “slavery” substitute “y”"
    )
    link = "see [the Act](https://example.org) and [Repealed]"
    for text in (bill, amending, link):
        masked = mask_noise(text)
        assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    blank = {part: " " * len(part) for part in ("[fourteen]", "[a person who sells", "a child]")}
    expected = bill
    for part, spaces in blank.items():
        expected = expected.replace(part, spaces)
    assert mask_noise(bill) == expected
    masked = mask_noise(amending)
    assert "sex trafficking" not in masked and "slavery" not in masked and "“x”" in masked and "“y”" in masked
    assert mask_noise(link) == "see [the Act](https://example.org) and           "
