"""Draft bills as PDFs, printed by the task worker."""

from __future__ import annotations

from django_tasks import task

from fourthp.drafting.printing import do_make_draft_pdf


@task()
def make_draft_pdf(pdf_id: int) -> str:
    """Print one draft version asked for; the next request for it downloads the file."""
    made = do_make_draft_pdf(pdf_id, acting_user=None)
    return made.state if made is not None else "missing"
