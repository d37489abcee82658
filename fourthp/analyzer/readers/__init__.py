"""Read statutes, bills and treaties from their source formats.

Every reader returns a :class:`ParsedDocument` whose sections carry text in
the canonical form of :func:`fourthp.lib.text.normalise_text`. Problems with
the input are reported as :class:`ReaderError`, whose message names the file
and, where possible, the section or line.

Formats (the ``fmt`` argument):

============ ============================================================
text         plain text, split with :func:`fourthp.analyzer.segment.split_sections`
markdown     Markdown, split the same way; Markdown markup is resolved
dc-xml       DC Council law-xml, one ``<section>`` per file
canada-xml   Justice Canada XML (consolidated Acts and annual statutes)
uscode-md    US Code as chunked Markdown, rejoined per ``#### §`` line
pdf          PDF with a text layer
html         HTML pages
akoma-ntoso  Akoma Ntoso 3.0 XML (acts as legislation portals publish them)
clml         legislation.gov.uk XML (Crown Legislation Markup Language)
eurlex-xhtml EUR-Lex XHTML of EU acts (the older and the 2014 layout)
law-json     statutes as JSON ``provisions`` (Romania, Ukraine, Guatemala, Ghana)
eu-json      EU acts as JSON ``articles`` (with a CELEX number)
hun-law-json Hungarian acts in the hun_law JSON structure
legi-md      French codes as Markdown from the LEGI database (Légifrance)
============ ============================================================
"""

from fourthp.analyzer.readers.base import ParsedDocument, ParsedSection, ReaderError
from fourthp.analyzer.readers.dispatch import FORMATS, detect_format, read_document, read_many
from fourthp.analyzer.readers.manifest import InstrumentSpec, load_manifest, read_instrument, section_key

__all__ = [
    "FORMATS",
    "InstrumentSpec",
    "ParsedDocument",
    "ParsedSection",
    "ReaderError",
    "detect_format",
    "load_manifest",
    "read_document",
    "read_instrument",
    "read_many",
    "section_key",
]
