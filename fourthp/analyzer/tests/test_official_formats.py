"""Readers for the formats official sources publish (Akoma Ntoso, legislation.gov.uk CLML,
EUR-Lex XHTML) and for the JSON and Markdown layouts of the member countries' law."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fourthp.analyzer.readers import ReaderError, detect_format, read_document, read_many
from fourthp.lib.text import normalise_text

SAMPLES = Path(__file__).resolve().parent / "samples"
DATA = Path(__file__).resolve().parents[3] / "data" / "statutes"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read_sample(name: str, fmt: str) -> tuple[str, str, list[tuple[str, str, str]]]:
    data = sample(name)
    assert detect_format(data, name) == fmt
    document = read_document(data, fmt, filename=name)
    for section in document.sections:
        assert section.text == normalise_text(section.text)
    return document.title, document.language, [(s.number, s.heading, s.text) for s in document.sections]


def offset_of_line(text: str, line: int) -> int:
    return sum(len(part) + 1 for part in text.split("\n")[:line])


# --- Akoma Ntoso ----------------------------------------------------------------------


def test_it_reads_an_akoma_ntoso_act_with_sections_subsections_and_points() -> None:
    title, language, sections = read_sample("akn-sample-act.xml", "akoma-ntoso")
    assert (title, language) == ("Sample Counter-Trafficking Act, 2026", "en")
    assert [(number, heading) for number, heading, _ in sections] == [
        ("1", "Short title"),
        ("2", "Interpretation"),
        ("3", "Trafficking in persons"),
    ]
    assert sections[0][2] == "This Act may be cited as the Sample Counter-Trafficking Act, 2026."
    text = sections[2][2]
    assert text.split("\n") == [
        "(1) A person who recruits, transports, harbours or receives another person for the purpose of "
        "exploitation by means of—",
        "(a) threat or use of force; or",
        "(b) abuse of a position of vulnerability,",
        "commits an offence.",
        "(2) The consent of the victim is not a defence.",
    ]
    start = offset_of_line(text, 2)
    assert text[start : start + len("(b) abuse")] == "(b) abuse"


def test_an_akoma_ntoso_authorial_note_is_not_part_of_the_text() -> None:
    _, _, sections = read_sample("akn-sample-act.xml", "akoma-ntoso")
    assert sections[1][2].endswith('(b) "exploitation" includes forced labour, servitude and slavery.')
    assert "editor" not in sections[1][2]


def test_akoma_ntoso_articles_are_read_too_and_their_number_word_is_dropped() -> None:
    data = sample("akn-sample-act.xml").replace(b"<section ", b"<article ").replace(b"</section>", b"</article>")
    data = data.replace(b"<num>3.</num>", b"<num>Article 3</num>")
    document = read_document(data, "akoma-ntoso", filename="act.xml", only=["3"])
    assert [s.number for s in document.sections] == ["3"]


def test_a_truncated_akoma_ntoso_file_names_the_section_being_read() -> None:
    data = sample("akn-sample-act.xml")
    cut = data[: data.index(b"abuse of a position")]
    with pytest.raises(ReaderError, match=r"^Section 3 of act\.xml could not be read: the XML ends early"):
        read_document(cut, "akoma-ntoso", filename="act.xml")


def test_akoma_ntoso_without_a_body_or_a_section_number_is_refused_clearly() -> None:
    ns = b'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'
    with pytest.raises(ReaderError, match=r"^a\.xml is an Akoma Ntoso file without an act: there is no <act>"):
        read_document(b"<akomaNtoso " + ns + b"><act><meta/></act></akomaNtoso>", "akoma-ntoso", filename="a.xml")
    no_number = b"<akomaNtoso " + ns + b'><act><body><section eId="sec_4"><content><p>x</p></content>'
    no_number += b"</section></body></act></akomaNtoso>"
    with pytest.raises(ReaderError, match=r"A section \(eId “sec_4”\) of a\.xml has no number"):
        read_document(no_number, "akoma-ntoso", filename="a.xml")
    with pytest.raises(ReaderError, match=r"a\.xml is not an Akoma Ntoso document: its top element is <Legislation>"):
        read_document(sample("clml-modern-slavery-act-2015-extract.xml"), "akoma-ntoso", filename="a.xml")


# --- legislation.gov.uk CLML -----------------------------------------------------------


def test_it_reads_clml_sections_with_their_group_titles_as_headings() -> None:
    title, language, sections = read_sample("clml-modern-slavery-act-2015-extract.xml", "clml")
    assert (title, language) == ("Modern Slavery Act 2015", "en")
    assert [(number, heading) for number, heading, _ in sections] == [
        ("1", "Slavery, servitude and forced or compulsory labour"),
        ("2", "Human trafficking"),
    ]
    text = sections[0][2]
    lines = text.split("\n")
    assert lines[0] == "(1) A person commits an offence if—"
    assert lines[1].startswith("(a) the person holds another person in slavery or servitude")
    assert lines[2].startswith("(b) the person requires another person to perform forced or compulsory labour")
    # The commentary reference is editorial; the citation's words stay.
    assert lines[3].endswith("construed in accordance with Article 4 of the Human Rights Convention.")
    assert "substituted" not in text
    start = offset_of_line(text, 2)
    assert text[start:].startswith("(b) the person requires")
    assert sections[1][2] == (
        "(1) A person commits an offence if the person arranges or facilitates the travel of another person (“V”) "
        "with a view to V being exploited.\n"
        "(2) It is irrelevant whether V consents to the travel (whether V is an adult or a child)."
    )


def test_bad_clml_files_say_what_is_wrong() -> None:
    with pytest.raises(ReaderError, match=r"^x\.xml is not legislation\.gov\.uk XML: its top element is <akomaNtoso>"):
        read_document(sample("akn-sample-act.xml"), "clml", filename="x.xml")
    with pytest.raises(ReaderError, match=r"x\.xml is legislation\.gov\.uk XML without a body"):
        read_document(b"<Legislation><Primary/></Legislation>", "clml", filename="x.xml")
    no_number = b"<Legislation><Primary><Body><P1group><Title>T</Title><P1><P1para><Text>x</Text>"
    no_number += b"</P1para></P1></P1group></Body></Primary></Legislation>"
    with pytest.raises(ReaderError, match=r"A section \(<P1>\) of x\.xml has no number"):
        read_document(no_number, "clml", filename="x.xml")
    data = sample("clml-modern-slavery-act-2015-extract.xml")
    with pytest.raises(ReaderError, match=r"^Section 2 of x\.xml could not be read: the XML ends early"):
        read_document(data[: data.index(b"It is irrelevant")], "clml", filename="x.xml")


# --- EUR-Lex XHTML ----------------------------------------------------------------------


def test_it_reads_articles_in_eurlex_older_layout_without_recitals_signatures_or_notes() -> None:
    title, language, sections = read_sample("eurlex-directive-2011-36-extract.html", "eurlex-xhtml")
    assert title.startswith("DIRECTIVE 2011/36/EU OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL of 5 April 2011")
    assert language == "en"
    assert [(number, heading) for number, heading, _ in sections] == [
        ("1", "Subject matter"),
        ("2", "Offences concerning trafficking in human beings"),
    ]
    assert sections[1][2].split("\n") == [
        "1. Member States shall take the necessary measures to ensure that the following intentional acts are "
        "punishable:",
        "(a) the recruitment, transportation, transfer, harbouring or reception of persons;",
        "2. A position of vulnerability means a situation in which the person concerned has no real or acceptable "
        "alternative but to submit to the abuse involved.",
    ]
    everything = "\n".join(text for _, _, text in sections)
    for left_out in ("serious crime", "Done at Strasbourg", "OJ C 51"):
        assert left_out not in everything


def test_it_reads_articles_in_eurlex_newer_layout_and_stops_at_the_signatures_and_annex() -> None:
    title, _, sections = read_sample("eurlex-directive-2024-1760-extract.html", "eurlex-xhtml")
    assert title == (
        "DIRECTIVE (EU) 2024/1760 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL of 13 June 2024 "
        "on corporate sustainability due diligence"
    )
    assert sections == [
        (
            "1",
            "Subject matter",
            "1. This Directive lays down rules on:\n"
            "(a) obligations for companies regarding actual and potential human rights adverse impacts and "
            "environmental adverse impacts;\n"
            "(b) liability for violations of the obligations as referred to in point (a).",
        ),
        (
            "2",
            "Scope",
            "1. This Directive shall apply to companies formed in accordance with the legislation of a Member State.",
        ),
    ]


def test_an_eurlex_page_without_articles_is_refused_clearly() -> None:
    page = b'<html><body><p class="doc-ti">DECISION</p><p class="normal">Text.</p></body></html>'
    with pytest.raises(ReaderError, match=r"^d\.html has no articles in the EUR-Lex layout"):
        read_document(page, "eurlex-xhtml", filename="d.html")


def test_an_ordinary_web_page_is_still_read_as_html() -> None:
    assert detect_format(b"<!DOCTYPE html><html><body><h2>Section 1. Title</h2></body></html>", "p.html") == "html"


def test_unknown_xml_names_the_layouts_that_can_be_read() -> None:
    with pytest.raises(ReaderError, match=r"known layouts: Akoma Ntoso, legislation\.gov\.uk, EUR-Lex XHTML"):
        detect_format(b"<?xml version='1.0'?><law/>", "law.xml")


# --- the member countries' JSON and Markdown -----------------------------------------------


def law_json(*provisions: dict[str, str]) -> bytes:
    return json.dumps({"title": "T", "provisions": list(provisions)}, ensure_ascii=False).encode()


def test_law_json_takes_the_heading_where_each_source_puts_it() -> None:
    data = law_json(
        {"section": "9", "title": "Стаття 9. Заголовок", "content": "1. Текст статті."},
        {"section": "10", "title": "Articolul 10", "content": "Sclavia Punerea unei persoane se pedepsește."},
        {
            "section": "11",
            "title": "Articolul 11",
            "content": "Traficul de persoane (1) Recrutarea (la 01-07-2024, Alineatul (1) a fost modificat ) se "
            "pedepsește.",
        },
        {"section": "12", "title": "Employment data", "content": "An employer shall supply data."},
    )
    assert detect_format(data, "law.json") == "law-json"
    document = read_document(data, "law-json", filename="law.json")
    assert document.language == ""  # the importer says which
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        ("9", "Заголовок", "1. Текст статті."),
        ("10", "Sclavia", "Punerea unei persoane se pedepsește."),
        ("11", "Traficul de persoane", "(1) Recrutarea se pedepsește."),
        ("12", "Employment data", "An employer shall supply data."),
    ]


def test_law_json_from_a_pdf_moves_each_trailing_heading_to_the_next_article() -> None:
    data = law_json(
        {"section": "TITULO III", "title": "x", "content": "ARTICULO 193. Quien viviere\na expensas de otro.\nTRATA DE PERSONAS"},
        {"section": "TITULO III", "title": "y", "content": "ARTICULO 194. Quien promoviere\nla entrada de personas."},
    )  # fmt: skip
    document = read_document(data, "law-json", filename="cp.json")
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        ("193", "", "Quien viviere a expensas de otro."),
        ("194", "TRATA DE PERSONAS", "Quien promoviere la entrada de personas."),
    ]


@pytest.mark.parametrize("fmt", ["law-json", "eu-json", "hun-law-json"])
def test_bad_json_says_where_and_what_is_missing(fmt: str) -> None:
    with pytest.raises(ReaderError, match=r"^x\.json is not valid JSON \(line 2, column 1"):
        read_document(b'{"provisions": [\n', fmt, filename="x.json")
    with pytest.raises(ReaderError, match=r"^x\.json is JSON without a list of “\w+”"):
        read_document(b'{"title": "T"}', fmt, filename="x.json")


def test_law_json_provision_without_text_is_named() -> None:
    with pytest.raises(ReaderError, match=r"Provision 2 of x\.json has no number or no text"):
        read_document(law_json({"section": "1", "title": "A", "content": "x"}, {"section": "2"}), "law-json", filename="x.json")  # fmt: skip


def test_eu_json_joins_paragraph_and_point_numbers_to_their_text() -> None:
    data = json.dumps(
        {
            "celex_id": "32024L1760",
            "full_name": "Directive",
            "articles": [
                {
                    "number": "1",
                    "title": "Subject matter",
                    "text": "1.\u00a0\u00a0\u00a0This Directive lays down:\n\n(a)\n\nobligations;\n\n2.\u00a0\u00a0\u00a0It applies.",
                },
            ],
        }
    ).encode()
    assert detect_format(data, "csddd.json") == "eu-json"
    [section] = read_document(data, "eu-json", filename="csddd.json").sections
    assert (section.number, section.heading) == ("1", "Subject matter")
    assert section.text == "1. This Directive lays down:\n(a) obligations;\n2. It applies."


def test_hun_law_json_numbers_paragraphs_and_points_and_takes_the_subtitle_as_heading() -> None:
    data = json.dumps(
        {"identifier": "2012. évi C. törvény", "subject": "a Büntető Törvénykönyvről", "children": [
            {"identifier": "", "title": "Emberkereskedelem", "__type__": "Subtitle"},
            {"identifier": "192", "__type__": "Article", "children": [
                {"identifier": "1", "intro": "Aki mást", "wrap_up": "bűntett miatt büntetendő.", "children": [
                    {"identifier": "a", "text": "elad, vagy", "__type__": "AlphabeticPoint"},
                    {"identifier": "b", "text": "szállít,", "__type__": "AlphabeticPoint"}]},
                {"identifier": "2", "text": "A büntetés súlyosabb."}]},
        ]},
        ensure_ascii=False,
    ).encode()  # fmt: skip
    assert detect_format(data, "btk.json") == "hun-law-json"
    document = read_document(data, "hun-law-json", filename="btk.json")
    assert (document.title, document.language) == ("2012. évi C. törvény a Büntető Törvénykönyvről", "hu")
    [section] = document.sections
    assert (section.number, section.heading) == ("192", "Emberkereskedelem")
    assert (
        section.text == "(1) Aki mást\na) elad, vagy\nb) szállít,\nbűntett miatt büntetendő.\n(2) A büntetés súlyosabb."
    )


LEGI_SECTION_PAGE = (
    "<!-- source: section-1/README.md -->\n# Section 1 : De la traite.\n\n- [Article 2](article-2.md)\n\n"
)


def test_legi_markdown_reads_articles_and_skips_the_pages_of_sections() -> None:
    first = (LEGI_SECTION_PAGE + "<!-- source: a-1-b.md -->\n# Article 224-1 B\n\nLe fait *puni*.\n\n"
             "<!-- source: a-1-c.md -->\n# Article 224-1 C\n\nLes peines.\n").encode()  # fmt: skip
    second = b"<!-- source: a-1-a.md -->\n# Article 224-1 A\n\nLa r\xc3\xa9duction en esclavage.\n\nII. - Suite.\n"
    assert detect_format(first, "cp.md") == "legi-md"
    document = read_many([("cp-2.md", first), ("cp-1.md", second)], "legi-md")
    # "224-1 C" is the article after B, not a Roman hundred.
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        ("224-1 A", "", "La réduction en esclavage.\nII. - Suite."),
        ("224-1 B", "", "Le fait puni."),
        ("224-1 C", "", "Les peines."),
    ]


def test_legi_markdown_without_articles_is_refused_clearly() -> None:
    with pytest.raises(ReaderError, match=r"^s\.md has no “# Article …” headings"):
        read_document(LEGI_SECTION_PAGE.encode(), "legi-md", filename="s.md")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("world/romania/Codul_Penal_Legea_286-2009_457_articles.json", "law-json"),
        ("world/ukraine/Law_3739-VI_On_Combating_Trafficking_in_Human_Beings_2011.json", "law-json"),
        ("world/guatemala/Codigo_Penal_Decreto_17-73_pre-2009_edition.json", "law-json"),
        ("world/ghana/Labour_Regulations_2007_LI1833.json", "law-json"),
        ("world/eu/CSDDD_Directive_EU_2024-1760_32024L1760.json", "eu-json"),
        ("world/hungary/Btk_2012_evi_C_torveny_consolidated_2020-09-03.json", "hun-law-json"),
        ("world/france/Code_penal_225-4-1_a_9_traite_des_etres_humains.md", "legi-md"),
        ("world/france/CESEDA_L316-1_a_4_et_R316_victimes_traite_titre_de_sejour.md", "legi-md"),
    ],
)
def test_it_detects_the_format_of_the_member_countries_files(name: str, expected: str) -> None:
    assert detect_format((DATA / name).read_bytes(), Path(name).name) == expected


def test_json_of_another_layout_is_still_read_as_text() -> None:
    assert detect_format(b'{"hello": "world"}', "notes.json") == "text"
