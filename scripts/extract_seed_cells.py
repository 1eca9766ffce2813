"""Extract every multi-line cell of the seeds as staff would type it: one line per item.

python scripts/extract_seed_cells.py ../shared/seeds tests/fixtures/seed_cells.json

A seed is a report typed by an อบต., one table row per line with tab-separated cells; a cell
holds its items as <p>/<li> elements, as "- a - b" inside a <ul> that lost its <li> tags, or
as "๑. … ๒. …" in one line. A cell is multi-line when
it has two or more items; its text here is those items joined by line breaks (checkbox inputs
dropped, their labels kept as text), which tests store and read back from the PDFs.
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BLOCK = re.compile(r"<\s*/?\s*(?:p|li|ul|ol|br)\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def cell_lines(cell: str) -> list[str]:
    if "<ul" in cell and "<li" not in cell:  # a list whose items lost their tags: " - a - b"
        cell = re.sub(r"(?:^|\s)-\s", "\n- ", cell)
    text = BLOCK.sub("\n", cell)
    text = TAG.sub(" ", text).replace("&amp;", "&").replace("&nbsp;", " ")
    return [re.sub(r"\s+", " ", line).strip() for line in text.split("\n") if line.strip()]


def multi_line_cells(seed_dir):
    from kernel.richtext import list_items

    for path in sorted(Path(seed_dir).glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            cells = line.split("\t")
            if len(cells) < 2:
                continue
            for column, cell in enumerate(cells):
                lines = cell_lines(cell)
                if len(lines) >= 2 or (lines and len(list_items(lines[0])) >= 2):
                    yield {
                        "seed": path.name[:3],
                        "line": number,
                        "column": column,
                        "text": "\n".join(lines),
                    }


if __name__ == "__main__":
    seed_dir, out = sys.argv[1:3]
    rows = list(multi_line_cells(seed_dir))
    Path(out).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(rows), "cells")
