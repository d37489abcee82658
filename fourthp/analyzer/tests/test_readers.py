import codecs
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fourthp.analyzer.readers import (
    FORMATS,
    ParsedDocument,
    ParsedSection,
    ReaderError,
    detect_format,
    load_manifest,
    read_document,
    read_many,
    section_key,
)

DATA = Path(__file__).resolve().parents[3] / "data" / "statutes"

DC_SECTION = """<?xml version='1.0' encoding='utf-8'?>
<section xmlns="https://code.dccouncil.us/schemas/dc-library" containing-doc="D.C. Code">
  <num>22-1899</num>
  <heading>Sample offence.</heading>
  <text>For the purposes of this section:</text>
  <para>
    <num>(a)</num>
    <para>
      <num>(1)</num>
      <text>Whoever violates <cite path="§22-1832">§ 22-1832</cite> shall be fined.</text>
    </para>
    <para>
      <num>(2)</num>
      <text>Whoever attempts  to violate it
        shall be fined less.</text>
    </para>
  </para>
  <para>
    <num>(b)</num>
    <text>No person shall be sentenced twice.</text>
  </para>
  <annotations>
    <annotation type="History">Oct. 23, 2010, D.C. Law 18-239, § 107</annotation>
  </annotations>
</section>
"""

CANADA_ACT = """<?xml version="1.0" encoding="utf-8"?>
<Statute xml:lang="en" xmlns:lims="http://justice.gc.ca/lims">
  <Identification><ShortTitle>Sample Supply Chains Act</ShortTitle></Identification>
  <Body>
    <Heading level="1"><TitleText>Interpretation</TitleText></Heading>
    <Section lims:id="1"><MarginalNote>Definitions</MarginalNote><Label>2</Label>
      <Text>The following definitions apply in this Act.</Text>
      <Definition><Text><DefinedTermEn>entity</DefinedTermEn> means a corporation that</Text>
        <Paragraph><Label>(a)</Label><Text>is listed on a stock exchange in Canada; or</Text></Paragraph>
        <Paragraph><Label>(b)</Label><Text>is prescribed by regulations. (<DefinedTermFr>entité</DefinedTermFr>)</Text>
        </Paragraph>
      </Definition>
    </Section>
    <Section><MarginalNote>Annual report</MarginalNote><Label>6</Label>
      <Subsection><Label>(1)</Label><Text>The head must report to the Minister.</Text></Subsection>
      <Subsection><MarginalNote>Supplementary information</MarginalNote><Label>(2)</Label>
        <Text>The report must also include</Text>
        <Paragraph><Label>(<Emphasis style="italic">a</Emphasis>)</Label><Text>its structure;</Text>
          <Subparagraph><Label>(i)</Label><Text>its supply chains.</Text></Subparagraph>
        </Paragraph>
      </Subsection>
      <HistoricalNote>2023, c. 9, s. 6</HistoricalNote>
    </Section>
  </Body>
</Statute>
"""

# Trailing spaces and unspaced "#" marks are as in the treaty database.
TREATY_MARKDOWN = (
    "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
    "##Protocol inzake iets\n\n"
    "####Protocol on Something\n\n"
    "Preamble The States Parties agree as follows:\n\n"
    "### Article  1  \n\n"
    "####Use of terms\n\n"
    "For the purposes of this Protocol:\n\n"
    'a) ``Child" shall mean any person under eighteen years of age;  \n\n'
    "b) *Victim* means a person who is **trafficked**.\n\n"
    "###II \n\n"
    "####Final provisions\n\n"
    "### Article  2  \n\n"
    "####Entry into force\n\n"
    "1.   This Protocol shall enter into force on signature.  \n\n"
    "IN WITNESS WHEREOF, the undersigned have signed this Protocol.  \n\n"
    "####Protocol inzake iets\n\n"
    "### Artikel  1  \n\n"
    "####Gebruikte termen\n\n"
    "Voor de toepassing van dit Protocol:\n"
)

