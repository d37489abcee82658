"""Reading a procurement file (CSV or XLSX) into lines: every line kept, or listed as bad with its reason.

No Django models here: the file's bytes in, `Upload` out. Which country a line names is checked when the
screen runs (`screening.py`), against the jurisdictions of the atlas.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
"""The largest file read: 5 MB."""
MAX_LINES = 20_000
"""The most lines (after the header) a screen reads."""
MAX_CELL = 200
"""The longest good, country or HS code, in characters."""

# Header names (folded to lower case, spaces and underscores ignored) -> the column they are.
COLUMNS = {
    "good": ("good", "goods", "product", "item", "description", "commodity", "bien", "produit", "produs", "товар"),
    "country": (
        "country", "countryoforigin", "origin", "origincountry", "pais", "paisdeorigen", "pays", "paysdorigine",
        "tara", "taradeorigine", "країна", "країнапоходження",
    ),
    "hs_code": ("hs", "hscode", "hstariffcode", "tariffcode", "codigohs", "codehs", "codhs", "кодувзед"),
}  # fmt: skip


class UploadRefused(ValueError):
    """The file as a whole cannot be read: too large, not CSV or XLSX, no header, too many lines."""


@dataclass(frozen=True)
class Line:
    number: int
    """The line's number in the file, the header being line 1."""
    good: str
    country: str
    hs_code: str = ""


@dataclass(frozen=True)
class BadRow:
    number: int
    reason: str


@dataclass
class Upload:
    lines: list[Line] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)


def _header_key(text: str) -> str:
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = _header_key(name)
        for column, names in COLUMNS.items():
            if key in names and column not in found:
                found[column] = position
    missing = [column for column in ("good", "country") if column not in found]
    if missing:
        raise UploadRefused(
            _(
                "The first line must name the columns; a column called “good” (or “product”) and one called "
                "“country” (or “country of origin”) are needed. An “HS code” column is optional."
            )
        )
    return found


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused(_("The CSV file is not in UTF-8; save it as “CSV UTF-8” and upload it again.")) from exc
    if "\x00" in text:
        raise UploadRefused(_("The file holds a NUL character; it is not a CSV file."))
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UploadRefused(_("The file could not be read as an XLSX workbook.")) from exc
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield ["" if cell is None else str(cell) for cell in row]
    book.close()


def is_xlsx(name: str, data: bytes) -> bool:
    return name.casefold().endswith(".xlsx") or data[:2] == b"PK"


def read_upload(name: str, data: bytes, *, max_lines: int = MAX_LINES) -> Upload:
    """The lines of a procurement file, each with its number; a line without a good or a country, or with a
    value over MAX_CELL characters, is a bad row with its reason. Blank lines are skipped and not counted."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(_("The file is larger than 5 MB; split it into smaller files."))
    if not data.strip():
        raise UploadRefused(_("The file is empty."))
    rows = _xlsx_rows(data) if is_xlsx(name, data) else _csv_rows(data)
    upload = Upload()
    try:
        header = next(rows)
    except StopIteration as exc:
        raise UploadRefused(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise UploadRefused(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from exc
    columns = _columns(header)
    count = 0
    try:
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > max_lines:
                raise UploadRefused(
                    _("The file has more than %(limit)s lines; split it into smaller files.") % {"limit": max_lines}
                )
            values = {c: (row[i].strip() if i < len(row) else "") for c, i in columns.items()}
            reason = _problem(values)
            if reason:
                upload.bad_rows.append(BadRow(number, reason))
            else:
                upload.lines.append(Line(number, values["good"], values["country"], values.get("hs_code", "")))
    except csv.Error as exc:
        raise UploadRefused(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from exc
    if not count:
        raise UploadRefused(_("The file has a header but no lines."))
    return upload


def _problem(values: dict[str, str]) -> str:
    if not values["good"]:
        return _("No good is given.")
    if not values["country"]:
        return _("No country of origin is given.")
    if any(len(value) > MAX_CELL for value in values.values()):
        return _("A value is longer than %(limit)s characters.") % {"limit": MAX_CELL}
    return ""
