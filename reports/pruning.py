"""Pruning the rendered PDFs (beat task ``reports.tasks.prune_rendered`` and
``manage.py prune_rendered``).

1. A render whose document now draws a different key (its data has changed: a new key was
   or will be rendered) or whose subject is gone is deleted once older than the grace period
   (ITA_RENDERED_GRACE_HOURS), with its job; so is a file no job knows (rendered outside the
   workers, or left by a deleted job) and a half-written ``.part`` file.
2. What remains is kept under ITA_RENDERED_MAX_BYTES, oldest first, never deleting the render
   of an approved version that is still current (the one executives and assessors open); the
   jobs of evicted files stay, so the next request renders them again.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from organisations.tenancy import scope
from printing.pipeline import rendered_storage

from .models import RenderJob


def _is_current(job) -> bool:
    from .jobs import document_for

    with scope(organisation=job.organisation_id):
        try:
            return document_for(job).key() == job.key
        except ObjectDoesNotExist:
            return False


def prune(now=None, *, max_bytes=None, grace=None) -> dict:
    now = now or timezone.now()
    max_bytes = settings.ITA_RENDERED_MAX_BYTES if max_bytes is None else max_bytes
    if grace is None:
        grace = datetime.timedelta(hours=settings.ITA_RENDERED_GRACE_HOURS)
    cutoff = now - grace
    storage = rendered_storage()
    _folders, names = storage.listdir("")
    files = {}
    removed = {"changed": 0, "orphans": 0, "size": 0}
    for name in names:
        modified = storage.get_modified_time(name)
        if name.endswith(".part"):
            if modified < cutoff:
                storage.delete(name)
            continue
        if name.endswith(".pdf"):
            files[name[: -len(".pdf")]] = (storage.size(name), modified)
    jobs = {job.key: job for job in RenderJob.objects.with_scopes_disabled().filter(key__in=files)}
    kept = []
    for key, (size, modified) in files.items():
        job = jobs.get(key)
        current = job is not None and _is_current(job)
        if not current and modified < cutoff:
            storage.delete(f"{key}.pdf")
            if job is None:
                removed["orphans"] += 1
            else:
                job.delete()
                removed["changed"] += 1
            continue
        kept.append((modified, key, size, current and job.approved))
    # jobs that never made a file and whose data has changed since
    for job in RenderJob.objects.with_scopes_disabled().filter(
        state__in=[RenderJob.State.FAILED, RenderJob.State.CHANGED], finished_at__lt=cutoff
    ):
        if job.state == RenderJob.State.CHANGED or not _is_current(job):
            job.delete()
    total = sum(size for _m, _k, size, _p in kept)
    for _modified, key, size, protected in sorted(kept):
        if total <= max_bytes:
            break
        if protected:
            continue
        storage.delete(f"{key}.pdf")
        total -= size
        removed["size"] += 1
    return {**removed, "kept_bytes": total, "over_limit": total > max_bytes}
