"""Server-side SVG charts (they work in the browser and inside WeasyPrint PDFs alike),
returned as safe markup: every label and number in them is escaped here, and every number is
in the page's digit style (``kernel.thai.digits``).

Inline SVG does not inherit the page's font, so every <text> names its font itself.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .thai import digits

FONT = 'font-family="Sarabun, Laksaman, sans-serif"'


def _target_line(target, maximum, label_w, plot_w, top, bottom):
    """The dashed vertical line of a target (e.g. a pass mark) and its label."""
    x = label_w + float(target) / float(maximum) * plot_w
    return [
        f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
        f'stroke="#1a7f37" stroke-width="2" stroke-dasharray="4 3"/>',
        f'<text x="{x:.1f}" y="{bottom + 16}" {FONT} font-size="12" '
        f'text-anchor="middle" fill="#1a7f37">ค่าเป้าหมาย {digits(target)}</text>',
    ]


def _svg(width, height, title):
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" {FONT} font-size="14" font-weight="bold">{escape(title)}</text>',
    ]


def horizontal_bars(rows, *, maximum, target=None, width=640, title="", decimals=2, stacked=False):
    """rows: [(label, value)] drawn top to bottom against ``maximum``; an optional target
    line (e.g. a pass mark). ``stacked``: each label above its bar, for a narrow screen."""
    if stacked:
        width = min(width, 360)
        label_w, bar_h, gap, top, label_h = 0, 16, 10, 28, 18
        plot_w = width - 56
    else:
        label_w, bar_h, gap, top, label_h = 250, 22, 8, 28, 0
        plot_w = width - label_w - 70
    step = label_h + bar_h + gap
    height = top + len(rows) * step + 24
    out = _svg(width, height, title)
    for index, (label, value) in enumerate(rows):
        y = top + index * step + label_h
        w = max(0, float(value)) / float(maximum) * plot_w
        colour = "#b00020" if target is not None and value < target else "#0b5cad"
        if stacked:
            out.append(f'<text x="0" y="{y - 5}" {FONT} font-size="13">{escape(label)}</text>')
        else:
            out.append(
                f'<text x="{label_w - 6}" y="{y + 16}" {FONT} font-size="13" '
                f'text-anchor="end">{escape(label)}</text>'
            )
        out.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>'
        )
        out.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 4}" {FONT} font-size="13">'
            f"{digits(f'{value:.{decimals}f}')}</text>"
        )
    if target is not None:
        out += _target_line(target, maximum, label_w, plot_w, top, top + len(rows) * step)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text in it is escaped above


def web_chart(draw, *args, **kwargs):
    """A chart for a web page: drawn wide (labels beside the bars) and stacked (labels above
    them); the style sheet shows the one that fits the screen."""
    wide, narrow = draw(*args, **kwargs), draw(*args, stacked=True, **kwargs)
    return mark_safe(  # noqa: S308 - two charts escaped by their drawing functions
        f'<span class="chart-wide">{wide}</span><span class="chart-narrow">{narrow}</span>'
    )


def paired_bars(
    rows,
    *,
    maximum,
    labels=("ปีนี้", "ปีก่อน"),
    target=None,
    width=640,
    title="",
    stacked=False,
):
    """rows: [(label, value, previous)] against ``maximum``; two bars per row (the previous one
    lighter). ``stacked``: each label above its bars, for a narrow screen."""
    if stacked:
        width = min(width, 360)
        label_w, bar_h, gap, top, label_h = 0, 11, 10, 44, 18
        plot_w = width - 48
    else:
        label_w, bar_h, gap, top, label_h = 250, 11, 10, 44, 0
        plot_w = width - label_w - 60
    step = label_h + 2 * bar_h + gap
    height = top + len(rows) * step + 24
    out = _svg(width, height, title) + [
        f'<rect x="{label_w}" y="24" width="12" height="10" fill="#0b5cad"/>'
        f'<text x="{label_w + 16}" y="33" {FONT} font-size="12">{escape(labels[0])}</text>'
        f'<rect x="{label_w + 90}" y="24" width="12" height="10" fill="#9fb8d6"/>'
        f'<text x="{label_w + 106}" y="33" {FONT} font-size="12">{escape(labels[1])}</text>',
    ]
    for index, (label, value, previous) in enumerate(rows):
        y = top + index * step + label_h
        if stacked:
            out.append(f'<text x="0" y="{y - 5}" {FONT} font-size="13">{escape(label)}</text>')
        else:
            out.append(
                f'<text x="{label_w - 6}" y="{y + 15}" {FONT} font-size="13" '
                f'text-anchor="end">{escape(label)}</text>'
            )
        for offset, number, colour in ((0, value, "#0b5cad"), (bar_h, previous, "#9fb8d6")):
            if number is None:
                continue
            w = max(0, float(number)) / float(maximum) * plot_w
            out.append(
                f'<rect x="{label_w}" y="{y + offset}" width="{w:.1f}" '
                f'height="{bar_h - 1}" fill="{colour}"/>'
            )
            out.append(
                f'<text x="{label_w + w + 4:.1f}" y="{y + offset + 9}" {FONT} '
                f'font-size="10">{digits(f"{number:.2f}")}</text>'
            )
    if target is not None:
        bottom = top + len(rows) * step
        out += _target_line(target, maximum, label_w, plot_w, top, bottom)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text in it is escaped above
