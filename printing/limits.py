"""Rendering one document within bounds: a time limit, a memory limit and a page limit.

WeasyPrint runs in a child process forked for the one render (``printing.render_child``),
which is killed when the time runs out or when the memory it holds for itself (its pages
copied on write and its own allocations, polled every 50 ms) passes the limit; RLIMIT_DATA,
set in the child before anything is rendered, stops an allocation too fast for the poll.
Whatever happens to the child — a page count beyond the limit, a MemoryError, an abort
inside Pango when an allocation fails, a hang — the caller gets a ``RenderRefused`` with a
Thai message saying what was too large, and the process that asked (a Celery worker) goes on
with its next task.

A fork of the warm worker rather than a fresh interpreter: importing WeasyPrint and loading
the fonts cost about a second of CPU per render, as much as a 16-measure report's layout.
The child stays in the worker's session (and so in its scheduling group, at its niceness);
it runs nothing but WeasyPrint on a file, and forks only while no other thread of the worker
is inside WeasyPrint (``_WARM``); the Celery pool's processes run one task at a time.
"""

import json
import logging
import os
import select
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from kernel.thai import digits

from . import render_child

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    seconds: int
    memory_mb: int
    pages: int

    @classmethod
    def from_settings(cls):
        return cls(
            seconds=settings.ITA_RENDER_TIME_LIMIT,
            memory_mb=settings.ITA_RENDER_MAX_MEMORY_MB,
            pages=settings.ITA_RENDER_MAX_PAGES,
        )


class RenderRefused(Exception):
    """The document could not be rendered within the limits; ``message`` says why, in Thai."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # "pages", "time", "memory", "glyph", "error"
        self.message = message


def refusal(reason: str, limits: Limits, pages: int | None = None) -> RenderRefused:
    if reason == "pages":
        text = (
            f"รายงานนี้ยาวเกิน {digits(limits.pages)} หน้า (ยาว {digits(pages)} หน้า) "
            "จึงจัดทำเป็นไฟล์ PDF ไม่ได้ กรุณาแบ่งรายงานเป็นรอบที่สั้นลง หรือใช้ไฟล์ Excel แทน"
        )
    elif reason == "time":
        text = (
            f"รายงานนี้ใหญ่เกินกว่าจะจัดทำเสร็จภายใน {digits(limits.seconds)} วินาที "
            "จึงจัดทำเป็นไฟล์ PDF ไม่ได้ กรุณาแบ่งรายงานเป็นรอบที่สั้นลง หรือใช้ไฟล์ Excel แทน"
        )
    elif reason == "memory":
        text = (
            f"รายงานนี้ใหญ่เกินกว่าหน่วยความจำที่กำหนดไว้ ({digits(limits.memory_mb)} เมกะไบต์) "
            "จึงจัดทำเป็นไฟล์ PDF ไม่ได้ กรุณาแบ่งรายงานเป็นรอบที่สั้นลง หรือใช้ไฟล์ Excel แทน"
        )
    elif reason == "glyph":
        text = "รายงานนี้มีตัวอักษรที่แบบอักษรของระบบไม่รองรับ กรุณาตรวจข้อความที่คัดลอกมาวาง"
    else:
        text = "จัดทำไฟล์ PDF ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง หากยังไม่ได้ กรุณาแจ้งผู้ดูแลระบบ"
    return RenderRefused(reason, text)


POLL_SECONDS = 0.05  # how often the child's time and memory are looked at

_WARM = threading.Lock()
_warmed = False


def warm_up() -> None:
    """Load WeasyPrint, the fonts and Pango in this process once (a tiny document laid out and
    written), so that every forked render starts warm. Called by the first render of a process
    and by the worker at start."""
    global _warmed
    with _WARM:
        if _warmed:
            return
        from .pdf import html_to_pdf

        html_to_pdf(
            '<html><head><style>body { font-family: "Sarabun", "Laksaman"; }</style></head>'
            "<body><p>ก ๑ 1</p></body></html>"
        )
        _warmed = True


def render_limited(html: str, limits: Limits | None = None, on_stage=None) -> tuple[bytes, int]:
    """The PDF of ``html`` and its page count, rendered in a bounded child process forked from
    this warm one (``printing.render_child``); ``on_stage(name)`` is told "layout" and
    "write" as the child reaches them."""
    limits = limits or Limits.from_settings()
    warm_up()
    with tempfile.TemporaryDirectory(prefix="ita-render-") as folder:
        source, target = Path(folder) / "in.html", Path(folder) / "out.pdf"
        source.write_text(html, encoding="utf-8")
        roots = [str(p) for p in settings.STATICFILES_DIRS]
        read_end, write_end = os.pipe()
        with _WARM:  # no other thread of this process is inside WeasyPrint while it forks
            pid = os.fork()
        if pid == 0:  # the child: never returns from here
            status = 1
            try:
                os.close(read_end)
                render_child.bound_lifetime(limits.seconds)
                render_child.render(
                    str(source), str(target), limits.pages, limits.memory_mb * 1024 * 1024,
                    roots, write_end,
                )  # fmt: skip
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        deadline = time.monotonic() + limits.seconds
        allowance = limits.memory_mb * 1024 * 1024
        buffer, messages, returncode = b"", [], None
        try:
            while True:
                finished, wait_status = os.waitpid(pid, os.WNOHANG)
                if finished:
                    returncode = os.waitstatus_to_exitcode(wait_status)
                chunk = _read_available(read_end)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    if line.strip():
                        message = json.loads(line)
                        messages.append(message)
                        if on_stage and "stage" in message:
                            on_stage(message["stage"])
                if returncode is not None:
                    buffer += _read_available(read_end)
                    break
                over_time = time.monotonic() > deadline
                held = render_child.private_bytes(pid)
                if over_time or (held is not None and held > allowance):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    if not over_time:
                        LOGGER.warning("render killed holding %d MB", held // 2**20)
                    raise refusal("time" if over_time else "memory", limits)
                if not chunk:
                    select.select([read_end], [], [], POLL_SECONDS)
        finally:
            os.close(read_end)
        for line in buffer.split(b"\n"):
            if line.strip():
                messages.append(json.loads(line))
        result = next((m for m in reversed(messages) if "result" in m), None)
        if result is None:
            # killed by a signal or aborted (an allocation refused inside a C library)
            reason = "memory" if returncode in (-6, -9, -11, -5, 134, 137) else "error"
            raise refusal(reason, limits)
        if result["result"] != "ok":
            if result.get("detail"):
                LOGGER.warning("render refused (%s): %s", result["result"], result["detail"])
            raise refusal(result["result"], limits, result.get("pages"))
        return target.read_bytes(), result["pages"]


def _read_available(fd) -> bytes:
    try:
        return os.read(fd, 65536)
    except BlockingIOError:
        return b""
