"""Printing a campaign's letter with its signatories to PDF with WeasyPrint: only ever called by the task worker."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from fourthp.accounts.site import absolute_url, site_url
from fourthp.campaigns.models import Campaign
from fourthp.campaigns.queries import counts_of, signatories_by_country
from fourthp.core.pages import markdown_html


def render_letter_pdf(campaign: Campaign, language: str) -> bytes:
    """The letter in `language` (the statement translated where it is), signatories grouped by country."""
    from weasyprint import HTML  # loads the Pango libraries: only where a PDF is made

    with translation.override(language):
        html = render_to_string(
            "campaigns/letter_pdf.html",
            {
                "campaign": campaign,
                "statement": markdown_html(campaign.statement_in(language)),
                "groups": signatories_by_country(campaign),
                "counts": counts_of(campaign),
                "generated": timezone.now(),
                "site_url": site_url(),
                "LANGUAGE_CODE": language,
            },
        )
    pdf: bytes = HTML(string=html, base_url=absolute_url("/")).write_pdf()
    return pdf
