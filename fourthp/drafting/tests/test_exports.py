"""The exports of a composed bill: Akoma Ntoso XML valid against the OASIS schema, DOCX keeping the bill's numbers,
and the PDF the task worker prints."""

from __future__ import annotations

import io

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from fourthp.drafting.bill import BillSection, ComposedBill, Definition, MemorandumEntry, Peer, SectionKind
from fourthp.drafting.exports import FORMATS, UnknownFormat, file_name, render
from fourthp.drafting.exports.akn import NS, SCHEMA, to_akoma_ntoso, validate
from fourthp.drafting.exports.docx import to_docx
from fourthp.drafting.exports.structure import LEVEL_LETTER, LEVEL_NUMBER, LEVEL_ROMAN, parse

AKN = {"a": NS}


def common_law_bill(**changes: object) -> ComposedBill:
    sections = (
        BillSection(
            "1",
            "sec_1",
            SectionKind.SHORT_TITLE,
            "Short title",
            "This Act may be cited as the Trafficking in Persons (Amendment) Act 2026.",
        ),
        BillSection(
            "2",
            "sec_2",
            SectionKind.DEFINITIONS,
            "Definitions",
            'In this Act:\n\n"child" means a person under the age of 18 years;\n\n'
            '"exploitation" means sexual exploitation, forced labour or services, slavery or servitude.',
            definitions=(
                Definition("child", "a person under the age of 18 years"),
                Definition("exploitation", "sexual exploitation, forced labour or services, slavery or servitude"),
            ),
        ),
        BillSection(
            "3",
            "sec_3",
            SectionKind.PROVISION,
            "Trafficking in persons",
            "(1) Every person who recruits, transports or harbours a person for the purpose of exploitation commits "
            "an offence.\n\n(2) The consent of a victim to the exploitation is irrelevant where any of the means\n"
            "set out in subsection (1) has been used.\n\n(3) A person who commits an offence under this section "
            "is liable on conviction\n\n(a) where the victim is a child, to imprisonment for life; and\n\n"
            "(b) in any other case, to imprisonment for a term not exceeding 20 years.",
            provision_id="crim.trafficking-offence",
            model_slug="trafficking-offence",
            model_version=2,
        ),
        BillSection(
            "4",
            "sec_4",
            SectionKind.PROVISION,
            "Non-punishment of victims",
            "A victim is not liable to prosecution for an offence committed as a direct consequence of an offence "
            "under section 3(3)(b), or under section 12 of another Act.\n\n(a) first;\n\n(b) second, namely\n\n"
            "(i) one;\n\n(ii) two.",
            provision_id="prot.non-punishment",
            model_slug="non-punishment",
            model_version=1,
        ),
        BillSection(
            "5",
            "sec_5",
            SectionKind.COMMENCEMENT,
            "Commencement",
            "This Act comes into force on the day that is six months after the day on which it receives royal assent.",
        ),
    )
    memorandum = (
        MemorandumEntry(
            "3",
            "Trafficking in persons",
            "crim.trafficking-offence",
            "Criminalise trafficking in persons",
            "The report card finds the law of Canada meets this provision only in part.",
            peers=(
                Peer("US", "United States", "18 U.S.C. § 1591", "https://example.org/statutes/us/18 usc 1591", "…"),
                Peer("GB", "United Kingdom", "Modern Slavery Act 2015, s. 2"),
            ),
        ),
        MemorandumEntry(
            "4",
            "Non-punishment of victims",
            "prot.non-punishment",
            "Non-punishment of victims",
            "The report card finds nothing in the law of Canada that meets this provision.",
        ),
    )
    values: dict[str, object] = {
        "title": "A Bill for an Act to strengthen the law of Canada against trafficking in persons",
        "short_title": "Trafficking in Persons (Amendment) Act 2026",
        "jurisdiction_code": "CA",
        "jurisdiction_name": "Canada",
        "tradition": "common_law",
        "level": "national",
        "framework": "four-p-v1",
        "composed_on": "2026-12-04",
        "sections": sections,
        "memorandum": memorandum,
    }
    values.update(changes)
    return ComposedBill(**values)  # type: ignore[arg-type]


def civil_law_bill() -> ComposedBill:
    return ComposedBill(
        title="Projet de loi relatif à la lutte contre la traite des êtres humains",
        short_title="Loi relative à la traite des êtres humains — 2026",
        jurisdiction_code="FR",
        jurisdiction_name="France",
        tradition="civil_law",
        level="national",
        framework="four-p-v1",
        composed_on="2026-12-04",
        language="fr",
        sections=(
            BillSection("1", "art_1", SectionKind.SHORT_TITLE, "Titre", "La présente loi est dite « loi traite »."),
            BillSection(
                "2",
                "art_2",
                SectionKind.PROVISION,
                "Infraction",
                "(1) Le fait de recruter une personne en vue de l'exploiter est puni (voir article 3).\n\n"
                "(2) L'infraction est aggravée :\n\n(a) lorsque la victime est mineure ;\n\n"
                "(b) lorsqu'elle est commise en bande organisée.",
                provision_id="crim.trafficking-offence",
            ),
            BillSection(
                "3",
                "art_3",
                SectionKind.COMMENCEMENT,
                "Entrée en vigueur",
                "La présente loi entre en vigueur le premier jour du sixième mois suivant sa publication — 🇫🇷.",
            ),
        ),
        memorandum=(
            MemorandumEntry(
                "2",
                "Infraction",
                "crim.trafficking-offence",
                "Incriminer la traite",
                "Le bulletin ne trouve rien dans le droit de la France.",
                peers=(Peer("BE", "Belgique", "Code pénal, art. 433quinquies", "https://example.org/be/433"),),
            ),
        ),
    )


