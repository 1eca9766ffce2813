"""Background work runs on a real broker and a real worker: no eager mode."""

from ita_portal.celery import app


def test_there_is_no_eager_mode():
    assert not app.conf.task_always_eager


def test_a_task_sent_to_redis_is_run_by_the_worker(celery_worker):
    from ops.tasks import ping

    assert ping.delay().get(timeout=20) == "pong"
