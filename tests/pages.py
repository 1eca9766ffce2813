"""Reading rendered pages the way a person (or a browser submitting a form) sees them."""

import re
from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = {}
        self.posted = []  # (name, value) as a browser submits the page's forms, unchanged
        self.ids = set()
        self.text = []
        self._skip = 0
        self._select = None  # [name, first option, chosen option]
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("script", "style", "title"):
            self._skip += 1
        name = attrs.get("name")
        if tag == "input" and name:
            value = attrs.get("value") or ""
            self.inputs.setdefault(name, value)
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.posted.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.posted.append((name, value))
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value")
            self._option = value
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.posted.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # a browser drops one newline right after <textarea>
            self.posted.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if not self._skip:
            self.text.append(data)


def _parse(html):
    page = _Page()
    page.feed(html if isinstance(html, str) else html.decode())
    return page


def input_value(html, name):
    """The value an <input name=…> carries (what a browser would post back)."""
    return _parse(html).inputs[name]


def posted_as_is(html):
    """What a browser posts when the page's form is submitted without touching anything."""
    data = {}
    for name, value in _parse(html).posted:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def element_ids(html):
    return _parse(html).ids


def visible_text(html):
    """The page's text as shown (no tags, scripts, styles or the window title)."""
    return re.sub(r"\s+", " ", " ".join(_parse(html).text)).strip()


# Names that stay in Latin letters in the Thai UI: the product, the assessment's tools and
# parts as the NACC names them, file formats, the AA level.
ALLOWED_PHRASES = ["ITA Portal", "EIT Survey", "EIT Public"]
ALLOWED_WORDS = {"ITA", "OIT", "IIT", "EIT", "ITAS", "PDF", "Excel", "XLSX", "AA"}
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")  # not codes such as i1, O12


def latin_words(html, *, allowed=()):
    """Words in Latin letters a person would read on the page, other than the allowed names
    (and the data given in ``allowed``, e.g. the signed-in account's name)."""
    text = visible_text(html)
    for phrase in [*ALLOWED_PHRASES, *(str(a) for a in allowed)]:
        text = text.replace(phrase, " ")
    return [w for w in _WORD.findall(text) if w not in ALLOWED_WORDS]


def count_queries(client, url, django_assert_max_num_queries, limit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= limit, len(ctx.captured_queries)
    return len(ctx.captured_queries), response