BILLS = {
    "common law": common_law_bill(),
    "civil law": civil_law_bill(),
    "subnational, no memorandum": common_law_bill(
        jurisdiction_code="US-DC", jurisdiction_name="District of Columbia", level="subnational", memorandum=()
    ),
    "no sections": common_law_bill(sections=(), memorandum=()),
}


# ------------------------------------------------------------------ structure


def test_numbered_paragraphs_nest_by_label() -> None:
    body = parse(["Lead-in", "(1) one", "(a) a", "(i) roman", "(ii) roman two", "(b) b", "(2) two", "more of two"])
    assert body.intro == ["Lead-in"]
    assert [i.label for i in body.items] == ["1", "2"]
    first = body.items[0]
    assert [(c.label, c.level) for c in first.children] == [("a", LEVEL_LETTER), ("b", LEVEL_LETTER)]
    assert [(c.label, c.level) for c in first.children[0].children] == [("i", LEVEL_ROMAN), ("ii", LEVEL_ROMAN)]
    assert body.items[1].texts == ["two", "more of two"]
    assert body.items[1].level == LEVEL_NUMBER


def test_the_ninth_letter_is_not_a_roman_numeral() -> None:
    letters = [f"({c}) x" for c in "abcdefghij"]
    body = parse(["(1) lead", *letters])
    assert [c.label for c in body.items[0].children] == list("abcdefghij")
    # "(c)" under a subsection with no lettered paragraph open is a letter, not a hundred.
    assert parse(["(1) x", "(c) y"]).items[0].children[0].level == LEVEL_LETTER


# ------------------------------------------------------------------ Akoma Ntoso


def test_the_schema_ships_with_the_project_with_what_it_imports() -> None:
    folder = SCHEMA.parent
    assert (folder / "xml.xsd").exists()
    readme = (folder / "README.md").read_text()
    assert "CC BY 4.0" in readme and "OASIS" in readme


@pytest.mark.parametrize("name", list(BILLS))
def test_every_bill_validates_against_the_schema(name: str) -> None:
    xml = to_akoma_ntoso(BILLS[name])
    assert validate(xml) == []


def test_the_document_identifies_itself_and_marks_up_terms_and_references() -> None:
    root = etree.fromstring(to_akoma_ntoso(common_law_bill()))
    bill = root.find("a:bill", AKN)
    assert bill is not None
    work = bill.find("a:meta/a:identification/a:FRBRWork", AKN)
    assert work is not None
    assert work.find("a:FRBRcountry", AKN).get("value") == "ca"  # type: ignore[union-attr]
    assert work.find("a:FRBRuri", AKN).get("value") == (  # type: ignore[union-attr]
        "/akn/ca/bill/2026-12-04/trafficking-in-persons-amendment-act-2026"
    )
    language = bill.find("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", AKN)
    assert language is not None and language.get("language") == "eng"
    assert bill.findtext("a:preface/a:p/a:docTitle", namespaces=AKN) == "Trafficking in Persons (Amendment) Act 2026"
    sections = bill.findall("a:body/a:section", AKN)
    assert [s.findtext("a:num", namespaces=AKN) for s in sections] == ["1.", "2.", "3.", "4.", "5."]
    assert [s.get("eId") for s in sections] == ["sec_1", "sec_2", "sec_3", "sec_4", "sec_5"]
    assert [d.text for d in bill.iter(f"{{{NS}}}def")] == ["child", "exploitation"]
    assert {t.get("refersTo") for t in bill.iter(f"{{{NS}}}term")} == {"#term-exploitation", "#term-child"}
    refs = [(r.text, r.get("href")) for r in sections[3].iter(f"{{{NS}}}ref")]
    # "section 12 of another Act" is not this bill's; "section 3(3)(b)" reaches the paragraph.
    assert refs == [("section 3(3)(b)", "#sec_3__subsec_3__para_b")]
    subsections = sections[2].findall("a:subsection", AKN)
    assert [s.get("eId") for s in subsections] == ["sec_3__subsec_1", "sec_3__subsec_2", "sec_3__subsec_3"]
    assert [p.findtext("a:num", namespaces=AKN) for p in subsections[2].findall("a:paragraph", AKN)] == ["(a)", "(b)"]
    memorandum = bill.find("a:attachments/a:attachment/a:doc", AKN)
    assert memorandum is not None and memorandum.get("name") == "explanatoryMemorandum"
    cells = "".join(memorandum.itertext())
    assert "18 U.S.C. § 1591" in cells and "Modern Slavery Act 2015, s. 2" in cells


