"""A composed bill as Akoma Ntoso 3.0 XML, and its check against the OASIS schema.

Pure Python (lxml; no Django). The document is `<akomaNtoso><bill>` with its FRBR identification, a preface
(long title and short title), a body of sections (common law) or articles (civil law) with their numbered
subdivisions, and the explanatory memorandum as an attachment. Defined terms are marked `<def>` where they are
defined and `<term>` where they are used; "section 3" (or "article 3") is a `<ref>` to that section when the bill
has one so numbered. The schema is shipped in data/schemas/akn/ (OASIS, CC BY 4.0; see its README).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pycountry
from lxml import etree

from fourthp.drafting.bill import BillSection, ComposedBill, MemorandumEntry, SectionKind
from fourthp.drafting.exports.structure import EMPHASIS, LEVEL_LETTER, LEVEL_NUMBER, Item, clean, parse, slug

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA = Path(__file__).resolve().parents[3] / "data" / "schemas" / "akn" / "akomantoso30.xsd"
AUTHOR = "fourthp"
AUTHOR_NAME = "Fourth P"

# Element and eId prefix of each level of subdivision, by legal tradition.
LEVELS = {
    "common_law": {LEVEL_NUMBER: ("subsection", "subsec"), LEVEL_LETTER: ("paragraph", "para")},
    "civil_law": {LEVEL_NUMBER: ("paragraph", "para"), LEVEL_LETTER: ("point", "point")},
}
DEEPEST = ("subparagraph", "subpara")

# A defined term at the start of a paragraph: "term" means ...
DEFINES = re.compile(r"^([\"“‘'])([^\"”’']{1,200})([\"”’'])(?=\s+(?:means|includes|has|refers|is)\b)")


def _e(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str) -> etree._Element:
    if parent is None:
        element = etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})  # type: ignore[dict-item]  # the default namespace
    else:
        element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    for key, value in attrs.items():
        element.set(key.rstrip("_"), value)
    if text is not None:
        element.text = text
    return element


def language_code(language: str) -> str:
    """The ISO 639-2 code Akoma Ntoso names a language by ("en" → "eng")."""
    found = pycountry.languages.get(alpha_2=language[:2].lower()) if len(language) >= 2 else None
    code = getattr(found, "alpha_3", None) if found is not None else None
    return str(code) if code else "und"


def work_uri(bill: ComposedBill) -> str:
    return f"/akn/{bill.jurisdiction_code.lower()}/bill/{bill.composed_on}/{slug(bill.short_title)}"


class _Inline:
    """Writes a paragraph's words into an element: cross-references, defined terms in use and emphasis."""

    def __init__(self, bill: ComposedBill, terms: dict[str, str]) -> None:
        self.targets = {clean(s.number).lower(): _eid(s) for s in bill.sections}
        self.unit = bill.unit
        self.terms = terms  # term (lower case) -> TLCTerm eId
        parts = [rf"(?P<ref>\b{self.unit}s?\s+(?P<num>\d+[A-Za-z]?)\b)"]
        if terms:
            words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            parts.append(rf"(?P<term>(?<!\w)(?:{words})(?!\w))")
        parts.append(EMPHASIS.pattern.replace("(.+?)", "(?:.+?)"))
        self.pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)

    def write(self, parent: etree._Element, text: str, *, skip_terms: bool = False) -> None:
        last: etree._Element | None = None
        position = 0

        def add_text(value: str) -> None:
            if not value:
                return
            if last is None:
                parent.text = (parent.text or "") + value
            else:
                last.tail = (last.tail or "") + value

        for match in self.pattern.finditer(text):
            target = match.group("num") and self.targets.get(match.group("num").lower())
            chunk = match.group(0)
            if match.group("ref") and target:
                add_text(text[position : match.start()])
                last = _e("ref", parent, chunk, href=f"#{target}")
            elif match.groupdict().get("term") and not skip_terms:
                add_text(text[position : match.start()])
                last = _e("term", parent, chunk, refersTo=f"#{self.terms[chunk.lower()]}")
            elif not match.group("ref") and not match.groupdict().get("term"):
                inner = EMPHASIS.match(chunk)
                if inner is None:
                    continue
                add_text(text[position : match.start()])
                bold, italic = inner.group(1), inner.group(2)
                last = _e("b" if bold is not None else "i", parent, bold if bold is not None else italic)
            else:
                continue
            position = match.end()
        add_text(text[position:])

    def paragraph(self, parent: etree._Element, text: str, definitions: dict[str, str]) -> None:
        """One `<p>`; a paragraph that defines a term has it marked `<def>`."""
        p = _e("p", parent)
        match = DEFINES.match(text)
        eid = definitions.get(match.group(2).lower()) if match else None
        if match is None or eid is None:
            self.write(p, text)
            return
        p.text = match.group(1)
        defined = _e("def", p, match.group(2), refersTo=f"#{eid}")
        defined.tail = match.group(3)
        rest = _e("span", p)
        self.write(rest, text[match.end() :], skip_terms=True)
        # A span was only a holder: move its content into the paragraph.
        defined.tail = (defined.tail or "") + (rest.text or "")
        for child in list(rest):
            p.append(child)
        p.remove(rest)


