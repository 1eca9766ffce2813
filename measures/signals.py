"""What the measures tell the apps above them. The approval chain's, once the change is
committed (sent from ``transaction.on_commit``): ``reports`` pre-renders the documents people
are about to open. An import's, inside its transaction: its bulk writes send no model signals,
so ``dashboards`` recomputes the organisation-year's summary from it."""

from django.dispatch import Signal

round_approved = Signal()  # progress_round_id: the last approver signed
round_published = Signal()  # progress_round_id: the round's approved version is public
measures_imported = Signal()  # organisation_id, fiscal_year: a workbook's rows were written
