"""Rich text that people paste (from Word, from last year's report): kept safe, lists kept.

Stored text is either plain text or HTML limited to paragraphs, line breaks, lists and simple
emphasis; everything else (scripts, styles, attributes, links) is removed on the way in.
"""

import re
from html.parser import HTMLParser

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from .thai import clean_text, digits

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def sanitize(text: str) -> str:
    """Clean typed or pasted text; HTML is reduced to the allowed tags without attributes."""
    text = clean_text(text or "", multiline=True)
    if not looks_like_html(text):
        return text
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes={},
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
    return cleaned.strip()


def render(text: str):
    """HTML for display: allowed HTML as is (it was sanitised on the way in, and is again
    here), plain text with its line breaks."""
    if not text:
        return ""
    if looks_like_html(text):
        return mark_safe(sanitize(text))  # noqa: S308 - sanitised by nh3 just above
    return mark_safe(linebreaks(escape(text)))  # noqa: S308 - escaped


class _PlainText(HTMLParser):
    """Stored HTML back to the plain text people type: paragraphs and line breaks as lines,
    each list item on its own line marked as people mark them ("๑. …" in a numbered list, "- …"
    in another), every other tag dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.line, self.lists = [], [], []

    def _end_line(self):
        text = re.sub(r"[ \t]+", " ", "".join(self.line)).strip()
        if text:
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._end_line()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._end_line()
            if self.lists:
                self.lists[-1][1] += 1
                kind, count = self.lists[-1]
                self.line.append(f"{digits(count)}. " if kind == "ol" else "- ")
            else:
                self.line.append("- ")
        elif tag in ("p", "br", "div"):
            self._end_line()

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in ("p", "li", "ul", "ol", "div"):
            self._end_line()

    def handle_data(self, data):
        self.line.append(data.replace("\n", " "))

    def text(self):
        self._end_line()
        return "\n".join(self.lines)


def plain_text(text: str) -> str:
    """What a text box shows of a stored text: plain text as is, stored HTML as the lines and
    list markers a person would have typed for it (documents read both the same way)."""
    if not looks_like_html(text):
        return text or ""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return parser.text()


def as_typed(text: str) -> str:
    """A stored text as a person reads and types it, for comparing two texts."""
    return clean_text(plain_text(text or ""), multiline=True).strip()


# A list number as people type it: "๑." / "1." (not "๘๗.๗"), "๑)" or "(๑)".
_NUMBER = r"(?:\([๐-๙0-9]{1,2}\)|[๐-๙0-9]{1,2}(?:\.(?![๐-๙0-9])|\)))"
# Inside a line, a number opens an item only after white space (never "พ.ศ.๒๕๖๖").
_NUMBERED = re.compile(rf"(?:(?<=\s)|^){_NUMBER}")
_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _value(marker: str) -> int:
    return int(marker.strip("().").translate(_DIGITS))


def _split_numbered(line: str) -> list[str]:
    """'๑. … ๒. … ๓. …' typed in one line: items at numbers that count up from the first one
    (so "… ครั้งที่ ๒) …" or a lone number in a sentence stays text)."""
    found, expected = [], None
    for m in _NUMBERED.finditer(line):
        value = _value(m.group())
        if expected is None or value == expected:
            found.append(m.start())
            expected = value + 1
    if len(found) < 2:
        return [line]
    cuts = found + [len(line)]
    head = line[: cuts[0]].strip()
    items = [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
    return ([head] if head else []) + items


def list_items(text: str) -> list[str]:
    """The items of a typed list, each as typed (markers kept): every line is one item, and a
    line written as '๑. … ๒. …' is split at its numbers. A hyphen inside a line is text (a date
    range "๘ มีนาคม ๒๕๖๔ - ๑๘ มีนาคม ๒๕๖๔" keeps its dash); "- …" is an item only where it
    starts a line."""
    flat = re.sub(r"<\s*(?:br|/p|/li)\s*/?\s*>", "\n", text or "", flags=re.IGNORECASE)
    plain = clean_text(re.sub(r"<[^>]+>", " ", flat), multiline=True)
    items = []
    for line in plain.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            items += _split_numbered(line)
    return items
