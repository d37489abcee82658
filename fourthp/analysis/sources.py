"""What a run analyses: one source (pasted text, an uploaded file or an atlas instrument), read and checked.

`check_analysis_input` validates everything and raises AnalysisRefused with a message a user
understands before anything is written. The page (actions) and the task worker (running) both use it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from fourthp.analyzer.readers import ParsedDocument, ReaderError, detect_format
from fourthp.analyzer.readers.sandbox import read_document_limited
from fourthp.analyzer.segment import split_sections
from fourthp.laws.models import Instrument, Section
from fourthp.lib.text import normalise_text


class AnalysisRefused(ValueError):
    """The input cannot be analysed; the message says why and `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


@dataclass(frozen=True)
class AtlasPart:
    """A section of an atlas instrument to analyse: its key, and the version current when the run started."""

    key: str
    version: int


@dataclass(frozen=True)
class FilePart:
    """A section of an uploaded file as its reader split it: its number, heading and span in the run's text."""

    number: str
    heading: str
    start: int
    end: int


# `AnalysisRun.outline`: an instrument's parts, an uploaded file's, or none (pasted text, which the
# analyzer splits itself).
Outline = tuple[AtlasPart, ...] | tuple[FilePart, ...]


def outline_json(outline: Outline) -> list[dict[str, Any]]:
    """What `AnalysisRun.outline` stores."""
    return [asdict(part) for part in outline]


def atlas_outline(raw: list[dict[str, Any]]) -> tuple[AtlasPart, ...]:
    """The stored outline of an instrument's run."""
    return tuple(AtlasPart(key=str(item["key"]), version=int(item["version"])) for item in raw)


def file_outline(raw: list[dict[str, Any]]) -> tuple[FilePart, ...]:
    """The stored outline of an uploaded or pasted text's run (empty for pasted text)."""
    return tuple(
        FilePart(
            number=str(item["number"]), heading=str(item["heading"]), start=int(item["start"]), end=int(item["end"])
        )
        for item in raw
    )


@dataclass(frozen=True)
class AnalysisSource:
    """What a run will analyse, resolved and checked."""

    text: str = ""
    original_name: str = ""
    document_title: str = ""
    instrument: Instrument | None = None
    outline: Outline = ()
    sections_total: int = 0
    size: int = 0


def check_analysis_input(
    *, text: str = "", data: bytes | None = None, filename: str = "", instrument: Instrument | None = None
) -> AnalysisSource:
    """Validate one source: pasted text, an uploaded file's bytes, or an atlas instrument."""
    given = [
        name
        for name, value in (("text", text.strip()), ("file", data is not None), ("instrument", instrument))
        if value
    ]
    if not given:
        raise AnalysisRefused(_("There is nothing to analyse: upload a file, paste text or choose an instrument."))
    if len(given) > 1:
        raise AnalysisRefused(_("Give one thing to analyse: a file, pasted text or an instrument, not several."))
    limit = settings.ANALYZER_UPLOAD_MAX_BYTES
    if instrument is not None:
        sections = list(
            Section.objects.current().filter(instrument=instrument).order_by("order").only("key", "version", "text")
        )
        if not sections:
            raise AnalysisRefused(
                _("%(instrument)s has no sections to analyse.") % {"instrument": instrument}, field="instrument"
            )
        return AnalysisSource(
            instrument=instrument,
            outline=tuple(AtlasPart(key=s.key, version=s.version) for s in sections),
            sections_total=len(sections),
            size=sum(len(s.text.encode("utf-8")) for s in sections),
        )
    if data is not None:
        if len(data) > limit:
            raise AnalysisRefused(
                _("The file is %(size)s MB; the largest file the analyzer accepts is %(limit)s MB.")
                % {"size": megabytes(len(data)), "limit": megabytes(limit)},
                field="file",
            )
        try:
            document = read_document_limited(
                data,
                detect_format(data, filename),
                filename=filename,
                seconds=settings.PDF_READ_SECONDS,
                memory_mb=settings.PDF_READ_MEMORY_MB,
            )
        except ReaderError as exc:
            raise AnalysisRefused(str(exc), field="file") from exc
        return source_of_document(document, filename)
    size = len(text.encode("utf-8"))
    if size > limit:
        raise AnalysisRefused(
            _("The text is %(size)s MB; the most the analyzer accepts is %(limit)s MB.")
            % {"size": megabytes(size), "limit": megabytes(limit)},
            field="text",
        )
    if "\x00" in text:
        raise AnalysisRefused(_("The text contains NUL characters; paste text, not binary data."), field="text")
    normalised = normalise_text(text)
    return AnalysisSource(
        text=normalised, sections_total=len(split_sections(normalised)), size=len(normalised.encode("utf-8"))
    )


def source_of_document(document: ParsedDocument, filename: str) -> AnalysisSource:
    """The reader's sections, one after another; the outline says where each one is."""
    pieces: list[str] = []
    outline: list[FilePart] = []
    at = 0
    for section in document.sections:
        outline.append(FilePart(section.number, section.heading, at, at + len(section.text)))
        pieces.append(section.text)
        at += len(section.text) + 2
    joined = "\n\n".join(pieces)
    return AnalysisSource(
        text=joined,
        original_name=filename[:255],
        document_title=document.title[:500],
        outline=tuple(outline),
        sections_total=len(outline),
        size=len(joined.encode("utf-8")),
    )


def read_in_worker(data: bytes | None, filename: str) -> bool:
    """True for an uploaded PDF larger than PDF_READ_IN_WORKER_BYTES: the task worker reads it, with
    PDF_WORKER_READ_SECONDS to do so, rather than the page."""
    if data is None or len(data) <= settings.PDF_READ_IN_WORKER_BYTES:
        return False
    try:
        return detect_format(data, filename) == "pdf"
    except ReaderError:
        return False
