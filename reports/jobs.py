"""PDFs off the request: a request serves a rendered file or joins the job that makes it.

* ``request_pdf`` (views): the stored PDF of a document, or the ``RenderJob`` of its key —
  created and sent to a worker on first request, joined by every identical request after.
* ``run`` (the worker's task): draws the document again from the job, checks that its data
  still gives the job's key, renders it within the limits of ``printing.limits`` and stores
  it; a document beyond them ends the job as failed with a Thai message, never the worker.
* ``prerender_round``: on approval the approved documents, on publication the public ones,
  so that the first click already finds a file.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import Assessment
from measures.models import ProgressRound
from organisations.tenancy import in_organisation, scope
from printing.limits import RenderRefused, render_limited
from printing.pipeline import rendered_name, rendered_storage, store_pdf, stored_pdf

from .documents import DOCUMENTS, PUBLIC_CODES, ROUND_CODES, published_source, round_source
from .models import RenderJob

LOGGER = logging.getLogger(__name__)
State = RenderJob.State
STAGE_PROGRESS = {"start": 10, "layout": 30, "write": 80}


def stale_after() -> datetime.timedelta:
    """A job queued or running for longer than this is sent again (its message or its worker
    was lost); the worker skips a job whose file is already there."""
    return datetime.timedelta(seconds=2 * settings.ITA_RENDER_TIME_LIMIT + 300)


@in_organisation(lambda document, **k: k["organisation"])
def request_pdf(document, *, organisation, code, subject_id, number=None, live=False,
                published=False, public=False):  # fmt: skip
    """(the PDF, None) when it is stored, else (None, the job that makes it)."""
    key = document.key()
    content = stored_pdf(key)
    if content is not None:
        return content, None
    now = timezone.now()
    defaults = {
        "organisation_id": getattr(organisation, "pk", organisation),
        "code": code,
        "subject_id": subject_id,
        "number": number,
        "live": live,
        "thai_digits": document.thai_digits,
        "options": document.options(),
        "published": published,
        "public": public,
        "approved": not getattr(document, "draft", True),
        "queued_at": now,
    }
    try:
        job, created = RenderJob.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # an identical request created it a moment ago
        job, created = RenderJob.objects.get(key=key), False
    if public and not job.public:
        RenderJob.objects.filter(pk=job.pk).update(public=True)
        job.public = True
    if created:
        _send(key)
        return None, job
    if job.state == State.DONE:
        content = stored_pdf(key)
        if content is not None:  # finished since we looked
            return content, None
    resend = job.state in (State.DONE, State.CHANGED) or (
        job.state in (State.QUEUED, State.RUNNING) and job.queued_at < now - stale_after()
    )
    if resend:  # pruned, or lost: make it again under the same key
        RenderJob.objects.filter(pk=job.pk).update(
            state=State.QUEUED, progress=0, message="", queued_at=now
        )
        job.refresh_from_db()
        _send(key)
    return None, job


def _send(key):
    """Queue the render after commit; if Redis cannot take it, the job is dated as stale so
    that the very next request for the document sends it again (instead of waiting
    ``stale_after`` for a message that was never sent)."""
    from .tasks import send

    def go():
        if not send("render_document", key):
            lost = timezone.now() - stale_after() - datetime.timedelta(seconds=1)
            RenderJob.objects.filter(key=key, state=State.QUEUED).update(queued_at=lost)

    transaction.on_commit(go)


def status(job) -> dict:
    return {
        "state": job.state,
        "label": job.get_state_display(),
        "progress": 100 if job.state == State.DONE else job.progress,
        "message": job.message,
        "pages": job.pages,
    }


def document_for(job):
    """The document the job renders, drawn again from the database as it is now; raises
    ObjectDoesNotExist when its subject or version is gone."""
    document_class = DOCUMENTS[job.code]
    if job.published:
        progress_round = ProgressRound.objects.get(pk=job.subject_id, published=True)
        source = published_source(progress_round)
        if source is None or (job.code == "r2" and not source.content.get("analysis")):
            raise ProgressRound.DoesNotExist("ไม่มีฉบับที่เผยแพร่")
        return document_class(source, thai_digits=job.thai_digits, **job.options)
    model = Assessment if document_class.subject == "assessment" else ProgressRound
    subject = model.objects.get(pk=job.subject_id)
    return document_class(
        subject, number=job.number, live=job.live, thai_digits=job.thai_digits, **job.options
    )


def _update(job, **fields):
    RenderJob.objects.filter(pk=job.pk).update(**fields)


def run(key) -> str:
    """Render the job of ``key`` (the worker's task). Safe to run twice."""
    found = RenderJob.objects.with_scopes_disabled().filter(key=key).values("organisation_id")
    if not found:
        return "gone"  # e.g. rolled back after it was sent
    with scope(organisation=found[0]["organisation_id"]):
        job = RenderJob.objects.get(key=key)
        if job.state == State.FAILED:
            return job.state
        if rendered_storage().exists(rendered_name(key)):
            _update(job, state=State.DONE, progress=100, finished_at=timezone.now())
            return State.DONE
        _update(job, state=State.RUNNING, progress=STAGE_PROGRESS["start"])
        try:
            document = document_for(job)
            if document.key() != key:
                _update(job, state=State.CHANGED, finished_at=timezone.now())
                return State.CHANGED
            html = document.html()
            content, pages = render_limited(
                html,
                on_stage=lambda stage: _update(job, progress=STAGE_PROGRESS.get(stage, 50)),
            )
        except ObjectDoesNotExist:
            message = "ไม่พบเอกสารนี้แล้ว (รอบการรายงานหรือฉบับนี้ถูกเปลี่ยนหรือลบไป)"
            _update(job, state=State.FAILED, message=message, finished_at=timezone.now())
            return State.FAILED
        except RenderRefused as refused:
            LOGGER.warning("PDF %s %s refused: %s", job.code, key[:12], refused.reason)
            _update(job, state=State.FAILED, message=refused.message, finished_at=timezone.now())
            return State.FAILED
        store_pdf(key, content)
        _update(
            job,
            state=State.DONE,
            progress=100,
            pages=pages,
            size=len(content),
            finished_at=timezone.now(),
        )
        return State.DONE


@in_organisation(lambda first, *a, **k: first.organisation_id)
def prerender_round(progress_round, *, published=False) -> list:
    """Start the jobs of a round's documents as they stand now: the approved version's R0–R5
    (and the R2 frozen with it), or — ``published`` — the documents the public page lists.
    Returns the jobs started or joined (a document already stored needs none)."""
    documents = []
    if published:
        source = published_source(progress_round)
        if source is None:
            return []
        for code in PUBLIC_CODES:
            if code == "r2" and not source.content.get("analysis"):
                continue
            documents.append((code, progress_round.pk, DOCUMENTS[code](source)))
    else:
        for code in ROUND_CODES:
            documents.append((code, progress_round.pk, DOCUMENTS[code](progress_round)))
        analysis = round_source(progress_round).content.get("analysis") or {}
        assessment = Assessment.objects.filter(pk=analysis.get("assessment_id")).first()
        if assessment is not None:
            documents.append(("r2", assessment.pk, DOCUMENTS["r2"](assessment)))
    jobs = []
    for code, subject_id, document in documents:
        _content, job = request_pdf(
            document,
            organisation=progress_round.organisation_id,
            code=code,
            subject_id=subject_id,
            published=published,
            public=published,
        )
        if job is not None:
            jobs.append(job)
    return jobs
