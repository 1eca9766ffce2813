"""The document a round's approvers sign, shown on the pages where they decide (issue 15
point 1): the recommended one (reports.documents), of the version under review, in its own
layout, in a frame."""

from django import template
from django.urls import reverse

from ..documents import DOCUMENTS

register = template.Library()


def signed_code() -> str:
    return next(c for c, cls in DOCUMENTS.items() if cls.recommended and cls.subject == "round")


@register.inclusion_tag("reports/_signed_document.html", takes_context=True)
def signed_document(context, progress_round):
    code = signed_code()
    kwargs = {"org": context["organisation"].code, "year": context["year"], "code": code}
    return {
        "title": DOCUMENTS[code].title,
        "code": code,
        "round": progress_round,
        "src": reverse("report", kwargs={**kwargs, "pk": progress_round.pk, "fmt": "html"}),
        "pdf": reverse("report", kwargs={**kwargs, "pk": progress_round.pk, "fmt": "pdf"}),
    }
