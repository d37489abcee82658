"""Reader for PDF: pypdf extracts the text of each page, the pages are joined
with form feeds (so running headers and footers can be recognised) and the
generic section splitter does the rest."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from fourthp.analyzer.readers.base import ParsedDocument, ReaderError, display_name, select_sections
from fourthp.analyzer.readers.markdown import sections_from_segments
from fourthp.analyzer.segment import split_sections

__all__ = ["read_pdf"]


def read_pdf(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    name = display_name(filename)
    if not data.strip():
        raise ReaderError(f"{name} is empty: there is no text to read.")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReaderError(f"{name} is not a PDF file (it does not start with the PDF signature).")
    title, pages = _extract(data, name)
    text = "\f".join(pages)
    if not text.strip():
        raise ReaderError(
            f"{name} has no text that can be extracted. It may be a scanned image; "
            "a version with a text layer is needed."
        )
    sections = sections_from_segments(split_sections(text))
    return ParsedDocument(title=title, sections=select_sections(sections, only, filename))


def _extract(data: bytes, name: str) -> tuple[str, list[str]]:
    # pypdf reports damaged files through many exception types; a damaged
    # file must still end as a ReaderError, so every failure is converted.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReaderError(f"{name} is password-protected; an unprotected copy is needed.")
        title = ""
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip()
        # Trailing newlines would leave a blank line at every page break.
        pages = [(page.extract_text() or "").strip("\r\n") for page in reader.pages]
    except (ReaderError, MemoryError, RecursionError, LimitReachedError):
        raise  # not damage: too much to read, said as such by the caller (see readers.sandbox)
    except Exception as exc:
        raise ReaderError(f"{name} could not be read as a PDF: the file is damaged or incomplete.") from exc
    return title, pages
