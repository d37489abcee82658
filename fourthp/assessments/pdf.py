"""Printing a report card to PDF with WeasyPrint: only ever called by the task worker.

Rendering costs seconds of processor time, so a page never calls `render_report_card_pdf`:
it asks for the PDF (`actions.do_request_report_card_pdf`) and the worker prints it.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from fourthp.accounts.site import absolute_url, site_url
from fourthp.assessments.queries import get_report_card
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction


def render_report_card_pdf(jurisdiction: Jurisdiction, framework: Framework, language: str) -> bytes:
    """The report card as a PDF in `language`; raises OSError where the Pango libraries are missing."""
    from weasyprint import HTML  # loads the Pango libraries: only where a PDF is made

    with translation.override(language):
        html = render_to_string(
            "assessments/report_card_pdf.html",
            {
                "card": get_report_card(jurisdiction, framework),
                "jurisdiction": jurisdiction,
                "generated": timezone.now(),
                "site_url": site_url(),
                "LANGUAGE_CODE": language,
            },
        )
    pdf: bytes = HTML(string=html, base_url=absolute_url("/")).write_pdf()
    return pdf
