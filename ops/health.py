"""Readiness of the portal for a load balancer: the database, Redis and a Celery worker.

Each check answers ``{"ok": bool, "ms": float, ...}`` and never raises; ``/healthz/ready``
answers 503 when any is down. The worker is asked with Celery's broadcast ping, which the
worker's main process answers even while all its pool processes are busy rendering: a busy
worker is alive; a missing one is not. Without Redis the worker cannot be asked, so it is
reported down with that reason rather than waited for.
"""

import time

import redis
from django.conf import settings
from django.db import connection

from ita_portal.celery import app

# Human text is Thai (the JSON keys are for machines).
DOWN = {
    "database": "ฐานข้อมูลไม่ตอบสนอง",
    "redis": "Redis ไม่ตอบสนอง",
    "worker": "ไม่พบ Celery worker ที่ทำงานอยู่",
    "worker_without_redis": "ตรวจ Celery worker ไม่ได้เพราะ Redis ไม่ตอบสนอง",
}


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # noqa: BLE001 - a health check reports, it does not fail
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_redis():
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1, retry_on_timeout=False
    )
    try:
        return {"ok": bool(client.ping())}
    finally:
        client.close()


def check_worker():
    replies = app.control.ping(timeout=settings.HEALTHZ_WORKER_TIMEOUT, limit=1)
    return {"ok": bool(replies), "workers": len(replies)}


def readiness() -> dict:
    checks = {"database": _timed(check_database), "redis": _timed(check_redis)}
    if checks["redis"]["ok"]:
        checks["worker"] = _timed(check_worker)
    else:
        checks["worker"] = {"ok": False, "ms": 0.0, "error": "redis"}
    for name, check in checks.items():
        if not check["ok"]:
            reason = "worker_without_redis" if check.get("error") == "redis" else name
            check["message"] = DOWN[reason]
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
