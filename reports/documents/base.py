"""What every official document shares: its ``Source`` (the content it is drawn from), where
that source comes from, and the few phrases documents print alike.

Documents never read the live tables: a ``Source`` is either the frozen content of a version
(submitted or approved) or content built just now from the live data (a draft). The cache key
of a rendered file is the hash of that content, so nothing a document shows can be left out.
Every number a document generates goes through ``kernel.thai.digits`` (or a formatter built on
it), so ``?digits=arabic`` changes all of them; typed text is printed as typed.
"""

import copy
import datetime
import logging
from dataclasses import dataclass, field

from assessments.levels import Level
from kernel.richtext import list_items
from kernel.thai import MONTHS_LONG, digits, format_date, to_be
from measures import versions
from measures.layouts import ProgressShown, ResponsibleShown, settings_of
from measures.models import Measure, ProgressRound, Status
from measures.report_content import (
    analysis_content,
    decision_content,
    organisation_content,
    round_content,
    typed_responsible,
)
from measures.services import current_decisions
from organisations.tenancy import in_organisation
from printing.columns import Column, balanced_widths, cell, text_length, widths_css
from printing.limits import RenderRefused
from printing.pipeline import Document, Sheet

LOGGER = logging.getLogger(__name__)
STATUS_LABEL = dict(Status.choices)
# the room the three progress boxes take in a cell ("☐ " and a space around each label)
BOXES_LENGTH = text_length(*STATUS_LABEL.values()) + 3 * 3
__all__ = ["Sheet"]  # documents build their Excel twins from it


@dataclass
class Source:
    """The content a document is drawn from, and where it stands in the approval chain."""

    content: dict
    version: int | None = None  # the version's number; None for live data
    approved: bool = False
    decisions: list = field(default_factory=list)  # decision_content() dicts
    approved_at: datetime.datetime | None = None

    def fingerprint(self):
        return [self.content, self.version, self.approved, self.decisions]


def _frozen(version) -> Source:
    decisions = version.content.get(versions.SIGNED)
    if decisions is None:  # under review: the decisions taken so far
        decisions = [decision_content(d) for d in current_decisions(version.round)]
    return Source(
        version.content, version.report_version, version.approved, decisions, version.approved_at
    )


@in_organisation(lambda first, *a, **k: first.organisation_id)
def round_source(progress_round, *, number=None, live=False, parts=None) -> Source:
    """A round's report: version ``number``, the version under review or approved, or — while
    the report is a draft, or when ``live`` is asked — the live data. An unknown ``number``
    raises ReportVersion.DoesNotExist."""
    version = None
    if number is not None:
        version = progress_round.versions.get(report_version=number)
    elif not live:
        version = versions.current_version(progress_round)
    if version is not None:
        return _frozen(version)
    content = round_content(progress_round, parts) if parts else round_content(progress_round)
    decisions = [decision_content(d) for d in current_decisions(progress_round)]
    return Source(content, None, False, decisions)


@in_organisation(lambda first, *a, **k: first.organisation_id)
def published_source(progress_round) -> Source | None:
    version = versions.published_version(progress_round)
    return _frozen(version) if version else None


@in_organisation(lambda first, *a, **k: first.organisation_id)
def analysis_source(assessment, *, live=False) -> Source:
    """R2 of an assessment: frozen in the latest approved version of a round of the next year
    that includes it, else drawn from the live data as a draft."""
    if not live:
        candidates = (
            versions.ReportVersion.objects.filter(
                round__organisation=assessment.organisation,
                round__fiscal_year=assessment.fiscal_year + 1,
            )
            .exclude(approved_at=None)
            .order_by("-approved_at")
        )
        for version in candidates:
            analysis = version.content.get("analysis") or {}
            if analysis.get("assessment_id") == assessment.pk:
                return _frozen(version)
    content = {
        "organisation": organisation_content(assessment.organisation),
        "analysis": analysis_content(assessment),
    }
    return Source(content, None, False, [])


# --- phrases documents print alike ---------------------------------------------------------


