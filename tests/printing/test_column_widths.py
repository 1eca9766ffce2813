"""Column widths balanced from the content (printing.columns; issue 14)."""

import random

import pytest

from printing.columns import (
    CAP,
    Column,
    _fill,
    balanced_widths,
    cell,
    height,
    text_length,
    widths_css,
)

COLUMNS = [Column("ก", 12), Column("ข", 10), Column("ค", 16), Column("ง", 12), Column("จ", 18)]


def test_text_is_measured_by_the_room_it_takes_on_a_line():
    assert text_length("ที่นี่") == 2  # vowels above and tone marks take no room
    assert text_length("<p>ก  ข</p>", None, "") == 3  # tags dropped, white space counted once
    assert cell("๑. ขั้นตอนแรก ๒. ขั้นตอนที่สอง", "", blocks=[57]) == [57, 11, 12]  # per item
    assert cell(37) == [2]  # a measure's number is two characters, not 37 lines


def random_rows(seed, count=30):
    rng = random.Random(seed)
    return [
        [[rng.randint(1, 400) for _ in range(rng.randint(0, 4))] for _c in COLUMNS]
        for _r in range(count)
    ]


@pytest.mark.parametrize("seed", range(25))
def test_widths_keep_the_floors_and_the_cap_and_fill_the_width(seed):
    rows = random_rows(seed)
    widths = balanced_widths(COLUMNS, rows)
    assert round(sum(widths), 1) == 100.0
    for column, width in zip(COLUMNS, widths, strict=True):
        assert column.floor <= width <= CAP, (column, width)
    # never a taller table than the first guess (widths in proportion to the text)
    load = [sum(sum(row[j]) for row in rows) for j in range(len(COLUMNS))]
    assert height(rows, widths) <= height(rows, _fill(COLUMNS, load))


def test_a_column_with_more_text_gets_more_room_and_an_empty_one_its_floor():
    rows = [[[40], [300, 200], [120], [30], []] for _ in range(10)]
    widths = balanced_widths(COLUMNS, rows)
    assert widths[1] > 25  # the long responsible text is not starved at its floor of 10
    assert widths[4] == COLUMNS[4].floor  # nothing in it: the least it may have
    assert balanced_widths(COLUMNS, []) == balanced_widths(COLUMNS, [[[]] * 5])
    assert balanced_widths(COLUMNS, []) == [17.6, 14.7, 23.5, 17.6, 26.6]  # the floors' shares


def test_floors_that_cannot_fit_are_refused():
    with pytest.raises(ValueError):
        balanced_widths([Column("ก", 60), Column("ข", 50)], [])


def test_css_widths_use_ascii_digits_whatever_the_document_prints():
    assert widths_css([12.0, 88.0]) == ["12.0%", "88.0%"]


def test_the_usual_layout_stays_unless_balancing_saves_a_tenth_of_its_lines():
    usual = [Column("ก", 10, 30), Column("ข", 10, 30), Column("ค", 10, 40)]
    even = [[[60], [60], [80]] for _ in range(10)]  # the usual shares already fit the text
    assert balanced_widths(usual, even) == [30.0, 30.0, 40.0]
    lopsided = [[[20], [400], [20]] for _ in range(10)]  # the second column holds the text
    widths = balanced_widths(usual, lopsided)
    assert widths[1] > 30
    assert height(lopsided, widths) <= 0.9 * height(lopsided, [30, 30, 40])


def test_an_empty_table_keeps_the_usual_layout_and_no_column_passes_the_cap():
    usual = [Column("ก", 5, 20), Column("ข", 5, 30), Column("ค", 5, 50)]
    assert balanced_widths(usual, []) == [20.0, 30.0, 50.0]
    lopsided = [Column("ก", 40, 40), Column("ข", 5, 30), Column("ค", 5, 30)]
    widths = balanced_widths(lopsided, [[[10], [10], [5000]]])
    assert max(widths) <= CAP and round(sum(widths), 1) == 100.0, widths
