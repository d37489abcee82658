"""The statute manifest: which instruments ship with the atlas and how to
read them. The manifest is ``data/statutes/instruments.yaml``; its fields are
described in ``data/statutes/README.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from fourthp.analyzer.readers.base import ParsedDocument, ReaderError
from fourthp.analyzer.readers.dispatch import FORMATS, read_document, read_many

__all__ = ["InstrumentSpec", "load_manifest", "read_instrument", "section_key"]

TYPES = ("act", "code", "treaty", "bill", "regulation")
STATUSES = ("in_force", "repealed", "pending")
_REQUIRED = (
    "key", "jurisdiction", "title", "short_title", "type", "status", "language", "format",
    "files", "section_key_prefix", "citation_template", "source_url", "source_name", "licence",
)  # fmt: skip
_OPTIONAL = ("only", "enacted", "in_force_from", "notes")


def section_key(prefix: str, number: str) -> str:
    """Stable key of a section: ``section_key("ca-cc", "7(4.11)") == "ca-cc-7-4.11"``.

    Lower case; "§", spaces and a trailing full stop are dropped; each
    parenthesised label becomes a hyphenated part ("1593A" → "1593a").
    """
    cleaned = re.sub(r"[§\s]", "", number).rstrip(".")
    cleaned = re.sub(r"\(([^()]*)\)", r"-\1", cleaned)
    return f"{prefix}-{cleaned}".lower()


@dataclass(frozen=True)
class InstrumentSpec:
    key: str
    jurisdiction: str
    title: str
    short_title: str
    type: str
    status: str
    language: str
    format: str
    files: tuple[str, ...]
    section_key_prefix: str
    citation_template: str
    source_url: str
    source_name: str
    licence: str
    only: tuple[str, ...] | None = None
    enacted: dt.date | None = None
    in_force_from: dt.date | None = None
    notes: str = ""

    def key_for(self, number: str) -> str:
        return section_key(self.section_key_prefix, number)

    def citation_for(self, number: str) -> str:
        return self.citation_template.format(number=number)


def load_manifest(path: str | Path) -> list[InstrumentSpec]:
    """Load and check the manifest. Problems are ReaderErrors naming the
    instrument and field; listed files must exist beside the manifest."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReaderError(f"{path.name} could not be read: {exc}") from exc
    entries = raw.get("instruments") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ReaderError(f"{path.name} must have a non-empty list under “instruments”.")
    specs = [_spec(entry, n, path) for n, entry in enumerate(entries, start=1)]
    keys = [spec.key for spec in specs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ReaderError(f"{path.name} lists these instruments twice: {', '.join(duplicates)}.")
    return specs


def _spec(entry: Any, position: int, path: Path) -> InstrumentSpec:
    where = f"{path.name}, instrument {position}"
    if not isinstance(entry, Mapping):
        raise ReaderError(f"{where} is not a mapping of fields.")
    where = f"{path.name}, instrument “{entry.get('key', position)}”"
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise ReaderError(f"{where} has unknown fields: {', '.join(sorted(unknown))}.")
    missing = [name for name in _REQUIRED if not entry.get(name)]
    if missing:
        raise ReaderError(f"{where} is missing: {', '.join(missing)}.")
    for name, allowed in (("type", TYPES), ("status", STATUSES), ("format", FORMATS)):
        if entry[name] not in allowed:
            raise ReaderError(f"{where}: {name} must be one of {', '.join(allowed)}, not “{entry[name]}”.")
    for name in ("enacted", "in_force_from"):
        if entry.get(name) is not None and not isinstance(entry[name], dt.date):
            raise ReaderError(f"{where}: {name} must be a date written as YYYY-MM-DD.")
    if "{number}" not in entry["citation_template"]:
        raise ReaderError(f"{where}: citation_template must contain {{number}}.")
    files = _strings(entry["files"], "files", where)
    for name in files:
        if not (path.parent / name).is_file():
            raise ReaderError(f"{where}: the file {name} does not exist.")
    only = _strings(entry["only"], "only", where) if entry.get("only") is not None else None
    return InstrumentSpec(
        key=str(entry["key"]),
        jurisdiction=str(entry["jurisdiction"]),
        title=str(entry["title"]),
        short_title=str(entry["short_title"]),
        type=str(entry["type"]),
        status=str(entry["status"]),
        language=str(entry["language"]),
        format=str(entry["format"]),
        files=files,
        section_key_prefix=str(entry["section_key_prefix"]),
        citation_template=str(entry["citation_template"]),
        source_url=str(entry["source_url"]),
        source_name=str(entry["source_name"]),
        licence=str(entry["licence"]),
        only=only,
        enacted=entry.get("enacted"),
        in_force_from=entry.get("in_force_from"),
        notes=str(entry.get("notes") or "").strip(),
    )


def _strings(value: Any, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, (str, int)) for v in value):
        raise ReaderError(f"{where}: {name} must be a non-empty list.")
    return tuple(str(v) for v in value)


def read_instrument(spec: InstrumentSpec, base_dir: str | Path) -> ParsedDocument:
    """Read an instrument's files and return its sections with citations.

    The document's title and language come from the manifest.
    """
    base = Path(base_dir)
    files: list[tuple[str, bytes]] = []
    for name in spec.files:
        try:
            files.append((name, (base / name).read_bytes()))
        except OSError as exc:
            raise ReaderError(f"{name} (instrument {spec.key}) could not be opened: {exc.strerror}.") from exc
    only: Sequence[str] | None = spec.only
    if len(files) == 1:
        document = read_document(files[0][1], spec.format, filename=files[0][0], only=only)
    else:
        document = read_many(files, spec.format, only=only)
    sections = [replace(s, citation=spec.citation_for(s.number)) for s in document.sections]
    return ParsedDocument(title=spec.title, language=spec.language, sections=sections)