def paragraphs(text) -> list[str]:
    """A typed text's paragraphs: one a line, blank lines dropped (the openings, a memo's
    body)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def plain(text) -> str:
    return " ".join(list_items(text or "")) if text else ""


EMBLEM_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class EmblemMissing(RenderRefused):
    """The emblem an approved version was signed with cannot be read: the document is not
    printed without it (signed means frozen)."""

    def __init__(self):
        super().__init__(
            "emblem",
            "ไม่พบไฟล์ตราสัญลักษณ์ที่ฉบับที่อนุมัติแล้วใช้ จึงจัดทำเอกสารนี้ไม่ได้ โปรดแจ้งผู้ดูแลระบบให้กู้คืนไฟล์ตราสัญลักษณ์",
        )


def emblem_src(organisation: dict, *, required=False) -> str | None:
    """The organisation's emblem as a data: URL for a cover or memo (the renderer fetches
    nothing else); None when it has none. When its file is gone, unreadable or not an image
    the settings page accepts (PNG or JPEG, at most ``EMBLEM_MAX_BYTES``): None, or —
    ``required``, for an approved version — ``EmblemMissing``."""
    import base64
    import os

    from django.core.files.storage import default_storage

    from organisations.forms import EMBLEM_MAX_BYTES

    name = organisation.get("emblem") or ""
    if not name:
        return None
    kind = EMBLEM_TYPES.get(os.path.splitext(name)[1].lower())
    data = b""
    if kind is not None:
        try:
            with default_storage.open(name, "rb") as f:
                data = f.read(EMBLEM_MAX_BYTES + 1)
        except Exception:  # noqa: BLE001 - any storage's failure: a file, NFS, S3
            LOGGER.warning("emblem %s cannot be read", name, exc_info=True)
    if kind is None or not data or len(data) > EMBLEM_MAX_BYTES:
        if required:
            raise EmblemMissing()
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def level_of(block) -> Level | None:
    return Level(block["level"], block["passed"]) if block else None


def round_label(info) -> str:
    return ProgressRound.label_for(info["kind"], info["name"])


def period_parts(info) -> tuple[str, str]:
    """(``รอบ ๑๒ เดือน``, ``(เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)``): the round and its months."""
    start = datetime.date.fromisoformat(info["start"])
    end = datetime.date.fromisoformat(info["end"])
    return (
        round_label(info),
        f"(เดือน{MONTHS_LONG[start.month - 1]} {digits(to_be(start.year))} - "
        f"{MONTHS_LONG[end.month - 1]} {digits(to_be(end.year))})",
    )


def period_of_round(info) -> str:
    """``รอบ ๑๒ เดือน (เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)``"""
    return " ".join(period_parts(info))


def responsible(measure) -> str:
    """The units ticked and the text typed, both: a typed "(นายก อบต.)" is never dropped."""
    typed = plain(typed_responsible(measure))
    return ", ".join([*measure["units"], *([typed] if typed else [])])


def status_of(measure) -> str:
    progress = measure["progress"]
    return progress["status"] if progress else Status.NOT_STARTED


def progress_text(measure, key) -> str:
    progress = measure["progress"]
    return plain(progress[key]) if progress else ""


def steps_text(measure) -> str:
    return "\n".join(plain(s) for s in measure["steps"])


def progress_blocks(shown=ProgressShown.BOXES, status=None) -> list[int]:
    """The room the progress status takes at the top of a cell, as ``shown``."""
    if shown == ProgressShown.BOXES:
        return [BOXES_LENGTH]
    if shown == ProgressShown.WORDS:
        return [text_length(STATUS_LABEL[status or Status.NOT_STARTED])]
    return []


def progress_cell(measure, *keys, shown=ProgressShown.BOXES) -> list[int]:
    """A progress cell as ``printing.columns`` measures it: the status as ``shown``, then
    the texts ``keys`` of the progress."""
    progress = measure["progress"] or {}
    return cell(
        *(progress.get(k) for k in keys), blocks=progress_blocks(shown, progress.get("status"))
    )


def units_cell(measure, shown=ResponsibleShown.BOTH) -> list[int]:
    units = measure["units"] if shown != ResponsibleShown.TEXT else []
    typed = typed_responsible(measure) if shown != ResponsibleShown.UNITS else ""
    return cell(*units, typed)


def table_columns(columns: list[Column], rows: list[list[list[int]]]) -> list[tuple[Column, str]]:
    """(column, CSS width) of a printed table, its widths balanced from ``rows`` of cells
    (printing.columns)."""
    return list(zip(columns, widths_css(balanced_widths(columns, rows)), strict=True))


def signed_on(decision) -> str:
    """The date the signature bears (content frozen before it was kept: the recording's)."""
    if decision.get("signed_on"):
        return format_date(datetime.date.fromisoformat(decision["signed_on"]))
    return format_date(datetime.datetime.fromisoformat(decision["at"]))


def number(value):
    """A score kept as text in the content, as a number for a spreadsheet cell."""
    return float(value) if value is not None else None


class SourceDocument(Document):
    """A document drawn from a ``Source``; subclasses declare their ``subject`` ("round" or
    "assessment"), whether the public may read them, and the content ``parts`` they read."""

    public = False
    subject = ""
    use = ""  # what the document is for, as the reports page names it
    recommended = False  # the one to print when unsure

    def __init__(self, subject, *, number=None, live=False, **kwargs):
        """``subject`` is a ``Source``, or the round / assessment whose source is looked up:
        version ``number``, the live data (``live``), or the version that stands now."""
        super().__init__(**kwargs)
        if not isinstance(subject, Source):
            subject = self.source_of(subject, number=number, live=live)
        self.source = subject
        self.content = subject.content

    @classmethod
    def source_of(cls, subject, *, number, live) -> Source:
        raise NotImplementedError

    def fingerprint(self):
        return self.source.fingerprint()

    @property
    def draft(self):
        return not self.source.approved

    def emblem(self) -> str | None:
        """The emblem as ``emblem_src`` gives it; an approved version's must be there."""
        return emblem_src(self.content["organisation"], required=not self.draft)

    def version_label(self):
        if self.source.version is None:
            return "ฉบับร่าง (ข้อมูลล่าสุด)"
        suffix = "" if self.source.approved else " (ร่าง รออนุมัติ)"
        return f"ฉบับที่ {digits(self.source.version)}{suffix}"

    def approvals(self):
        if not self.source.approved:
            return []
        return [
            {
                "step": d["step"],
                "name": d["name"],
                "position": d["position"],
                "comment": d["comment"],
                "date": signed_on(d),
                "version": self.version_label(),
            }
            for d in self.source.decisions
            if d["action"] == "approve"
        ]

    def base_context(self):
        return {
            "org": self.content["organisation"],
            "draft": self.draft,
            "version_label": self.version_label(),
            "approvals": self.approvals(),
        }


class RoundDocument(SourceDocument):
    """A document about one reporting round of an organisation."""

    subject = "round"
    parts = ("organisation", "round", "measures", "checklist", "assessment", "layouts")
    columns: tuple[Column, ...] = ()  # the table whose columns the settings choose (none)

    @classmethod
    def source_of(cls, progress_round, *, number, live):
        return round_source(progress_round, number=number, live=live, parts=cls.parts)

    @property
    def year(self):
        return self.content["fiscal_year"]

    def filename_stem(self):
        info = self.content["round"]
        return f"{self.code}-{self.content['organisation']['code']}-{self.year}-{info['id']}"

    def base_context(self):
        return {
            **super().base_context(),
            "layout": self.layout,
            "title": self.heading(),
            "opening": self.opening(),
            "opening_paragraphs": paragraphs(self.opening()),
            "year": self.year,
            "round": self.content["round"],
            "period": period_of_round(self.content["round"]),
        }

    @staticmethod
    def table_columns(columns, cells):
        """(column, CSS width) of the document's table, balanced from its cells."""
        return table_columns(columns, cells)

    # --- the organisation's settings of the document (measures.layouts) -------------------

    @property
    def layout(self) -> dict:
        return settings_of(self.content, self.code)

    def heading(self) -> str:
        """The title the document prints: the organisation's wording, else its own."""
        return self.layout["title"] or self.title

    def draft_opening(self) -> str:
        """The opening paragraph drafted from the content ("" : none)."""
        return ""

    def shaped(self, options: dict, opening: str | None = None):
        """This document as it would print were its settings ``options`` (a form's, before
        they are kept) and its opening ``opening`` (None: drafted)."""
        shaped = copy.copy(self)
        layouts = dict(self.content.get("layouts") or {})
        layouts[self.code] = {**self.layout, **options, "opening": opening}
        shaped.content = {**self.content, "layouts": layouts}
        return shaped

    def draft_with(self, options: dict) -> str:
        """The opening paragraph as drafted were the settings ``options``."""
        return self.shaped(options).draft_opening()

    def opening(self) -> str:
        """The opening paragraph printed: as staff edited it, else the draft."""
        kept = self.layout["opening"]
        return self.draft_opening() if kept is None else kept

    def chosen_columns(self, columns: list[Column]) -> list[Column]:
        """The columns of ``columns`` the settings print, in their order (all, as declared,
        when the settings name none of them)."""
        keys = self.layout["columns"] or []
        by_key = {c.key: c for c in columns}
        chosen = [by_key[k] for k in keys if k in by_key]
        return chosen or list(columns)

    def laid_out(self, columns: list[Column], cells: list[dict]):
        """(column, CSS width) of the chosen columns, balanced from ``cells`` (one dict of
        key -> cell measure per row)."""
        chosen = self.chosen_columns(columns)
        return self.table_columns(chosen, [[row[c.key] for c in chosen] for row in cells])

    def progress_cell(self, measure, *keys) -> list[int]:
        return progress_cell(measure, *keys, shown=self.layout["progress"])

    def units_cell(self, measure) -> list[int]:
        return units_cell(measure, self.layout["responsible"])

    def measures(self, *, guidelines=True):
        return [
            m for m in self.content["measures"] if guidelines or m["kind"] != Measure.Kind.GUIDELINE
        ]
