"""Pause points for the fault tests: a process told to stop at a named point waits there to be killed.

The fault tests kill a process with SIGKILL at a chosen moment (half way through
an analysis, an e-mail batch, an import) and check what the database holds
afterwards. To reach that moment without guessing at timings, the code calls
`pause_point("name")` at a few places; a process started with

    FOURTHP_PAUSE_AT=name:N  FOURTHP_PAUSE_FILE=/some/path

stops the N-th time (1 when `:N` is left out) it reaches that point: it writes
the point's name into FOURTHP_PAUSE_FILE and sleeps until it is killed. Without
FOURTHP_PAUSE_AT a pause point does nothing but read one environment variable.
"""

from __future__ import annotations

import os
import time

PAUSE_AT = "FOURTHP_PAUSE_AT"
PAUSE_FILE = "FOURTHP_PAUSE_FILE"

_reached: dict[str, int] = {}


def pause_point(name: str) -> None:
    spec = os.environ.get(PAUSE_AT, "")
    if not spec:
        return
    wanted, _, count = spec.partition(":")
    if wanted != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] != int(count or 1):
        return
    marker = os.environ.get(PAUSE_FILE, "")
    if marker:
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(name)
    while True:  # until the test kills this process
        time.sleep(60)
