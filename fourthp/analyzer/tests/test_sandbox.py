"""Reading an untrusted PDF in a child process with a time and a memory limit."""

from __future__ import annotations

import pytest

from fourthp.analyzer.readers import ReaderError
from fourthp.analyzer.readers.sandbox import ReadTooLarge, ReadTooLong, read_document_limited
from fourthp.testing import make_slow_pdf, make_text_pdf

ACT = ["1. Offence of trafficking", "A person who recruits another person for exploitation commits an offence."]


def test_a_pdf_is_read_in_a_child_process_into_its_sections() -> None:
    document = read_document_limited(make_text_pdf(ACT), "pdf", filename="act.pdf", seconds=60, memory_mb=512)
    text = "\n".join(section.text for section in document.sections)
    assert "recruits another person for exploitation" in text


def test_a_pdf_that_takes_too_long_to_read_is_stopped_and_said_so() -> None:
    with pytest.raises(ReadTooLong, match=r"slow\.pdf took too long to read \(more than 1 seconds\)"):
        read_document_limited(make_slow_pdf(), "pdf", filename="slow.pdf", seconds=1, memory_mb=512)


def test_a_pdf_that_needs_more_memory_than_allowed_is_said_to_be_too_large() -> None:
    with pytest.raises(ReadTooLarge, match=r"slow\.pdf is too large to read here \(limit 120 MB"):
        read_document_limited(make_slow_pdf(), "pdf", filename="slow.pdf", seconds=300, memory_mb=120)


def test_only_a_damaged_pdf_is_called_damaged() -> None:
    whole = make_text_pdf(ACT)
    with pytest.raises(ReaderError, match="damaged or incomplete") as caught:
        read_document_limited(whole[:200], "pdf", filename="cut.pdf", seconds=60, memory_mb=512)
    assert not isinstance(caught.value, (ReadTooLong, ReadTooLarge))
    with pytest.raises(ReaderError, match="is not a PDF file"):
        read_document_limited(b"hello, not a pdf", "pdf", filename="fake.pdf", seconds=60, memory_mb=512)
