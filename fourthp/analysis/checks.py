"""System checks of the analyzer's settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning

# Room in a form body for everything but the pasted text: the other fields and the multipart boundaries.
FORM_OVERHEAD_BYTES = 64 * 1024


def check_pasted_text_fits_in_a_form(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A pasted text one character over ANALYZER_TEXT_MAX_CHARS must still arrive, so the form can say so
    and show it again; a character takes at most 3 bytes in the body (a line break, 2)."""
    body = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    needed = 3 * (settings.ANALYZER_TEXT_MAX_CHARS + 1) + FORM_OVERHEAD_BYTES
    if body is not None and needed > body:
        return [
            Warning(
                "ANALYZER_TEXT_MAX_CHARS is too large for DATA_UPLOAD_MAX_MEMORY_SIZE: a text pasted just over "
                "it may be refused before the analyzer form can say so and keep it.",
                hint=f"Set DATA_UPLOAD_MAX_MEMORY_SIZE to at least {needed} bytes, or lower ANALYZER_TEXT_MAX_CHARS.",
                id="fourthp.W001",
            )
        ]
    return []
