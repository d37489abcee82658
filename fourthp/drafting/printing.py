"""The task worker's part of a draft bill's PDF: print one version and store it.

`actions.do_request_draft_pdf` asks for it and enqueues `tasks.make_draft_pdf`, which runs `do_make_draft_pdf`.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from fourthp.drafting.bill import ComposedBill
from fourthp.drafting.exports.pdf import render_pdf
from fourthp.drafting.models import DraftPdf

logger = logging.getLogger(__name__)


def do_make_draft_pdf(pdf_id: int, *, acting_user: object | None) -> DraftPdf | None:
    """Print the version's bill and memorandum; a failure is logged and marked, for the page to say so."""
    pdf = DraftPdf.objects.select_related("version").defer("pdf").filter(pk=pdf_id).first()
    if pdf is None or pdf.state == DraftPdf.State.READY:
        return pdf
    try:
        content = render_pdf(ComposedBill.from_dict(pdf.version.bill), version=pdf.version.number)
    except Exception:
        logger.exception("draft PDF %s could not be made", pdf_id)
        DraftPdf.objects.filter(pk=pdf_id).update(state=DraftPdf.State.FAILED)
    else:
        DraftPdf.objects.filter(pk=pdf_id).update(state=DraftPdf.State.READY, pdf=content, made_at=timezone.now())
    return DraftPdf.objects.defer("pdf").filter(pk=pdf_id).first()
