"""Versions of a round's report: frozen on submission, signed on approval, never changed.

* ``freeze`` keeps what is submitted (``report_content.round_content``) as the version the
  approvers see; a report sent back and submitted again is frozen again.
* ``sign`` adds the chain's decisions to the frozen content once the last step approves.
* Approved documents, the public page and the open data read ``published_version`` /
  ``approved_version``; later edits go to the live data and only reach the public through a
  new version approved by the chain again.
"""

from organisations.tenancy import in_organisation

from .models import Evidence, ReportVersion
from .report_content import decision_content, round_content

SIGNED = "decisions"


def evidence_ids(content) -> set[int]:
    return {
        e["id"]
        for m in content.get("measures") or []
        for e in ((m.get("progress") or {}).get("evidence") or [])
    }


@in_organisation(lambda first, *a, **k: first.organisation_id)
def freeze(progress_round, *, at) -> ReportVersion:
    """Keep the round's report as it is now as its current version (not yet approved)."""
    content = round_content(progress_round)
    version, _created = ReportVersion.objects.update_or_create(
        round=progress_round,
        report_version=progress_round.report_version,
        defaults={"content": content, "submitted_at": at, "approved_at": None},
    )
    version.evidence.set(Evidence.objects.filter(pk__in=evidence_ids(content)))
    return version


@in_organisation(lambda version, **k: version.round.organisation_id)
def sign(version, *, decisions, at) -> ReportVersion:
    """The last approval: the decisions (names and positions as they are today) join the
    frozen content, and the version becomes the approved one."""
    version.content = {**version.content, SIGNED: [decision_content(d) for d in decisions]}
    version.approved_at = at
    version.save(update_fields=["content", "approved_at"])
    return version


@in_organisation(lambda first, *a, **k: first.organisation_id)
def current_version(progress_round) -> ReportVersion | None:
    """The frozen version under review or approved; None while the report is a draft."""
    if progress_round.state == progress_round.State.DRAFT:
        return None
    return progress_round.versions.filter(report_version=progress_round.report_version).first()


@in_organisation(lambda first, *a, **k: first.organisation_id)
def approved_version(progress_round, number=None) -> ReportVersion | None:
    """The latest approved version (or approved version ``number``)."""
    versions = progress_round.versions.exclude(approved_at=None)
    if number is not None:
        versions = versions.filter(report_version=number)
    return versions.order_by("-report_version").first()


@in_organisation(lambda first, *a, **k: first.organisation_id)
def published_version(progress_round) -> ReportVersion | None:
    """What the public sees of a round: its latest approved version, once published."""
    return approved_version(progress_round) if progress_round.published else None


@in_organisation(lambda first, *a, **k: first.organisation_id)
def is_public_evidence(evidence) -> bool:
    """Evidence is public while the published version of its round shows it."""
    version = published_version(evidence.progress.round)
    return version is not None and version.evidence.filter(pk=evidence.pk).exists()


@in_organisation(lambda version: version.round.organisation_id)
def changes_since(version) -> list[str]:
    """What the live data shows differently from a frozen version, in Thai, one line each."""
    live = round_content(version.round)
    frozen = version.content
    lines = []
    before = {m["id"]: m for m in frozen.get("measures") or []}
    after = {m["id"]: m for m in live.get("measures") or []}
    for pk, m in after.items():
        old = before.get(pk)
        if old is None:
            lines.append(f"เพิ่มมาตรการ “{m['title']}”")
        elif old != m:
            lines.append(f"แก้ไขมาตรการ “{m['title']}”")
    for pk, m in before.items():
        if pk not in after:
            lines.append(f"ลบมาตรการ “{m['title']}”")
    if frozen.get("checklist") != live.get("checklist"):
        lines.append("แก้ไขรายการตรวจ OIT")
    # compared on what the frozen version recorded: a detail added to the content later is
    # no change of a version frozen without it
    recorded = frozen.get("organisation") or {}
    now = live.get("organisation") or {}
    if any(now.get(key) != value for key, value in recorded.items()):
        lines.append("แก้ไขข้อมูลหน่วยงาน")
    if frozen.get("assessment") != live.get("assessment"):
        lines.append("แก้ไขผลการประเมินที่รายงานอ้างถึง")
    if frozen.get("analysis") != live.get("analysis"):
        lines.append("แก้ไขการวิเคราะห์ผลการประเมิน")
    if (frozen.get("layouts") or {}) != (live.get("layouts") or {}):
        lines.append("แก้ไขการตั้งค่าเอกสาร")
    if frozen.get("round") != live.get("round"):
        lines.append("แก้ไขข้อมูลรอบการรายงาน")
    return lines
