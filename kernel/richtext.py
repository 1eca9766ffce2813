"""Rich text that people paste (from Word, from last year's report): kept safe, lists kept.

Stored text is either plain text or HTML limited to paragraphs, line breaks, lists and simple
emphasis; everything else (scripts, styles, attributes, links) is removed on the way in.
"""

import re

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from .thai import clean_text

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


_NUMBERED = re.compile(r"(?:(?<=\s)|^)([๐-๙0-9]{1,2})[.)]\s+")


def list_items(text: str) -> list[str]:
    """Split '๑. … ๒. …' or '- … - …' written in one line into items (for lists in reports)."""
    plain = clean_text(re.sub(r"<[^>]+>", " ", text or ""))
    numbered = [m for m in _NUMBERED.finditer(plain)]
    if len(numbered) >= 2:
        cuts = [m.start() for m in numbered] + [len(plain)]
        head = plain[: cuts[0]].strip()
        items = [plain[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
        return ([head] if head else []) + items
    dashed = [p.strip() for p in re.split(r"(?:^|\s)-\s*(?=\S)", plain) if p.strip()]
    return dashed if len(dashed) >= 2 else [plain] if plain else []
