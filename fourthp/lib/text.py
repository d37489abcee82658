"""Canonical form for statute text.

Every text the atlas stores goes through :func:`normalise_text` exactly once,
when it is imported. After that the text is never edited, so character
offsets into it (annotations, highlights, search hits) stay valid.
"""

from __future__ import annotations

import unicodedata

_MAX_BLANK_RUN = 3


def normalise_text(s: str) -> str:
    """Return ``s`` in the canonical form used for all stored statute text.

    The steps, in order:

    1. ``\\r\\n`` and lone ``\\r`` become ``\\n``.
    2. Unicode NFC, so that "é" typed as one character or as "e" plus a
       combining accent compares equal.
    3. Trailing whitespace is removed from every line.
    4. A run of three or more blank lines becomes a single blank line
       (one or two blank lines are left as they are).
    5. Blank lines at the start and end are removed. Indentation of the
       first line is kept.

    The function is deterministic and idempotent:
    ``normalise_text(normalise_text(x)) == normalise_text(x)``.
    Offsets into the result are ordinary Python string indices.
    """
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = unicodedata.normalize("NFC", s)
    lines = [line.rstrip() for line in s.split("\n")]

    kept: list[str] = []
    blank_run = 0
    for line in lines:
        if line:
            _flush_blanks(kept, blank_run)
            blank_run = 0
            kept.append(line)
        else:
            blank_run += 1
    # Blank lines before the first text line and after the last one are
    # never flushed, which strips them.
    return "\n".join(kept)


def _flush_blanks(kept: list[str], run: int) -> None:
    if not kept or run == 0:
        return
    kept.extend([""] * (1 if run >= _MAX_BLANK_RUN else run))
