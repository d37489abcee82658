"""What every app that prints PDFs with WeasyPrint needs to know before it asks the task worker for one."""

from __future__ import annotations


def pdf_engine_missing() -> bool:
    """True when WeasyPrint cannot load its text-layout libraries (Pango) on this machine."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return True
    return False
