"""Where a table row may break over a page: never so that its start is a stub.

WeasyPrint lays out the cells of a row that does not fit one by one, and each cell breaks on
its own: a cell whose first block cannot start on the page (a paragraph that would leave one
line, a block that must stay whole, such as a cell's progress boxes) is left empty there and
begins on the next page, while its neighbours print their first line. A page could then end
with a row's top holding a lone "-" beside empty cells, its words all on the next page. CSS
has no rule for "a row's start must hold the first lines of every cell": ``break-inside:
avoid`` on every row would move every tall row whole and leave half-empty pages.

``install_row_start_fix`` gives WeasyPrint that rule. When a cell of a row that breaks over
the page shows nothing of its content on the page the row starts on, or fewer than
``MIN_LINES`` lines of it, the cell asks that the row not be broken there — as if it had
``break-inside: avoid`` for this one placement — so the whole row starts on the next page.
A row is only moved when it starts in the lower part of a page (less than a third of the
page height left), so a row that is too tall for any page still breaks at the top of one.
Knows nothing of the ITA."""

MIN_LINES = 2
# the row must start with less than this share of the page left to be moved
LOW_ON_THE_PAGE = 1 / 3


def _lines(box) -> int:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        return 1
    return sum(_lines(child) for child in getattr(box, "children", None) or [])


def _has_content(cell) -> bool:
    return any(child.is_floated() or child.is_in_normal_flow() for child in cell.children)


def is_stub(cell, fragment, resumes: bool) -> bool:
    """Whether ``fragment`` (what of ``cell`` fits on this page, or None) is a stub start of a
    cell that goes on over the page."""
    if not resumes:
        return False
    if fragment is None or not _has_content(fragment):
        return _has_content(cell)
    return _lines(fragment) < MIN_LINES


def install_row_start_fix():
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import block

    if getattr(block.block_container_layout, "_ita_row_start_fix", False):
        return
    original = block.block_container_layout

    def block_container_layout(
        context, box, bottom_space, skip_stack, page_is_empty, *args, **kwargs
    ):
        if not isinstance(box, boxes.TableCellBox) or not box.children:
            # (a cell without children is the empty stand-in the table draws for a cell that
            # has nothing on this page: it shares the cell's style, so it must not reset it)
            return original(context, box, bottom_space, skip_stack, page_is_empty, *args, **kwargs)
        # the cell's own break-inside, restored before each placement (the table reads it from
        # the cell once all the row's cells are placed, to decide whether the row may break)
        css = box.__dict__.setdefault("_ita_break_inside", box.style["break_inside"])
        box.style["break_inside"] = css
        result = original(context, box, bottom_space, skip_stack, page_is_empty, *args, **kwargs)
        fragment, resume_at = result[0], result[1]
        left = context.page_bottom - bottom_space - box.position_y
        if (
            not page_is_empty
            and left < context.page_bottom * LOW_ON_THE_PAGE
            and is_stub(box, fragment, resume_at is not None or fragment is None)
        ):
            box.style["break_inside"] = "avoid"
        return result

    block_container_layout._ita_row_start_fix = True
    block.block_container_layout = block_container_layout
