"""The SVG charts print their numbers in the page's digit style, with the decimals asked for."""

import re

from kernel.charts import horizontal_bars, paired_bars
from kernel.thai import digit_style


def numbers(svg):
    return re.findall(r">([^<>]*[0-9๐-๙][^<>]*)</text>", str(svg))


def test_counts_are_integers_and_scores_keep_two_decimals():
    counts = horizontal_bars([("AA", 3), ("A", 12)], maximum=12, decimals=0, title="จำนวน")
    assert numbers(counts) == ["๓", "๑๒"]
    scores = horizontal_bars([("ปี ๒๕๖๘", 86.5)], maximum=100, target=85)
    assert numbers(scores) == ["ปี ๒๕๖๘", "๘๖.๕๐", "ค่าเป้าหมาย ๘๕"]


def test_every_number_follows_the_digit_style():
    with digit_style("arabic"):
        bars = horizontal_bars([("x", 86.5)], maximum=100, target=85)
        pairs = paired_bars([("1", 90, 80.25)], maximum=100, target=85)
    assert numbers(bars) == ["86.50", "ค่าเป้าหมาย 85"]
    assert all(not re.search("[๐-๙]", n) for n in numbers(pairs)) and "80.25" in numbers(pairs)


def test_a_web_chart_has_a_stacked_drawing_that_fits_a_phone():
    import re

    from kernel.charts import horizontal_bars, paired_bars, web_chart

    for draw, rows in (
        (horizontal_bars, [("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", 92.5), ("ตัวชี้วัดที่ ๙", 60)]),
        (paired_bars, [("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", 92.5, 80), ("ตัวชี้วัดที่ ๙", 60, None)]),
    ):
        html = str(web_chart(draw, rows, maximum=100, target=85, title="คะแนน"))
        wide, narrow = re.findall(r'<span class="chart-(?:wide|narrow)">(.*?)</span>', html)
        assert 'width="640"' in wide
        assert 'width="360"' in narrow
        # labels above their bars, at the left edge; every bar and value inside the width
        assert len(re.findall(r'<text x="0" [^>]*font-size="13">ตัวชี้วัด', narrow)) == 2
        for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', narrow):
            assert float(x) + float(w) <= 360 - 40  # room for the value after the bar