CANADA_MARKDOWN = """---
title: "Sample Code"
---

# Sample Code

## Part I

### 7 Offences committed outside Canada

(1) Every one who commits an act *outside Canada* is deemed to commit it in Canada.

**Offence in relation to trafficking in persons**

(4.11) Every one who, outside Canada, commits an offence against section 279.01 is deemed to commit it in Canada.

**Jurisdiction**

(5) Proceedings may be commenced in any territorial division.

<details>
<summary>Historical Note</summary>

- R.S., c. C-34, s. 6

</details>

### 279.01 Trafficking in persons

(1) Every person who recruits a person is guilty of an indictable offence and liable

- (a) to imprisonment for life; or

- (b) to imprisonment for a term of not more than 14 years.

**Consent**

(2) No consent to the activity is valid.
"""

USCODE_CHUNKS = [
    (
        "chunck-10.md",
        "\n# Title 18— CRIMES\n### CHAPTER 77— PEONAGE\n#### § 1591. Sex trafficking\n"
        "###### (a) Whoever knowingly\n\n(1) recruits a person; or\n\n"
        "(2) benefits, as defined in section 7 of title 8 , from it.\n",
    ),
    (
        "chunck-9.md",
        "\n# Title 18— CRIMES\n### CHAPTER 77— PEONAGE\n#### § 1590. Trafficking with respect to peonage\n\n"
        "(a) Whoever knowingly recruits any person shall be fined.\n",
    ),
    (
        "chunck-11.md",
        "\n# Title 18— CRIMES\n### CHAPTER 77— PEONAGE\n#### § 1591. Sex trafficking\n"
        "###### (b) The punishment is\n\n(1) a fine.\n",
    ),
]


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with one Helvetica text line per list item."""
    page_ids = [4 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
        ops += ["({}) Tj T*".format(line.replace("(", "\\(").replace(")", "\\)")) for line in lines]
        stream = "\n".join([*ops, "ET"]).encode("latin-1")
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>"
        ).encode()
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


# --- DC Council XML -----------------------------------------------------------


def test_it_reads_a_dc_section_with_nested_paragraphs_and_ignores_annotations() -> None:
    document = read_document(DC_SECTION.encode(), "dc-xml", filename="22-1899.xml")
    [section] = document.sections
    assert (section.number, section.heading) == ("22-1899", "Sample offence")
    assert section.text == (
        "For the purposes of this section:\n"
        "(a)(1) Whoever violates § 22-1832 shall be fined.\n"
        "(2) Whoever attempts to violate it shall be fined less.\n"
        "(b) No person shall be sentenced twice."
    )


def test_a_dc_file_truncated_in_its_last_section_names_the_file_and_section() -> None:
    data = (DATA / "us-dc-code" / "22-1837.xml").read_bytes()
    truncated = data[: data.index(b"<num>(e)</num>") + 30]
    with pytest.raises(ReaderError) as caught:
        read_document(truncated, "dc-xml", filename="22-1837.xml")
    message = str(caught.value)
    assert message.startswith("Section 22-1837 of 22-1837.xml could not be read: the XML ends early (line ")


def test_a_dc_file_damaged_in_the_middle_says_where() -> None:
    damaged = DC_SECTION.replace("</para>\n  <para>", "</wrong>\n  <para>", 1).encode()
    expected = r"^Section 22-1899 of x\.xml could not be read: the XML is damaged near line"
    with pytest.raises(ReaderError, match=expected):
        read_document(damaged, "dc-xml", filename="x.xml")


def test_the_enacting_law_file_is_refused_as_a_dc_code_section() -> None:
    data = b'<document xmlns="https://code.dccouncil.us/schemas/dc-library"><num>18-239</num></document>'
    with pytest.raises(ReaderError, match=r"law\.xml is not a DC Code section file"):
        read_document(data, "dc-xml", filename="law.xml")


def test_read_many_orders_dc_sections_by_number_not_by_file_order() -> None:
    files = [
        (name, (DATA / "us-dc-code" / name).read_bytes()) for name in ["22-1843.xml", "22-1831.xml", "22-1835.xml"]
    ]
    assert [s.number for s in read_many(files, "dc-xml").sections] == ["22-1831", "22-1835", "22-1843"]


# --- Justice Canada XML -------------------------------------------------------


def test_it_reads_canadian_sections_with_marginal_notes_and_definitions() -> None:
    document = read_document(CANADA_ACT.encode(), "canada-xml", filename="sample.xml")
    assert document.title == "Sample Supply Chains Act"
    definitions, report = document.sections
    assert (definitions.number, definitions.heading) == ("2", "Definitions")
    assert definitions.text == (
        "The following definitions apply in this Act.\n"
        "entity means a corporation that\n"
        "(a) is listed on a stock exchange in Canada; or\n"
        "(b) is prescribed by regulations. (entité)"
    )
    assert (report.number, report.heading) == ("6", "Annual report")
    assert report.text == (
        "(1) The head must report to the Minister.\n"
        "Supplementary information\n"
        "(2) The report must also include\n"
        "(a) its structure;\n"
        "(i) its supply chains."
    )


def test_it_extracts_one_canadian_subsection_with_its_marginal_note_as_heading() -> None:
    document = read_document(CANADA_ACT.encode(), "canada-xml", filename="sample.xml", only=["6(2)"])
    assert document.sections == [
        ParsedSection(
            "6(2)",
            "Supplementary information",
            "(2) The report must also include\n(a) its structure;\n(i) its supply chains.",
        )
    ]


def test_an_amending_act_keeps_inserted_text_inside_its_own_section() -> None:
    data = b"""<Bill><Body><Section><Label>1.</Label><Text>Section 279.04 is replaced by the following:</Text>
      <AmendedText><Section><MarginalNote>Exploitation</MarginalNote><Label>279.04</Label>
        <Subsection><Label>(1)</Label><Text>A person exploits another person if ...</Text></Subsection>
      </Section></AmendedText></Section></Body></Bill>"""
    [section] = read_document(data, "canada-xml", filename="bill.xml").sections
    assert section.number == "1"
    assert section.text == (
        "Section 279.04 is replaced by the following:\nExploitation\n279.04 (1) A person exploits another person if ..."
    )


def test_a_canadian_file_cut_short_names_the_section_being_read() -> None:
    data = CANADA_ACT.encode()
    truncated = data[: data.index(b"its structure;")]
    with pytest.raises(ReaderError, match=r"^Section 6 of sample\.xml could not be read: the XML ends early"):
        read_document(truncated, "canada-xml", filename="sample.xml")


# --- US Code Markdown ---------------------------------------------------------


def test_it_rejoins_us_code_chunks_per_section_in_chunk_order() -> None:
    document = read_many([(name, text.encode()) for name, text in USCODE_CHUNKS], "uscode-md")
    assert document.title == "CHAPTER 77— PEONAGE"
    assert [(s.number, s.heading) for s in document.sections] == [
        ("1590", "Trafficking with respect to peonage"),
        ("1591", "Sex trafficking"),
    ]
    assert document.sections[1].text == (
        "(a) Whoever knowingly\n(1) recruits a person; or\n(2) benefits, as defined in section 7 of title 8, from it.\n"
        "(b) The punishment is\n(1) a fine."
    )


def test_us_code_markdown_without_section_lines_is_refused() -> None:
    with pytest.raises(ReaderError, match="no section line"):
        read_document(b"# Title 18\nSome text.\n", "uscode-md", filename="chunk.md")


# --- Markdown and plain text --------------------------------------------------


def test_a_treaty_file_keeps_only_the_english_text_before_the_repeated_title() -> None:
    document = read_document(TREATY_MARKDOWN.encode(), "markdown", filename="treaty.md")
    assert document.title == "Protocol on Something"
    assert [(s.number, s.heading) for s in document.sections] == [("1", "Use of terms"), ("2", "Entry into force")]
    assert document.sections[0].text == (
        "For the purposes of this Protocol:\n"
        "a) “Child” shall mean any person under eighteen years of age;\n"
        "b) Victim means a person who is trafficked."
    )
    # The chapter heading between articles and the closing formula belong to no article.
    assert document.sections[1].text == "1. This Protocol shall enter into force on signature."


def test_a_translation_is_also_found_where_articles_restart_under_another_keyword() -> None:
    text = (
        "##Verdrag\n\n####CONVENTION.\n\n###Article 1 \n\nThe parties agree.\n\n###Article 2 \n\n"
        "Texts are authentic.\n\n####VERDRAG.\n\nDe partijen.\n\n###Artikel 1 \n\nDe partijen komen overeen.\n"
    )
    document = read_document(text.encode(), "markdown", filename="c029.md")
    assert [s.text for s in document.sections] == ["The parties agree.", "Texts are authentic."]


def test_it_reads_canadian_markdown_sections_and_a_single_subsection() -> None:
    document = read_document(CANADA_MARKDOWN.encode(), "markdown", filename="code.md", only=["7(4.11)", "279.01"])
    assert document.title == "Sample Code"
    assert document.sections == [
        ParsedSection(
            "7(4.11)",
            "Offence in relation to trafficking in persons",
            "(4.11) Every one who, outside Canada, commits an offence against section 279.01 is deemed to "
            "commit it in Canada.",
        ),
        ParsedSection(
            "279.01",
            "Trafficking in persons",
            "(1) Every person who recruits a person is guilty of an indictable offence and liable\n"
            "(a) to imprisonment for life; or\n"
            "(b) to imprisonment for a term of not more than 14 years.\n"
            "Consent\n"
            "(2) No consent to the activity is valid.",
        ),
    ]


def test_the_historical_note_of_a_markdown_section_is_left_out() -> None:
    document = read_document(CANADA_MARKDOWN.encode(), "markdown", filename="code.md", only=["7"])
    assert "Historical Note" not in document.sections[0].text
    assert "R.S., c. C-34" not in document.sections[0].text
    assert document.sections[0].text.endswith("(5) Proceedings may be commenced in any territorial division.")


def test_asking_for_a_section_that_is_not_there_names_it() -> None:
    with pytest.raises(ReaderError, match=r"Section 279\.05 was not found in code\.md"):
        read_document(CANADA_MARKDOWN.encode(), "markdown", filename="code.md", only=["279.05"])
    with pytest.raises(ReaderError, match=r"Subsection \(9\) of section 7 was not found in code\.md"):
        read_document(CANADA_MARKDOWN.encode(), "markdown", filename="code.md", only=["7(9)"])


def test_plain_text_is_split_into_sections_and_subsections_can_be_selected() -> None:
    text = (
        "Section 1. Definitions.\n(a) Minor means a child.\n(b) Person includes a business.\n"
        "Section 2. Offence.\nIt is an offence.\n"
    )
    document = read_document(text.encode(), "text", filename="act.txt", only=["1(b)", "2"])
    assert document.sections == [
        ParsedSection("1(b)", "", "(b) Person includes a business."),
        ParsedSection("2", "Offence", "It is an offence."),
    ]


# --- PDF and HTML -------------------------------------------------------------


def test_it_reads_a_pdf_bill_without_line_numbers_headers_or_page_stamps() -> None:
    data = make_pdf(
        [
            [
                "HB 1234 INTRODUCED",
                "1 AN ACT relating to trafficking.",
                "2 Section 1. Short title.",
                "3 This Act may be cited as the Test Act.",
                "4 Section 2. Definitions.",
                "5 In this Act, (a) minor means a person under 18.",
                "Page 1 of 2",
            ],
            [
                "HB 1234 INTRODUCED",
                "1 (b) person includes a business.",
                "2 Section 3. Offence.",
                "3 A person who traffics another commits an offence.",
                "4 It is a felony.",
                "Page 2 of 2",
            ],
        ]
    )
    document = read_document(data, "pdf", filename="hb1234.pdf")
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        ("1", "Short title", "This Act may be cited as the Test Act."),
        ("2", "Definitions", "In this Act, (a) minor means a person under 18.\n(b) person includes a business."),
        ("3", "Offence", "A person who traffics another commits an offence.\nIt is a felony."),
    ]


def test_a_damaged_pdf_is_a_reader_error() -> None:
    data = make_pdf([["Section 1. Title.", "Text."]])
    with pytest.raises(ReaderError, match=r"broken\.pdf"):
        read_document(data[:200], "pdf", filename="broken.pdf")


def test_it_reads_html_headings_and_drops_scripts_styles_and_navigation() -> None:
    page = """<!DOCTYPE html><html><head><title>Trafficking Act</title><style>h2 {color: red}</style></head>
    <body><nav><a href="/">Home</a> Section 9. Menu</nav><script>var x = "Section 8. Script";</script>
    <h2>Section 1. Short title</h2><p>This Act is the  Trafficking Act.</p>
    <h2>Section 2. <em>Offence</em></h2><p>A person who traffics</p><p>commits an offence.</p>
    </body></html>"""
    document = read_document(page.encode(), "html", filename="act.html")
    assert document.title == "Trafficking Act"
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        ("1", "Short title", "This Act is the Trafficking Act."),
        ("2", "Offence", "A person who traffics\ncommits an offence."),
    ]


# --- input errors -------------------------------------------------------------

_BAD_INPUTS = {
    "empty": b"",
    "whitespace": b" \n\t\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
    "latin-1": "<section><num>1</num><text>Caf\u00e9 \u00e0 la cr\u00e8me, d\u00e9j\u00e0 vu</text></section>".encode(
        "latin-1"
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(_BAD_INPUTS))
def test_empty_binary_and_non_utf8_input_is_a_reader_error(fmt: str, kind: str) -> None:
    with pytest.raises(ReaderError, match=r"bad\.input"):
        read_document(_BAD_INPUTS[kind], fmt, filename="bad.input")


ACT_TEXT = (
    "Modern Slavery Act\n\n"
    "1. Offence of trafficking\n"
    "A person commits an offence if the person recruits “another person” for exploitation — café, niño.\n\n"
    "2. Penalty\n"
    "A person guilty of an offence under section 1 is liable to imprisonment.\n"
)
ACT_MARKDOWN = (
    "# Modern Slavery Act\n\n## 1. Offence\n\nA person who recruits “another” — café.\n\n## 2. Penalty\n\nPrison.\n"
)
ACT_HTML = (
    "<html><head><title>Modern Slavery Act</title></head><body>"
    "<h2>1. Offence</h2><p>A person who recruits “another” — café.</p><h2>2. Penalty</h2><p>Prison.</p></body></html>"
)
_ENCODINGS = {
    "UTF-16LE with a byte-order mark": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "UTF-16BE with a byte-order mark": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "UTF-16LE without a byte-order mark": lambda text: text.encode("utf-16-le"),
    "UTF-16BE without a byte-order mark": lambda text: text.encode("utf-16-be"),
    "UTF-8 with a byte-order mark": lambda text: text.encode("utf-8-sig"),
}


@pytest.mark.parametrize("encoding", sorted(_ENCODINGS))
@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [("act.txt", ACT_TEXT, "text"), ("act.md", ACT_MARKDOWN, "markdown"), ("act", ACT_HTML, "html")],
)
def test_utf16_and_utf8_with_a_byte_order_mark_read_as_the_original_text(
    encoding: str, name: str, text: str, fmt: str
) -> None:
    data = _ENCODINGS[encoding](text)
    original = read_document(text.encode("utf-8"), fmt, filename=name)
    assert detect_format(data, name) == fmt
    document = read_document(data, fmt, filename=name)
    assert document.title == original.title
    assert [(s.number, s.heading, s.text) for s in document.sections] == [
        (s.number, s.heading, s.text) for s in original.sections
    ]
    assert "café" in document.sections[0].text


@pytest.mark.parametrize(("name", "fmt"), [("act.txt", "text"), ("act.md", "markdown"), ("act.html", "html")])
def test_a_nul_character_after_the_first_8_kb_is_refused_with_a_message_naming_it(name: str, fmt: str) -> None:
    padding = "A person commits an offence.\n" * 400  # over 8 KB, so a look at the start sees only text
    data = (ACT_TEXT + padding + "3. Hidden\nText with a \x00 inside.\n").encode()
    assert data.index(b"\x00") > 8192
    with pytest.raises(ReaderError, match=rf"{name} contains NUL characters \(the first on line 409\)"):
        read_document(data, detect_format(data, name), filename=name)


def test_utf16_text_with_a_nul_character_is_refused_too() -> None:
    data = ("1. Offence\nText \x00 here.\n").encode("utf-16")
    with pytest.raises(ReaderError, match=r"act\.txt contains NUL characters"):
        read_document(data, "text", filename="act.txt")


def test_a_nul_character_left_by_any_reader_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from fourthp.analyzer.readers import dispatch

    def reader(data: bytes, filename: str, only: object) -> ParsedDocument:
        return ParsedDocument("Act", sections=[ParsedSection("4", "Heading", "Extracted \x00 text.")])

    monkeypatch.setitem(dispatch._READERS, "pdf", reader)
    with pytest.raises(ReaderError, match=r"Section 4 of scan\.pdf contains NUL characters"):
        read_document(b"%PDF-1.7", "pdf", filename="scan.pdf")


def test_damaged_utf16_is_a_reader_error() -> None:
    with pytest.raises(ReaderError, match="looks like UTF-16 text but cannot be read"):
        read_document(codecs.BOM_UTF16_LE + "1. Offence\n".encode("utf-16-le") + b"\x00\xd8", "text", filename="a.txt")


def test_an_unknown_format_is_a_reader_error() -> None:
    with pytest.raises(ReaderError, match="“docx” is not supported"):
        read_document(b"text", "docx", filename="a.docx")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), fmt=st.sampled_from(FORMATS))
def test_any_bytes_either_read_or_raise_a_reader_error(data: bytes, fmt: str) -> None:
    try:
        document = read_document(data, fmt, filename="fuzz")
    except ReaderError as exc:
        assert str(exc)  # every refusal explains itself
    else:
        assert document.sections


# --- format detection, keys and the manifest ----------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("us-dc-code/22-1831.xml", "dc-xml"),
        ("canada/F-10.6.xml", "canada-xml"),
        ("canada/C-46-criminal-code_consolidated_XYOca.md", "markdown"),
        ("treaties/palermo_protocol_BWBV0001749.md", "markdown"),
        ("us-federal-code/title-18_ch77/chunck-877.md", "uscode-md"),
    ],
)
def test_it_detects_the_format_of_the_shipped_files(name: str, expected: str) -> None:
    assert detect_format((DATA / name).read_bytes(), Path(name).name) == expected


def test_it_detects_pdf_html_and_text() -> None:
    assert detect_format(make_pdf([["x"]]), "upload") == "pdf"
    assert detect_format(b"<!DOCTYPE html><html></html>", "page") == "html"
    assert detect_format(b"Section 1. Title.", "act.txt") == "text"
    with pytest.raises(ReaderError, match="XML in a layout"):
        detect_format(b"<?xml version='1.0'?><law/>", "law.xml")


@pytest.mark.parametrize(
    ("prefix", "number", "key"),
    [
        ("us-dc", "22-1833", "us-dc-22-1833"),
        ("us-18", "1593A", "us-18-1593a"),
        ("us-18", "§ 1591", "us-18-1591"),
        ("ca-cc", "7(4.11)", "ca-cc-7-4.11"),
        ("ca-cc", "279.01", "ca-cc-279.01"),
        ("palermo-art", "6", "palermo-art-6"),
        ("x", "22-1837(a)(1)", "x-22-1837-a-1"),
    ],
)
def test_section_key_is_lowercase_and_hyphenates_subsections(prefix: str, number: str, key: str) -> None:
    assert section_key(prefix, number) == key


def test_the_manifest_loader_names_the_instrument_and_the_problem(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\n### Article 1\n\nText.\n", encoding="utf-8")
    entry = {
        "key": "x-1",
        "jurisdiction": "UN",
        "title": "T",
        "short_title": "T",
        "type": "treaty",
        "status": "in_force",
        "language": "en",
        "format": "markdown",
        "files": ["a.md"],
        "section_key_prefix": "x",
        "citation_template": "T, art. {number}",
        "source_url": "https://example.org",
        "source_name": "S",
        "licence": "L",
    }
    manifest = tmp_path / "instruments.yaml"

    def write(**changes: object) -> None:
        manifest.write_text(yaml.safe_dump({"instruments": [{**entry, **changes}]}), encoding="utf-8")

    write()
    [spec] = load_manifest(manifest)
    assert spec.key_for("1") == "x-1" and spec.citation_for("1") == "T, art. 1"

    write(format="word")
    with pytest.raises(ReaderError, match="instrument “x-1”: format must be one of"):
        load_manifest(manifest)
    write(files=["missing.md"])
    with pytest.raises(ReaderError, match=r"the file missing\.md does not exist"):
        load_manifest(manifest)
    write(licence="")
    with pytest.raises(ReaderError, match="is missing: licence"):
        load_manifest(manifest)
