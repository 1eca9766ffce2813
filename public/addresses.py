"""Where the public finds an organisation's year, and the QR code that leads there: for the
staff pages that hand the address out and for the public pages themselves."""

import qrcode
import qrcode.image.svg
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from measures.models import ProgressRound


def public_year_url(request, organisation, year) -> str | None:
    """The absolute address of the organisation's public page of the year, once a round of the
    year is published (before that the address answers 404, so none is offered)."""
    if not ProgressRound.objects.of(organisation).filter(fiscal_year=year, published=True).exists():
        return None
    return request.build_absolute_uri(
        reverse("public-year", kwargs={"org": organisation.code, "year": year})
    )


def qr_svg(url, label):
    """An inline SVG QR code of ``url``, announced to screen readers as ``label``."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # noqa: S308 - the library's SVG and our own label
