"""Writes of a document's settings (measures.layouts): the organisation's own, remembered from
year to year, or one round's override of them."""

from dataclasses import dataclass

from django.db import transaction

from organisations.tenancy import in_organisation

from ..layouts import DEFAULTS, LAYOUT_CODES
from ..models import DocumentLayout


@dataclass
class LayoutInput:
    options: dict  # keys of measures.layouts.DEFAULTS other than "opening"
    opening: str  # the paragraph as staff keep it
    draft: str  # the paragraph as the portal drafts it from the data now
    written_for: object = None  # the round an edited paragraph was written for (None: all)


@transaction.atomic
@in_organisation(lambda *a, organisation, **k: organisation)
def layout_save(*, organisation, code, progress_round=None, data: LayoutInput, user):
    """Keep the settings of document ``code``: the round's own when ``progress_round`` is
    given, else the organisation's — which then also shapes every round without its own, and
    the round being edited follows it again (its own settings are removed)."""
    if code not in LAYOUT_CODES:
        raise ValueError(code)
    if progress_round is not None and progress_round.organisation_id != organisation.pk:
        raise ValueError("the round is another organisation's")
    options = {k: v for k, v in data.options.items() if k in DEFAULTS and k != "opening"}
    if progress_round is None:
        layout = DocumentLayout.objects.of(organisation).filter(code=code, round=None).first()
    else:
        layout = (
            DocumentLayout.objects.of(organisation).filter(code=code, round=progress_round).first()
        )
    if layout is None:
        layout = DocumentLayout(organisation=organisation, code=code, round=progress_round)
    layout.options = options
    # a paragraph typed as the draft reads is the draft: it follows the data from now on
    layout.opening = data.draft if data.opening.strip() == data.draft.strip() else data.opening
    layout.opening_draft = data.draft
    layout.opening_round = data.written_for if layout.opening_edited else None
    if layout.opening_round is not None and layout.opening_round.organisation_id != organisation.pk:
        raise ValueError("the round is another organisation's")
    layout.updated_by = user
    layout.full_clean()
    layout.save()
    return layout


@transaction.atomic
@in_organisation(lambda *a, organisation, **k: organisation)
def layout_round_forget(*, organisation, code, progress_round):
    """Remove a round's own settings of ``code``: it follows the organisation's again."""
    for layout in DocumentLayout.objects.of(organisation).filter(code=code, round=progress_round):
        layout.delete()
