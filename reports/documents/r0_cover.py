"""R0: the cover page (end of seed 004), for the round document it is bound with."""

import re

from kernel.thai import digits
from measures.layouts import settings_of

from .base import RoundDocument, Sheet, period_parts
from .r1_report import ReportR1
from .r3_results import ResultsR3
from .r4_monitoring import MonitoringR4

# The documents a cover can be bound with, by code; R1 when none is chosen.
COVERED = {cls.code: cls for cls in (ReportR1, ResultsR3, MonitoringR4)}
DEFAULT_COVERED = ReportR1.code

# A title is broken before these words, as the seeds' covers break it ("รายงานผลการดำเนินการ /
# เพื่อส่งเสริมคุณธรรมและความโปร่งใส / ภายในหน่วยงาน").
_BREAKS = re.compile(r"(?=เพื่อส่งเสริม)|(?<!เพื่อ)(?=ส่งเสริม)|(?=ภายในหน่วยงาน)")


def cover_lines(title: str) -> list[str]:
    """The lines a cover prints a document's title on."""
    return [line for line in _BREAKS.sub("\n", title).split("\n") if line]


def prepared_by(organisation: dict) -> str:
    """Who "จัดทำโดย" names: the unit set in the organisation's settings, with the
    organisation's name; without one (and in versions frozen before the setting existed) the
    สำนักงานปลัด, as the seeds print it."""
    unit = organisation.get("prepared_by") or "สำนักงานปลัด"
    return f"{unit} {organisation['name']}"


class CoverR0(RoundDocument):
    code = "r0"
    title = "ปกรายงาน"
    use = "ปกสำหรับเย็บเล่มรายงานที่เลือก"
    template_name = "print/r0_cover.html"
    orientation = "portrait"
    page_numbers = None
    parts = ("organisation", "round", "layouts")

    def __init__(self, subject, *, covers=DEFAULT_COVERED, **kwargs):
        """``covers``: the code of the document the cover is for (``COVERED``); an unknown
        code is a ``KeyError``."""
        self.covered = COVERED[covers]
        super().__init__(subject, **kwargs)

    def options(self):
        return {"covers": self.covered.code}

    def fingerprint(self):
        return [super().fingerprint(), self.covered.code]

    def filename_stem(self):
        stem = super().filename_stem()
        if self.covered.code == DEFAULT_COVERED:
            return stem
        return f"{stem}-{self.covered.code}"

    def covered_title(self) -> str:
        """The title of the document the cover is for, as its settings word it."""
        return settings_of(self.content, self.covered.code)["title"] or self.covered.title

    def context(self):
        return {
            **self.base_context(),
            "approvals": [],
            "title_lines": cover_lines(self.covered_title()),
            # the months kept whole: a line too long breaks before them
            "period_parts": period_parts(self.content["round"]),
            "prepared_by": prepared_by(self.content["organisation"]),
        }

    def print_context(self):
        return {"emblem": self.emblem()}

    def sheets(self):
        c = self.context()
        org = c["org"]
        rows = [
            ["รายงาน", self.covered_title()],
            ["ปีงบประมาณ", digits(self.year)],
            ["รอบ", c["period"]],
            ["ชื่อหน่วยงาน", org["name"]],
            ["อำเภอ", org["district"]],
            ["จังหวัด", org["province"]],
            ["จัดทำโดย", c["prepared_by"]],
        ]
        return [Sheet("ปก", ["รายการ", "ข้อความ"], rows, [20, 80])]
