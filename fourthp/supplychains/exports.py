"""A screen's results as CSV and XLSX: one row per finding on a line at risk, then the bad rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.queries import ProvisionStatus, kind_label


def header() -> list[str]:
    return [
        _("line"), _("good"), _("country"), _("country code"), _("good on the list"), _("matched by"),
        _("finding"), _("year"), _("source"), _("import ban"), _("public procurement"),
        _("due diligence and disclosure"), _("bad row"),
    ]  # fmt: skip


def rows(screen: ProcurementScreen, law: list[ProvisionStatus]) -> Iterator[list[object]]:
    statuses = [item.status_label for item in law]
    statuses += [""] * (3 - len(statuses))
    for result in screen.results:
        for finding in result["findings"]:
            yield [
                result["line"], result["good"], result["country"], result["country_code"], finding["good"],
                result["matched_by"], kind_label(finding["kind"]), finding["year"], finding["source"],
                *statuses, "",
            ]  # fmt: skip
    for number, reason in screen.bad_rows:
        yield [number, "", "", "", "", "", "", "", "", "", "", "", reason]


def _safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (a value starting with =, +, - or @ is quoted)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(screen: ProcurementScreen, law: list[ProvisionStatus]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    for row in rows(screen, law):
        writer.writerow([_safe(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(screen: ProcurementScreen, law: list[ProvisionStatus]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Screen"))
    sheet.append(header())
    for row in rows(screen, law):
        sheet.append([_safe(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
