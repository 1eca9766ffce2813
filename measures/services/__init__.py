"""Writes of the measures part of the cycle, one module per entity (HackSoft's
services/<entity>.py): keyword-only functions that full_clean, keep history and refuse stale
saves. Callers import from here."""

from ..locking import ConcurrentEditError
from .chain import StepInput, chain_save
from .checklist import ChecklistInput, checklist_save
from .imports import MeasureRow, measures_import
from .layouts import LayoutInput, layout_round_forget, layout_save
from .measures import (
    fill_dates,
    measure_new,
    measure_prepare,
    measure_save,
    measures_copy,
    step_texts,
)
from .progress import (
    EvidenceInput,
    EvidenceRefused,
    ProgressInput,
    evidence_add,
    progress_for_evidence,
    progress_save_round,
    progress_values,
    require_editable,
    round_progress_save,
)
from .rounds import round_add, standard_round_plans, standard_rounds
from .signoff import (
    chain,
    current_decisions,
    pending_step,
    require_turn,
    round_action_check,
    round_decide,
    round_publish,
    round_reopen,
    round_submit,
)

__all__ = [
    "ConcurrentEditError",
    "EvidenceInput",
    "EvidenceRefused",
    "round_progress_save",
    "ChecklistInput",
    "LayoutInput",
    "MeasureRow",
    "ProgressInput",
    "StepInput",
    "chain",
    "chain_save",
    "checklist_save",
    "current_decisions",
    "evidence_add",
    "fill_dates",
    "layout_round_forget",
    "layout_save",
    "measure_new",
    "measure_prepare",
    "measure_save",
    "measures_copy",
    "measures_import",
    "pending_step",
    "progress_for_evidence",
    "progress_save_round",
    "progress_values",
    "require_editable",
    "require_turn",
    "round_action_check",
    "round_add",
    "round_decide",
    "round_publish",
    "round_reopen",
    "round_submit",
    "standard_round_plans",
    "standard_rounds",
    "step_texts",
]
