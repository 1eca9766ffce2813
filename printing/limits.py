"""Rendering one document within bounds: a time limit, a memory limit and a page limit.

WeasyPrint runs in a child process of its own (``python -m printing.render_child``), whose
address space is capped with RLIMIT_AS before anything is rendered, and which is killed when
the time runs out. Whatever happens to the child — a page count beyond the limit, a
MemoryError, an abort inside Pango when an allocation fails, a hang — the caller gets a
``RenderRefused`` with a Thai message saying what was too large, and the process that asked
(a Celery worker) goes on with its next task. A fresh process per render, rather than a fork
of the worker: Celery's pool processes are daemonic and may be multi-threaded.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from kernel.thai import digits

BASE_DIR = Path(__file__).resolve().parent.parent


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


def render_limited(html: str, limits: Limits | None = None, on_stage=None) -> tuple[bytes, int]:
    """The PDF of ``html`` and its page count, rendered in a bounded child process;
    ``on_stage(name)`` is told "layout" and "write" as the child reaches them."""
    limits = limits or Limits.from_settings()
    with tempfile.TemporaryDirectory(prefix="ita-render-") as folder:
        source, target = Path(folder) / "in.html", Path(folder) / "out.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "printing.render_child",
            str(source),
            str(target),
            str(limits.pages),
            str(limits.memory_mb),
            json.dumps([str(p) for p in settings.STATICFILES_DIRS]),
        ]
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            cwd=BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(BASE_DIR)},
            start_new_session=True,
        )
        os.set_blocking(process.stdout.fileno(), False)
        deadline = time.monotonic() + limits.seconds
        buffer, messages = b"", []
        while True:
            try:
                process.wait(timeout=0.2)
                finished = True
            except subprocess.TimeoutExpired:
                finished = False
            chunk = process.stdout.read() or b""
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line.strip():
                    message = json.loads(line)
                    messages.append(message)
                    if on_stage and "stage" in message:
                        on_stage(message["stage"])
            if finished:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise refusal("time", limits)
        if buffer.strip():
            messages.append(json.loads(buffer))
        result = next((m for m in reversed(messages) if "result" in m), None)
        if result is None:
            # killed by a signal or aborted (an allocation refused inside a C library)
            reason = "memory" if process.returncode in (-6, -9, -11, -5, 134, 137) else "error"
            raise refusal(reason, limits)
        if result["result"] != "ok":
            raise refusal(result["result"], limits, result.get("pages"))
        return target.read_bytes(), result["pages"]
