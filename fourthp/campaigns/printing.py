"""The task worker's part of a campaign letter PDF: print it, store it, forget the older ones.

`actions.do_request_letter_pdf` asks for a PDF and enqueues `tasks.make_letter_pdf`, which runs
`do_make_letter_pdf` here; this module imports no task, so actions → tasks → printing has no circle.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from fourthp.accounts.models import User
from fourthp.campaigns.models import LetterPdf
from fourthp.campaigns.pdf import render_letter_pdf

logger = logging.getLogger(__name__)


def do_make_letter_pdf(pdf_id: int, *, acting_user: User | None) -> LetterPdf | None:
    """Print a letter asked for, store it, and remove the letters of the same campaign made from older data.

    A failure marks the row failed (the traceback goes to the log). `acting_user` is None: the worker prints it.
    """
    pdf = LetterPdf.objects.select_related("campaign").defer("pdf").filter(pk=pdf_id).first()
    if pdf is None or pdf.state == LetterPdf.State.READY:
        return pdf
    try:
        content = render_letter_pdf(pdf.campaign, pdf.language)
    except Exception:
        logger.exception("campaign letter PDF %s could not be made", pdf_id)
        LetterPdf.objects.filter(pk=pdf_id).update(state=LetterPdf.State.FAILED)
    else:
        with transaction.atomic():
            LetterPdf.objects.filter(pk=pdf_id).update(state=LetterPdf.State.READY, pdf=content, made_at=timezone.now())
            LetterPdf.objects.filter(
                campaign_id=pdf.campaign_id, language=pdf.language, data_date__lt=pdf.data_date
            ).delete()
    return LetterPdf.objects.defer("pdf").filter(pk=pdf_id).first()
