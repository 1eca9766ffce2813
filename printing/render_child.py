"""The child of ``printing.limits.render_limited``: one HTML file → one PDF file, in a process
forked from the warm caller (WeasyPrint imported, fonts and Pango loaded once per worker
process rather than once per document: the fresh interpreter this used to exec cost about a
second of CPU per render, as much as the render itself).

The child caps its memory first (RLIMIT_DATA: what the caller had mapped, plus the render's
allowance), lays the document out, counts the pages, and writes the PDF only when they are
within the limit. It speaks JSON lines on a pipe ({"stage": …}, then one
{"result": "ok"|"pages"|"memory"|"glyph"|"error", "pages": N}) and leaves with ``os._exit``:
it never returns into the caller's code, touches no database or Redis connection it
inherited, and runs no exit handlers of the caller.
"""

import contextlib
import ctypes
import errno
import json
import os
import resource
import signal

CAP_HEADROOM = 16 * 1024 * 1024  # a failure with less than this left under the cap is the cap's


def out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is the memory cap biting. Under RLIMIT_DATA it is not always a
    MemoryError: a C library (Pango, HarfBuzz through cffi) may fail with an OSError ENOMEM or
    "cannot allocate memory" first, depending on what it was doing."""
    while error is not None:
        if isinstance(error, MemoryError):
            return True
        if isinstance(error, OSError) and error.errno == errno.ENOMEM:
            return True
        text = str(error).lower()
        if "cannot allocate memory" in text or "map segment" in text or "out of memory" in text:
            return True
        error = error.__cause__ or error.__context__
    return False


def data_bytes() -> int:
    """The private writable memory this process has mapped now (VmData: what RLIMIT_DATA
    counts, including the heap arenas malloc reserved and later makes writable, which
    RLIMIT_AS does not see in a forked process)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    raise OSError(errno.ENOSYS, "no VmData in /proc/self/status")


def private_bytes(pid: int) -> int | None:
    """The memory the process ``pid`` holds for itself alone (Private_Clean + Private_Dirty +
    Swap of /proc/PID/smaps_rollup): what its pages copied from the caller on write and its
    own allocations cost the machine. Unlike VmData it grows when a forked render reuses heap
    the caller had freed but kept. None when the process is gone or the kernel cannot say."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            text = rollup.read()
    except OSError:
        return None
    total, seen = 0, False
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Private_Clean", "Private_Dirty", "Swap"):
            total += int(rest.split()[0]) * 1024
            seen = True
    return total if seen else None


def bound_lifetime(seconds: int) -> None:
    """The child ends by itself if the worker that forked it is gone (killed by Celery's hard
    time limit, say) and in any case a little after its time limit."""
    with contextlib.suppress(OSError, AttributeError):  # PR_SET_PDEATHSIG: Linux only
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(int(seconds) + 10)


def render(source, target, max_pages, allowance_bytes, roots, out) -> None:
    """Lay out ``source``, and write ``target`` when its pages are within ``max_pages``;
    ``out`` is the pipe's file descriptor. Runs in the forked child only."""

    def say(**message):
        os.write(out, (json.dumps(message) + "\n").encode())

    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = data_bytes() + allowance_bytes
    try:
        # the soft limit only: the report below may lift it again to say what happened
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
        from .pdf import layout

        say(stage="layout")
        with open(source, encoding="utf-8") as f:
            html = f.read()
        document, check = layout(html, roots)
        pages = len(document.pages)
        if pages > max_pages:
            say(result="pages", pages=pages)
            return
        say(stage="write", pages=pages)
        pdf = document.write_pdf()
        check()
        with open(target, "wb") as f:
            f.write(pdf)
        say(result="ok", pages=pages)
    except BaseException as error:  # noqa: BLE001 - the caller turns it into a Thai refusal
        # near the cap, whatever the library made of the refused allocation (a C extension
        # has been seen returning "error return without exception set") is the cap biting
        at_cap = data_bytes() > limit - CAP_HEADROOM
        resource.setrlimit(resource.RLIMIT_DATA, (hard, hard))
        if type(error).__name__ == "MissingGlyphError":
            say(result="glyph")
        else:
            reason = "memory" if at_cap or out_of_memory(error) else "error"
            say(result=reason, detail=f"{type(error).__name__}: {error}"[:500])
