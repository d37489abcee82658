"""Report-card PDFs, printed by the task worker."""

from __future__ import annotations

from django_tasks import task

from fourthp.assessments.printing import do_make_report_card_pdf


@task()
def make_report_card_pdf(pdf_id: int) -> str:
    """Print one report card asked for by a reader; the next request for it downloads the file."""
    made = do_make_report_card_pdf(pdf_id, acting_user=None)
    return made.state if made is not None else "missing"