def _term_ids(bill: ComposedBill) -> dict[str, str]:
    """Every defined term of the bill (lower case) and its TLCTerm eId."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for section in bill.sections:
        for definition in section.definitions:
            term = clean(definition.term)
            if not term or term.lower() in ids:
                continue
            eid = base = f"term-{slug(term, 'term')}"
            n = 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
            used.add(eid)
            ids[term.lower()] = eid
    return ids


def _blocks(inline: _Inline, parent: etree._Element, texts: list[str], definitions: dict[str, str]) -> None:
    for text in texts:
        inline.paragraph(parent, text, definitions)


def _items(
    inline: _Inline,
    parent: etree._Element,
    items: list[Item],
    prefix: str,
    levels: dict[int, tuple[str, str]],
    definitions: dict[str, str],
) -> None:
    used: set[str] = set()
    for item in items:
        tag, abbr = levels.get(item.level, DEEPEST)
        label = slug(item.label, "x")
        eid = base = f"{prefix}__{abbr}_{label}"
        n = 2
        while eid in used:
            eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        element = _e(tag, parent, eId=eid)
        _e("num", element, item.num)
        if item.children:
            if item.texts:
                _blocks(inline, _e("intro", element), item.texts, definitions)
            _items(inline, element, item.children, eid, levels, definitions)
        else:
            _blocks(inline, _e("content", element), item.texts or [""], definitions)


def _definition_items(
    inline: _Inline, parent: etree._Element, section: BillSection, texts: list[str], definitions: dict[str, str]
) -> bool:
    """A definitions section's unnumbered definitions, one `<hcontainer name="definition">` each, after its
    opening words. False when its text is not in that shape (then it is written like any other section)."""
    defining = [i for i, t in enumerate(texts) if DEFINES.match(t)]
    if not defining or defining != list(range(defining[0], len(texts))):
        return False
    if defining[0]:
        _blocks(inline, _e("intro", parent), texts[: defining[0]], definitions)
    for n, text in enumerate(texts[defining[0] :], start=1):
        holder = _e("hcontainer", parent, eId=f"{section.eid}__hcontainer_{n}", name="definition")
        inline.paragraph(_e("content", holder), text, definitions)
    return True


def _eid(section: BillSection) -> str:
    return slug(section.eid, "sec").replace("-", "_")


def _section(
    inline: _Inline, parent: etree._Element, bill: ComposedBill, section: BillSection, definitions: dict[str, str]
) -> None:
    tag = "article" if bill.unit == "article" else "section"
    element = _e(tag, parent, eId=_eid(section))
    number = clean(section.number)
    _e("num", element, f"Article {number}" if tag == "article" else f"{number}.")
    _e("heading", element, clean(section.heading))
    body = parse(section.paragraphs())
    levels = LEVELS.get(bill.tradition, LEVELS["common_law"])
    if body.items:
        if body.intro:
            _blocks(inline, _e("intro", element), body.intro, definitions)
        _items(inline, element, body.items, element.get("eId", ""), levels, definitions)
        return
    if section.kind == SectionKind.DEFINITIONS and _definition_items(inline, element, section, body.intro, definitions):
        return
    _blocks(inline, _e("content", element), body.intro or [""], definitions)


TRAILING_LABELS = re.compile(r"^(?:\((\d+[A-Za-z]?|[a-z]{1,6})\))+")


def _point_refs_at_subdivisions(body: etree._Element) -> None:
    """ "section 3(2)(a)": the reference made to "section 3" reaches its subsection (2), paragraph (a) when the
    bill has them."""
    eids = {e.get("eId") for e in body.iter() if e.get("eId")}
    for ref in body.iter(f"{{{NS}}}ref"):
        match = TRAILING_LABELS.match(ref.tail or "")
        if match is None:
            continue
        target = (ref.get("href") or "#")[1:]
        reached = ""
        for label in re.findall(r"\(([^)]+)\)", match.group(0)):
            found = [f"{target}__{abbr}_{label.lower()}" for abbr in ("subsec", "para", "point", "subpara")]
            found = [eid for eid in found if eid in eids]
            if not found:
                break
            target = found[0]
            reached += f"({label})"
        if reached and ref.tail is not None:
            ref.set("href", f"#{target}")
            ref.text = (ref.text or "") + reached
            ref.tail = ref.tail[len(reached) :]


def _identification(meta: etree._Element, uri: str, language: str, date: str, component: str) -> None:
    identification = _e("identification", meta, source=f"#{AUTHOR}")
    expression = f"{uri}/{language}@"
    levels = (
        ("FRBRWork", f"{uri}/!{component}", uri),
        ("FRBRExpression", f"{expression}/!{component}", expression),
        ("FRBRManifestation", f"{expression}/!{component}.xml", f"{expression}.akn"),
    )
    for tag, this, frbr_uri in levels:
        level = _e(tag, identification)
        _e("FRBRthis", level, value=this)
        _e("FRBRuri", level, value=frbr_uri)
        _e("FRBRdate", level, date=date, name="composed" if tag != "FRBRManifestation" else "generated")
        _e("FRBRauthor", level, href=f"#{AUTHOR}", as_="#author")
        if tag == "FRBRWork":
            country = uri.split("/")[2]
            _e("FRBRcountry", level, value=country)
            _e("FRBRprescriptive", level, value="false")
            _e("FRBRauthoritative", level, value="false")
        elif tag == "FRBRExpression":
            _e("FRBRlanguage", level, language=language)
        else:
            _e("FRBRformat", level, value="application/akn+xml")


def _meta(parent: etree._Element, bill: ComposedBill, uri: str, component: str, terms: dict[str, str]) -> None:
    meta = _e("meta", parent)
    _identification(meta, uri, language_code(bill.language), _date(bill.composed_on), component)
    if component != "main":
        return  # an attachment's meta points at the bill's own references: eIds are unique in the whole bill
    references = _e("references", meta, source=f"#{AUTHOR}")
    _e("TLCOrganization", references, eId=AUTHOR, href=f"/ontology/organization/{AUTHOR}", showAs=AUTHOR_NAME)
    _e("TLCRole", references, eId="author", href="/ontology/role/author", showAs="Author")
    for term, eid in terms.items():
        _e("TLCTerm", references, eId=eid, href=f"/ontology/term/{AUTHOR}/{eid.removeprefix('term-')}", showAs=term)


def _date(value: str) -> str:
    match = re.match(r"^\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else "1970-01-01"


def _memorandum(parent: etree._Element, bill: ComposedBill, uri: str) -> None:
    attachment = _e("attachment", _e("attachments", parent), eId="att_1")
    doc = _e("doc", attachment, name="explanatoryMemorandum")
    _meta(doc, bill, uri, "memorandum", {})
    preface = _e("preface", doc)
    _e("docTitle", _e("p", preface), "Explanatory memorandum")
    main = _e("mainBody", doc)
    entries: tuple[MemorandumEntry, ...] = bill.memorandum
    if not entries:
        _e("p", main, "No section of this bill meets a framework provision.")
        return
    table = _e("table", main, eId="att_1__table_1")
    head = _e("tr", table)
    for label in (bill.unit.capitalize(), "Provision", "Explanation", "Enacted in"):
        _e("p", _e("th", head), label)
    targets = {s.number: _eid(s) for s in bill.sections}
    for entry in entries:
        row = _e("tr", table)
        cell = _e("p", _e("td", row))
        number = clean(entry.section_number)
        target = targets.get(entry.section_number)
        words = f"{bill.unit.capitalize()} {number}. {clean(entry.section_heading)}"
        if target:
            _e("ref", cell, words, href=f"#{target}")
        else:
            cell.text = words
        _e("p", _e("td", row), f"{clean(entry.provision_title)} ({clean(entry.provision_id)})")
        _e("p", _e("td", row), clean(entry.explanation))
        peers = _e("td", row)
        if not entry.peers:
            _e("p", peers, "None found yet.")
        for peer in entry.peers:
            p = _e("p", peers, f"{clean(peer.jurisdiction_name)}: ")
            citation = clean(peer.citation) or clean(peer.jurisdiction_code)
            url = clean(peer.url)
            if url.startswith(("http://", "https://")):
                _e("ref", p, citation, href=quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"))
            else:
                p.text = (p.text or "") + citation


def to_akoma_ntoso(bill: ComposedBill) -> bytes:
    """The bill as an Akoma Ntoso 3.0 document (UTF-8 XML with its declaration)."""
    terms = _term_ids(bill)
    definitions = dict(terms)
    inline = _Inline(bill, terms)
    uri = work_uri(bill)
    root = _e("akomaNtoso")
    document = _e("bill", root, name=slug(bill.short_title))
    _meta(document, bill, uri, "main", terms)
    preface = _e("preface", document)
    _e("p", _e("longTitle", preface), clean(bill.title) or clean(bill.short_title))
    _e("docTitle", _e("p", preface), clean(bill.short_title))
    body = _e("body", document)
    if not bill.sections:
        section = BillSection(number="1", eid="sec_1", kind=SectionKind.PROVISION, heading="", text="")
        _section(inline, body, bill, section, definitions)
    for section in bill.sections:
        _section(inline, body, bill, section, definitions)
    _point_refs_at_subdivisions(body)
    _memorandum(document, bill, uri)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


@cache
def _schema() -> etree.XMLSchema:
    """The Akoma Ntoso schema, parsed once per process (it takes about a second)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def validate(xml: bytes) -> list[str]:
    """What is wrong with the document against the Akoma Ntoso 3.0 schema: one line per error, none when valid."""
    try:
        document = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    schema = _schema()
    if schema.validate(document):
        return []
    errors: Iterable[Any] = schema.error_log  # type: ignore[assignment]  # iterable, though the stubs omit it
    return [f"line {e.line}: {e.message}" for e in errors]
