"""Reading rendered pages the way a person (or a browser submitting a form) sees them."""

import re
from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = {}
        self.text = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "input" and attrs.get("name"):
            self.inputs.setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _parse(html):
    page = _Page()
    page.feed(html if isinstance(html, str) else html.decode())
    return page


def input_value(html, name):
    """The value an <input name=…> carries (what a browser would post back)."""
    return _parse(html).inputs[name]


def visible_text(html):
    """The page's text as shown (no tags, scripts, styles or the window title)."""
    return re.sub(r"\s+", " ", " ".join(_parse(html).text)).strip()


# Product names and format names that stay in Latin letters in the Thai UI.
ALLOWED_LATIN = {"ITA", "Portal", "OIT", "IIT", "EIT", "PDF", "Excel", "XLSX", "URL"}


def latin_words(html, *, allowed=()):
    """Words in Latin letters a person would read on the page, other than the allowed tokens
    (and names given in ``allowed``, e.g. the signed-in account's name)."""
    text = visible_text(html)
    for name in allowed:
        text = text.replace(str(name), " ")
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in ALLOWED_LATIN]
