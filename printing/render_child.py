"""The child process of ``printing.limits.render_limited``: one HTML file → one PDF file.

    python -m printing.render_child IN.html OUT.pdf MAX_PAGES MAX_MEMORY_MB STATIC_ROOTS_JSON

Caps its own address space first, then lays the document out, counts the pages, and writes
the PDF only when they are within the limit. Speaks JSON lines on stdout ({"stage": …}, then
one {"result": "ok"|"pages"|"memory"|"glyph", "pages": N}); needs no Django settings.
"""

import json
import resource
import sys


def say(**message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is the address-space cap biting. Under RLIMIT_AS it is not always a
    MemoryError: loading a shared library (Pango, HarfBuzz through cffi) fails with an OSError
    "failed to map segment" or ENOMEM, depending on what the busy machine had mapped first."""
    import errno

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


def main(argv):
    source, target, max_pages, max_memory_mb, roots = argv
    limit = int(max_memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        from .pdf import layout

        say(stage="layout")
        with open(source, encoding="utf-8") as f:
            html = f.read()
        document, check = layout(html, json.loads(roots))
        pages = len(document.pages)
        if pages > int(max_pages):
            say(result="pages", pages=pages)
            return 0
        say(stage="write", pages=pages)
        pdf = document.write_pdf()
        check()
        with open(target, "wb") as out:
            out.write(pdf)
        say(result="ok", pages=pages)
    except Exception as error:  # noqa: BLE001 - the parent turns it into a Thai refusal
        # (MissingGlyphError by name: the import itself may be what failed)
        if type(error).__name__ == "MissingGlyphError":
            say(result="glyph")
        else:
            say(result="memory" if out_of_memory(error) else "error")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
