"""How an organisation shapes a round's documents (issue 14): the title's wording, an opening
paragraph, the columns and their order, how progress and ผู้รับผิดชอบ are shown, whether the
measure title and deadlines are printed in the cells, how the rows are grouped, and which
memo R5 is (its "title" is then the memo's เรื่อง, its "opening" the memo's body).

The one owner of the settings' names, choices and defaults. An organisation's settings of a
document (``DocumentLayout`` without a round) are remembered from year to year; a round may
override them with its own. What the documents read is ``settings_of(content, code)``: the
settings frozen into the round's content (``layouts_content``), so an approved version keeps
printing the shape it was signed with, and a version frozen before settings existed prints
the defaults, which are today's documents.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.tenancy import in_organisation

# The documents that take settings, by code (reports.documents).
LAYOUT_CODES = ("r1", "r3", "r4", "r5")
TITLE_MAX = 300
OPENING_MAX = 4000


class ProgressShown(models.TextChoices):
    BOXES = "boxes", _("ช่องทำเครื่องหมาย ☑/☐ ทั้งสามสถานะ")
    WORDS = "words", _("สถานะเป็นข้อความ เช่น “ดำเนินการแล้วเสร็จ”")
    NONE = "none", _("ไม่แสดงสถานะ")


class ResponsibleShown(models.TextChoices):
    BOTH = "both", _("ส่วนงานที่เลือกและข้อความที่พิมพ์")
    UNITS = "units", _("ส่วนงานที่เลือกเท่านั้น")
    TEXT = "text", _("ข้อความที่พิมพ์เท่านั้น")


class GroupOrder(models.TextChoices):
    FRAMEWORK = "framework", _("ตามลำดับตัวชี้วัดของกรอบการประเมิน")
    OIT_FIRST = "oit_first", _("OIT ก่อน แล้วตามลำดับตัวชี้วัด")
    ENTERED = "entered", _("ตามลำดับของมาตรการที่บันทึก")


class MemoKind(models.TextChoices):
    """The บันทึกข้อความ R5 prints: which letter it is, and so its subject, body and closing."""

    SCORE = "score", _("รายงานผลคะแนน ITA ต่อผู้บริหาร เพื่อโปรดทราบ")
    COVER = "cover", _("นำส่งรายงานผลการดำเนินการตามมาตรการของรอบนี้ เพื่อโปรดทราบ")
    PLAN = "plan", _("ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสของปีงบประมาณ")


DEFAULTS = {
    "title": "",  # "" : the document's own title
    "opening": None,  # None : the paragraph drafted from the data; "" : none
    "progress": ProgressShown.BOXES,
    "responsible": ResponsibleShown.BOTH,
    "measure_title": True,  # the measure's title above its steps (R4)
    "deadlines": True,  # the dated deadlines and the end date (R4)
    "grouped": True,  # rows under tool and indicator headings (R4)
    "group_order": GroupOrder.FRAMEWORK,
    "columns": None,  # None : the document's columns in its own order; else their keys
    "memo": MemoKind.SCORE,  # which บันทึกข้อความ R5 is
}


def settings_of(content: dict, code: str) -> dict:
    """The settings a document of ``content`` is printed with: the frozen ones over the
    defaults."""
    return {**DEFAULTS, **((content.get("layouts") or {}).get(code) or {})}


def layout_settings(layout, progress_round=None) -> dict:
    """A ``DocumentLayout`` row as the content of ``progress_round`` keeps it. An edited
    opening is the round's it was written for (it quotes that round's figures and year); any
    other round prints the paragraph drafted from its own data."""
    stored = {k: v for k, v in (layout.options or {}).items() if k in DEFAULTS}
    own = layout.opening_round_id is None or (
        progress_round is not None and layout.opening_round_id == progress_round.pk
    )
    return {**stored, "opening": layout.opening if layout.opening_edited and own else None}


def layout_for(organisation, code, progress_round=None):
    """The row that shapes ``code`` in ``progress_round``: the round's own, else the
    organisation's; None when neither exists."""
    from .models import DocumentLayout

    rows = DocumentLayout.objects.of(organisation).filter(code=code)
    if progress_round is not None:
        own = rows.filter(round=progress_round).first()
        if own is not None:
            return own
    return rows.filter(round=None).first()


@in_organisation(lambda first, *a, **k: first.organisation_id)
def layouts_content(progress_round) -> dict:
    """{code: settings} of the round's documents that have settings, for its content."""
    from .models import DocumentLayout

    rows = DocumentLayout.objects.of(progress_round.organisation).filter(
        models.Q(round=None) | models.Q(round=progress_round)
    )
    chosen = {}
    for row in sorted(rows, key=lambda r: r.round_id is not None):  # the round's own last
        chosen[row.code] = row
    return {code: layout_settings(row, progress_round) for code, row in sorted(chosen.items())}
