"""Campaign letters as PDFs, printed by the task worker."""

from __future__ import annotations

from django_tasks import task

from fourthp.campaigns.printing import do_make_letter_pdf


@task()
def make_letter_pdf(pdf_id: int) -> str:
    """Print one campaign letter asked for by the secretariat; the next request for it downloads the file."""
    made = do_make_letter_pdf(pdf_id, acting_user=None)
    return made.state if made is not None else "missing"
