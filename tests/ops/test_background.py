"""Background work runs on a real broker and a real worker: no eager mode."""

import logging

from ita_portal.celery import app


def test_there_is_no_eager_mode():
    assert not app.conf.task_always_eager


def test_a_task_sent_to_redis_is_run_by_the_worker(celery_worker):
    from ops.tasks import ping

    assert ping.delay().get(timeout=20) == "pong"


def test_queuing_with_redis_unreachable_answers_false_instead_of_raising(caplog):
    """ita_portal.celery.queue is what every request calls after its commit: with nothing
    listening on the broker's port it gives up (within the connect/retry bounds of the
    settings, about a tenth of a second here instead of ~20 s) and says so, in one line."""
    from celery import Celery

    from ita_portal.celery import queue

    dead = "redis://127.0.0.1:9/0"  # the discard port: nothing of ours listens there
    other = Celery("dead-broker", set_as_current=False)
    other.config_from_object("django.conf:settings", namespace="CELERY")
    other.conf.update(broker_url=dead, result_backend=dead)

    @other.task(name="dead.ping")
    def ping():
        return "pong"

    with caplog.at_level(logging.WARNING, logger="ita_portal.celery"):
        assert queue(ping) is False
    (record,) = [r for r in caplog.records if r.name == "ita_portal.celery"]
    assert "the queue cannot be reached" in record.getMessage()
    assert record.exc_info is None  # one line, not a traceback
    assert other.conf.broker_connection_timeout <= 1.0
    assert other.conf.task_publish_retry_policy["max_retries"] <= 1
