"""The official documents, one module each, and the registry that decides which subject (a
round or an assessment) a code takes and whether the public may read it."""

from .base import Source, analysis_source, published_source, round_source
from .r0_cover import CoverR0
from .r1_report import ReportR1
from .r2_analysis import AnalysisR2
from .r3_results import ResultsR3
from .r4_monitoring import MonitoringR4
from .r5_memo import MemoR5

DOCUMENTS = {
    cls.code: cls for cls in (CoverR0, ReportR1, AnalysisR2, ResultsR3, MonitoringR4, MemoR5)
}
PUBLIC_CODES = [code for code, cls in DOCUMENTS.items() if cls.public]
ROUND_CODES = [code for code, cls in DOCUMENTS.items() if cls.subject == "round"]

__all__ = [
    "DOCUMENTS",
    "PUBLIC_CODES",
    "ROUND_CODES",
    "Source",
    "analysis_source",
    "published_source",
    "round_source",
]
