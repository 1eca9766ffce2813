"""Column widths of a document's table balanced from its content (issue 14): no column is
starved to one word per line, and the table comes out as short as the content allows.

A cell is measured as the lengths of its paragraphs and list items (each starts a new line);
a row is as tall as its tallest cell, so the table's height is the sum over rows of the lines
of each row's tallest cell. The widths are chosen to make that sum small, with each column at
least its floor and at most the cap."""

import math
import re
import unicodedata
from dataclasses import dataclass

from kernel.richtext import list_items

WHOLE = 100.0  # the table's width, in per cent
CAP = 45.0  # no column takes more than this share (per cent) of the width
# Characters of 13 pt Sarabun on a line one per cent of a landscape A4 table wide, as measured
# in WeasyPrint (about one; a portrait table only scales the estimate).
CHARS_PER_PERCENT = 1.0
# Thai wraps at word ends, so a line loses about half a word: what makes narrow columns worse
# than their width alone says.
WRAP_LOSS = 3.0
ROUNDS = 8  # rounds of the square-root rule
STEP = 1.0  # per cent moved from one column to another in the search after it
SEARCH = 40  # moves tried at most
SAMPLE = 150  # rows the balancing weighs at most (evenly spaced through a longer table)
# The usual layout is kept unless balancing saves at least this share of its lines: the line
# estimate is rough, and the usual proportions are what the paper looks like.
GAIN = 0.10
_TAG = re.compile(r"<[^>]*>")


def text_length(*parts) -> int:
    """How much room text takes on a line: its characters without tags, white-space runs
    counted once, and without Thai vowel and tone marks (they sit above or below a
    letter)."""
    text = " ".join(str(p) for p in parts if p)
    text = re.sub(r"\s+", " ", _TAG.sub(" ", text)).strip()
    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def cell(*texts, blocks=()) -> list[int]:
    """A cell's measure: ``blocks`` the caller measured (the progress boxes), then the length
    of each line of each text as typed (each paragraph or list item starts a new line). A
    number is text: measure 37 takes two characters."""
    lengths = list(blocks)
    for text in texts:
        if text is not None and text != "":
            lengths += [text_length(item) for item in list_items(str(text))]
    return [n for n in lengths if n]


@dataclass(frozen=True)
class Column:
    """A column of a printed table: its heading, the smallest share (per cent) of the width
    it may have, and its share in the document's usual layout (the seeds' proportions)."""

    heading: str
    floor: float
    usual: float = 0.0
    key: str = ""  # how a document's settings name it (measures.layouts)


def cell_lines(items: list[int], width: float) -> int:
    per_line = max(1.0, CHARS_PER_PERCENT * width - WRAP_LOSS)
    return sum(max(1, math.ceil(n / per_line)) for n in items)


def height(rows: list[list[list[int]]], widths: list[float]) -> int:
    """The lines a table of ``rows`` (cells as ``cell`` measures them) takes with
    ``widths`` (per cent)."""
    return sum(
        max(1, *(cell_lines(c, w) for c, w in zip(row, widths, strict=True))) for row in rows
    )


