"""Briefs and guides as PDFs, printed by the task worker."""

from __future__ import annotations

from django_tasks import task

from fourthp.briefs.printing import do_make_resource_pdf


@task()
def make_resource_pdf(pdf_id: int) -> str:
    """Print one brief or guide asked for; the next request for it downloads the file."""
    made = do_make_resource_pdf(pdf_id, acting_user=None)
    return made.state if made is not None else "missing"
