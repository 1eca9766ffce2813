"""The portal's Celery application: background work (PDFs, large imports, e-mail) and the
schedule (Celery beat), with Redis as broker and result store.

Configured from Django's settings (names starting ``CELERY_``); tasks live in each app's
``tasks.py``. There is no eager mode: without a broker a task is not run.
"""

import datetime
import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")

app = Celery("ita_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def queue(task, *args, **kwargs) -> bool:
    """Send ``task`` to the workers; False (and logged) when the broker cannot be reached.

    Called after a request has committed its work, which stays recorded (a render job or an
    import job in its queued state) and is sent again: a render job by the next request for
    it, an import job by its page's "เริ่มใหม่" once stalled. A person never waits on, or sees
    an error page from, an unreachable Redis (the broker's connect and retry bounds are in the
    settings)."""
    try:
        task.delay(*args, **kwargs)
    except Exception as error:
        log = logging.getLogger(__name__)
        if _unreachable(error):  # expected whenever Redis is away (the demo's data are loaded
            # before it starts): one line, not a traceback that reads like a failure
            log.warning(
                "could not queue %s%r: the queue cannot be reached (%s); it is sent again later",
                task.name,
                args,
                error.__cause__ or error,
            )
        else:
            log.exception("could not queue %s%r", task.name, args)
        return False
    return True


def _unreachable(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it: Celery wraps the broker's own) says the broker or
    result store cannot be reached."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, OSError, RedisConnectionError, RedisTimeoutError)):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def lost(running: bool, last_moved: datetime.datetime) -> bool:
    """Whether work said to be running, last recorded at ``last_moved``, has not moved for
    longer than any task may run: the worker doing it was lost (the import jobs commit all at
    once, so nothing of it was written) and it may be started again."""
    from django.conf import settings
    from django.utils import timezone

    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return running and timezone.now() - last_moved > limit
