"""Printing a brief or guide to PDF with WeasyPrint: only ever called by the task worker."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from fourthp.accounts.site import absolute_url, site_url
from fourthp.briefs.citations import render_with_footnotes
from fourthp.briefs.models import Resource


def render_resource_pdf(resource: Resource, language: str) -> bytes:
    """The resource with its footnotes as they read now."""
    from weasyprint import HTML  # loads the Pango libraries: only where a PDF is made

    with translation.override(language):
        rendered = render_with_footnotes(resource.body)
        html = render_to_string(
            "briefs/resource_pdf.html",
            {
                "resource": resource,
                "body": rendered.html,
                "footnotes": rendered.footnotes,
                "generated": timezone.now(),
                "site_url": site_url(),
                "LANGUAGE_CODE": language,
            },
        )
    pdf: bytes = HTML(string=html, base_url=absolute_url("/")).write_pdf()
    return pdf
