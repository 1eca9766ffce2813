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


def main(argv):
    source, target, max_pages, max_memory_mb, roots = argv
    limit = int(max_memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        from .pdf import MissingGlyphError, layout

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
    except MemoryError:
        say(result="memory")
    except MissingGlyphError:
        say(result="glyph")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
