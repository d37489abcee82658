"""Read an untrusted PDF in a child process with a time limit and a memory limit.

pypdf is pure Python: a small crafted file (a stream that inflates to megabytes of drawing
operators, deeply nested objects) can keep it busy for many seconds or make it allocate
gigabytes. So an uploaded PDF is read by ``python -m fourthp.analyzer.readers.sandbox`` in a
fresh interpreter that limits its own address space (``RLIMIT_AS``) and processor time
(``RLIMIT_CPU``) before reading anything, while the caller waits at most ``seconds`` of wall
clock and kills it after that. The file goes in on standard input and the sections come back
as JSON on standard output.

Each way it can fail has its own message: the reading took too long (:class:`ReadTooLong`),
needed more memory than allowed (:class:`ReadTooLarge`), or the file is not a PDF or is
damaged (a plain :class:`ReaderError` from the reader itself).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from fourthp.analyzer.readers.base import ParsedDocument, ParsedSection, ReaderError, display_name
from fourthp.analyzer.readers.dispatch import read_document

__all__ = ["ReadTooLarge", "ReadTooLong", "read_document_limited"]

_MB = 1024 * 1024
# The package root, so the child finds `fourthp` whatever the caller's working directory.
_ROOT = Path(__file__).resolve().parents[3]


class ReadTooLong(ReaderError):
    """Reading the document took longer than allowed."""


class ReadTooLarge(ReaderError):
    """Reading the document needed more memory than allowed."""


def read_document_limited(
    data: bytes, fmt: str, *, filename: str = "", seconds: float, memory_mb: int
) -> ParsedDocument:
    """Read one document as :func:`read_document` does; a PDF is read in a limited child process.

    Other formats are read here: their readers do a bounded amount of work per byte.
    """
    if fmt != "pdf":
        return read_document(data, fmt, filename=filename)
    name = display_name(filename)
    path = os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, "FOURTHP_READ_NAME": filename}
    command = [sys.executable, "-m", "fourthp.analyzer.readers.sandbox", str(memory_mb), str(int(seconds) + 1)]
    try:
        done = subprocess.run(  # noqa: S603  (our own module, arguments are numbers)
            command, input=data, capture_output=True, timeout=seconds, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise _too_long(name, seconds) from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        # No answer: the limits killed it (SIGXCPU for processor time; SIGKILL or SIGSEGV when an
        # allocation failed in C code) or the interpreter could not start.
        if done.returncode == -signal.SIGXCPU:
            raise _too_long(name, seconds)
        if done.returncode < 0:
            raise _too_large(name, memory_mb)
        raise RuntimeError(f"the PDF reader process failed: {done.stderr.decode('utf-8', 'replace')[-2000:]}")
    if answer.get("error") == "memory":
        raise _too_large(name, memory_mb)
    if answer.get("error") == "reader":
        raise ReaderError(str(answer.get("message", "")))
    document = answer["document"]
    return ParsedDocument(
        title=document["title"],
        language=document["language"],
        sections=[ParsedSection(**section) for section in document["sections"]],
    )


def _too_long(name: str, seconds: float) -> ReadTooLong:
    return ReadTooLong(
        f"{name} took too long to read (more than {seconds:g} seconds). It may be built in an unusual way; "
        "a copy saved again from a PDF viewer, or the text itself, can be read."
    )


def _too_large(name: str, memory_mb: int) -> ReadTooLarge:
    return ReadTooLarge(
        f"{name} is too large to read here (limit {memory_mb} MB of memory for reading one file). "
        "Split it into smaller files, or upload its text."
    )


def _child(memory_mb: int, cpu_seconds: int) -> int:
    """Inside the child: limit this process, read standard input as a PDF, print the answer as JSON."""
    import resource

    from pypdf.errors import LimitReachedError

    # Processor time: SIGXCPU at the soft limit, SIGKILL a second later.
    for limit, soft, hard in (
        (resource.RLIMIT_AS, memory_mb * _MB, memory_mb * _MB),
        (resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1),
    ):
        # A system that refuses a limit (macOS on RLIMIT_AS) still has the caller's wall clock.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (soft, hard))
    data = sys.stdin.buffer.read()
    answer: dict[str, object]
    try:
        document = read_document(data, "pdf", filename=os.environ.get("FOURTHP_READ_NAME", ""))
    except (MemoryError, RecursionError, LimitReachedError):
        # Too much to hold: more memory than allowed, nesting deeper than the stack, or more
        # inflated data than pypdf's own limits allow.
        answer = {"error": "memory"}
    except ReaderError as exc:
        answer = {"error": "reader", "message": str(exc)}
    else:
        answer = {
            "document": {
                "title": document.title,
                "language": document.language,
                "sections": [
                    {"number": s.number, "heading": s.heading, "text": s.text, "citation": s.citation}
                    for s in document.sections
                ],
            }
        }
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), int(sys.argv[2])))