def balanced_widths(columns: list[Column], rows: list[list[list[int]]]) -> list[float]:
    """Per cent of the width for each column (summing to 100) for ``rows`` of cells.

    First guess: widths in proportion to all the text of each column. Then, for the cells
    that make their rows tall (the *bottlenecks*), the widths that make those rows shortest
    are in proportion to the square root of the text each column holds there; the
    bottlenecks are found again with those widths, a few rounds. Then single steps of width
    from one column to another are taken while they shorten the table. Every step keeps the
    floors and the cap. Last, when the columns have usual shares and the balanced widths do
    not save ``GAIN`` of the usual layout's lines, the usual shares are kept."""
    if sum(c.floor for c in columns) > WHOLE:
        raise ValueError("the floors of the columns add up to more than the width")
    count = len(columns)
    usual = [c.usual for c in columns]
    if len(rows) > SAMPLE:
        rows = [rows[i * len(rows) // SAMPLE] for i in range(SAMPLE)]
    load = [sum(sum(row[j]) for row in rows) for j in range(count)]
    if not any(load):  # nothing to balance: the usual shares, else the floors' proportions
        if all(usual):
            return [float(u) for u in usual]
        return _rounded(_fill(columns, [c.floor for c in columns]))

    cache = {}  # (column, width) -> lines of each row's cell

    def lines_of(widths):
        columns_lines = []
        for j, width in enumerate(widths):
            key = (j, round(width, 1))
            if key not in cache:
                cache[key] = [cell_lines(row[j], width) for row in rows]
            columns_lines.append(cache[key])
        return sum(max(1, *lines) for lines in zip(*columns_lines, strict=True))

    widths = best = _fill(columns, load)
    shortest = lines_of(best)
    for _round in range(ROUNDS):
        pressure = [0.0] * count
        for row in rows:
            neck = max(range(count), key=lambda j: cell_lines(row[j], widths[j]))
            pressure[neck] += sum(row[neck])
        widths = _fill(columns, [math.sqrt(p) for p in pressure])
        lines = lines_of(widths)
        if lines < shortest:
            best, shortest = widths, lines
    best = _rounded(best)
    shortest = lines_of(best)
    for _move in range(SEARCH):
        found = None
        for a in range(count):
            if best[a] - STEP < columns[a].floor:
                continue
            for b in range(count):
                if b == a or best[b] + STEP > CAP:
                    continue
                trial = list(best)
                trial[a] = round(trial[a] - STEP, 1)
                trial[b] = round(trial[b] + STEP, 1)
                lines = lines_of(trial)
                if lines < shortest:
                    found, shortest = trial, lines
        if found is None:
            break
        best = found
    if all(usual) and shortest > (1 - GAIN) * lines_of(usual):
        return [float(u) for u in usual]
    return best


def _fill(columns: list[Column], weights: list[float]) -> list[float]:
    """Shares of the width in proportion to ``weights``, none under its column's floor or
    over the cap."""
    count = len(columns)
    fixed: dict[int, float] = {}
    while len(fixed) < count:
        free = [j for j in range(count) if j not in fixed]
        room = WHOLE - sum(fixed.values())
        weight = {j: weights[j] for j in free}
        if not any(weight.values()):  # what is left goes by the floors of the free columns
            weight = {j: columns[j].floor or 1.0 for j in free}
        total = sum(weight.values())
        shares = {j: room * weight[j] / total for j in free}
        low = [j for j in free if shares[j] < columns[j].floor]
        high = [j for j in free if shares[j] > CAP]
        if not low and not high:
            fixed.update(shares)
            break
        fixed.update({j: columns[j].floor for j in low})
        fixed.update({j: CAP for j in high})
    widths = [fixed[j] for j in range(count)]
    floors = sum(c.floor for c in columns)
    total = sum(widths)
    if total != WHOLE and total > floors:  # floors and caps overlapped: share out the rest
        scale = (WHOLE - floors) / (total - floors)
        widths = [c.floor + (w - c.floor) * scale for c, w in zip(columns, widths, strict=True)]
    for _column in columns:  # scaled past the cap: the excess to the columns under it
        over = sum(max(0.0, w - CAP) for w in widths)
        under = [j for j, w in enumerate(widths) if w < CAP]
        if over < 1e-9 or not under:
            break
        room = sum(widths[j] for j in under)
        widths = [min(w, CAP) for w in widths]
        for j in under:
            widths[j] += over * widths[j] / room
    return widths


def _rounded(widths: list[float]) -> list[float]:
    """To a tenth of a per cent, still summing to 100 (the widest column takes the rest)."""
    rounded = [round(w, 1) for w in widths]
    widest = rounded.index(max(rounded))
    rounded[widest] = round(WHOLE - sum(rounded) + rounded[widest], 1)
    return rounded


def widths_css(widths: list[float]) -> list[str]:
    """The widths as CSS values, always with ASCII digits."""
    return [f"{w:.1f}%" for w in widths]
