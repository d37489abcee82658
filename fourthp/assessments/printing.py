"""The task worker's part of a report-card PDF: print it, store it, forget the older ones.

`actions.do_request_report_card_pdf` asks for a PDF and enqueues `tasks.make_report_card_pdf`,
which runs `do_make_report_card_pdf` here; this module imports no task, so actions → tasks →
printing has no circle.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from fourthp.accounts.models import User
from fourthp.assessments.models import ReportCardPdf
from fourthp.assessments.pdf import render_report_card_pdf

logger = logging.getLogger(__name__)


def do_make_report_card_pdf(pdf_id: int, *, acting_user: User | None) -> ReportCardPdf | None:
    """Print a PDF asked for, store it, and remove the PDFs of the same card made from older data.

    A failure marks the row failed (the traceback goes to the log); the page then says the PDF
    could not be made and offers the other formats. `acting_user` is None: the task worker prints it.
    """
    pdf = ReportCardPdf.objects.select_related("jurisdiction", "framework").defer("pdf").filter(pk=pdf_id).first()
    if pdf is None or pdf.state == ReportCardPdf.State.READY:
        return pdf
    try:
        content = render_report_card_pdf(pdf.jurisdiction, pdf.framework, pdf.language)
    except Exception:
        logger.exception("report card PDF %s could not be made", pdf_id)
        ReportCardPdf.objects.filter(pk=pdf_id).update(state=ReportCardPdf.State.FAILED)
    else:
        with transaction.atomic():
            ReportCardPdf.objects.filter(pk=pdf_id).update(
                state=ReportCardPdf.State.READY, pdf=content, made_at=timezone.now()
            )
            # The same card made from older data is never served again.
            ReportCardPdf.objects.filter(
                jurisdiction_id=pdf.jurisdiction_id,
                framework_id=pdf.framework_id,
                language=pdf.language,
                data_date__lt=pdf.data_date,
            ).delete()
    return ReportCardPdf.objects.defer("pdf").filter(pk=pdf_id).first()
