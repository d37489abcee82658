"""The task worker's part of a brief's PDF: print it, store it, forget the older ones.

`actions.do_request_resource_pdf` asks for a PDF and enqueues `tasks.make_resource_pdf`, which runs
`do_make_resource_pdf` here.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fourthp.briefs.models import ResourcePdf
from fourthp.briefs.pdf import render_resource_pdf

logger = logging.getLogger(__name__)


def do_make_resource_pdf(pdf_id: int, *, acting_user: object | None) -> ResourcePdf | None:
    """Print a PDF asked for and remove the older files of the same resource and language; a failure is logged."""
    pdf = ResourcePdf.objects.select_related("resource").defer("pdf").filter(pk=pdf_id).first()
    if pdf is None or pdf.state == ResourcePdf.State.READY:
        return pdf
    try:
        content = render_resource_pdf(pdf.resource, pdf.language)
    except Exception:
        logger.exception("resource PDF %s could not be made", pdf_id)
        ResourcePdf.objects.filter(pk=pdf_id).update(state=ResourcePdf.State.FAILED)
    else:
        with transaction.atomic():
            ResourcePdf.objects.filter(pk=pdf_id).update(
                state=ResourcePdf.State.READY, pdf=content, made_at=timezone.now()
            )
            ResourcePdf.objects.filter(resource_id=pdf.resource_id, language=pdf.language).filter(
                Q(version__lt=pdf.version) | Q(version=pdf.version, data_date__lt=pdf.data_date)
            ).delete()
    return ResourcePdf.objects.defer("pdf").filter(pk=pdf_id).first()
