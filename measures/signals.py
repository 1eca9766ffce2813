"""What the approval chain tells the apps above it, once the change is committed (sent from
``transaction.on_commit``): ``reports`` pre-renders the documents people are about to open."""

from django.dispatch import Signal

round_approved = Signal()  # progress_round_id: the last approver signed
round_published = Signal()  # progress_round_id: the round's approved version is public