def test_a_civil_law_bill_has_articles() -> None:
    root = etree.fromstring(to_akoma_ntoso(civil_law_bill()))
    articles = root.findall("a:bill/a:body/a:article", AKN)
    assert [a.findtext("a:num", namespaces=AKN) for a in articles] == ["Article 1", "Article 2", "Article 3"]
    assert root.find(".//a:FRBRlanguage", AKN).get("language") == "fra"  # type: ignore[union-attr]
    assert [r.get("href") for r in articles[1].iter(f"{{{NS}}}ref")] == ["#art_3"]
    assert articles[1].find("a:paragraph/a:point", AKN) is not None


def test_validate_reports_what_is_wrong() -> None:
    root = etree.fromstring(to_akoma_ntoso(common_law_bill()))
    body = root.find("a:bill/a:body", AKN)
    assert body is not None
    body.getparent().remove(body)  # type: ignore[union-attr]
    errors = validate(etree.tostring(root))
    assert errors and any("body" in e for e in errors)
    assert validate(b"<akomaNtoso>")[0].startswith("not well-formed XML")


paragraph_text = st.text(min_size=0, max_size=80)
labels = st.sampled_from(["", "(1) ", "(2) ", "(a) ", "(b) ", "(i) ", "(ii) ", "(h) ", "(c) ", "(10A) "])


@given(
    heading=st.text(max_size=60),
    paragraphs=st.lists(st.tuples(labels, paragraph_text), max_size=8),
    short_title=st.text(max_size=60),
    term=st.text(min_size=1, max_size=20),
)
def test_any_wording_gives_a_valid_document(
    heading: str, paragraphs: list[tuple[str, str]], short_title: str, term: str
) -> None:
    text = "\n\n".join(label + words for label, words in paragraphs) + "\n\nSee section 1 and section 2, *and* **so**."
    sections = (
        BillSection(
            "1", "sec_1", SectionKind.DEFINITIONS, heading, f'"{term}" means {heading}', (Definition(term, "x"),)
        ),
        BillSection("2", "sec_2", SectionKind.PROVISION, heading, text),
    )
    memorandum = (
        MemorandumEntry("2", heading, "p.x", heading, text, (Peer("US", heading, term, "https://x.org/ a"),)),
    )
    bill = common_law_bill(short_title=short_title, title=heading, sections=sections, memorandum=memorandum)
    assert validate(to_akoma_ntoso(bill)) == []
    # The DOCX takes the same wording and still opens, every section heading in it.
    document = Document(io.BytesIO(to_docx(bill)))
    assert len([p for p in document.paragraphs if p.style.name == "Heading 2"]) == 2


# ------------------------------------------------------------------ DOCX


def _docx(bill: ComposedBill) -> Document:  # type: ignore[valid-type]
    return Document(io.BytesIO(to_docx(bill)))


def test_docx_keeps_the_bills_numbers_in_order() -> None:
    bill = common_law_bill()
    document = _docx(bill)
    assert document.core_properties.title == bill.short_title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{s.number}. {s.heading}" for s in bill.sections]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == bill.short_title
    labels = [t.split("\t", 1)[0] for t in texts if t.startswith("(")]
    assert labels == ["(1)", "(2)", "(3)", "(a)", "(b)", "(a)", "(b)", "(i)", "(ii)"]
    assert any(t.startswith('"child" means') for t in texts)
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Section", "Provision", "Explanation", "Enacted in"]
    assert rows[1][0] == "3. Trafficking in persons"
    assert "18 U.S.C. § 1591" in rows[1][3] and "Modern Slavery Act 2015, s. 2" in rows[1][3]


def test_docx_of_a_civil_law_bill_numbers_articles() -> None:
    document = _docx(civil_law_bill())
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Article 1 Titre", "Article 2 Infraction", "Article 3 Entrée en vigueur"]
    assert document.tables[0].rows[0].cells[0].text == "Article"


# ------------------------------------------------------------------ PDF and the format table


def test_pdf_prints_the_bill_and_its_memorandum(pdf_engine: None) -> None:
    from fourthp.drafting.exports.pdf import render_pdf

    bill = common_law_bill()
    pdf = render_pdf(bill, version=3)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join((page.extract_text() or "") for page in reader.pages).replace("\n", " ")
    assert bill.short_title in text
    for section in bill.sections:
        assert section.heading in text
    assert "Explanatory memorandum" in text and "18 U.S.C. § 1591" in text
    assert len(reader.pages) >= 2  # the memorandum starts on a page of its own


def test_formats_and_file_names() -> None:
    bill = civil_law_bill()
    assert set(FORMATS) == {"akn", "docx", "pdf"}
    assert file_name(bill, "docx", 3) == "loi-relative-a-la-traite-des-etres-humains-2026-v3.docx"
    assert file_name(common_law_bill(), "akn") == "trafficking-in-persons-amendment-act-2026.xml"
    assert render(bill, "akn").startswith(b"<?xml")
    assert render(bill, "docx").startswith(b"PK")
    with pytest.raises(UnknownFormat):
        render(bill, "odt")
