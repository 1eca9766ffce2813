"""/healthz (the cheap liveness the benchmarks use as baseline) and /healthz/ready (database,
Redis and a worker, for a load balancer), against a real database, Redis and worker."""

import pytest

from tests.servers import free_port, redis_server


@pytest.mark.django_db
def test_liveness_stays_one_plain_ok_and_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"


def test_ready_when_database_redis_and_a_worker_answer(client, celery_worker):
    response = client.get("/healthz/ready")
    assert response.status_code == 200, response.json()
    report = response.json()
    assert report["ok"] is True
    assert {name: check["ok"] for name, check in report["checks"].items()} == {
        "database": True,
        "redis": True,
        "worker": True,
    }
    assert report["checks"]["worker"]["workers"] == 1
    assert report["checks"]["database"]["ms"] >= 0
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_no_worker_is_503_naming_the_worker(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["redis"]["ok"]
    assert checks["worker"]["ok"] is False
    assert checks["worker"]["message"] == "ไม่พบ Celery worker ที่ทำงานอยู่"


@pytest.mark.django_db
def test_redis_stopped_is_503_naming_redis(client, settings):
    with redis_server(free_port()) as url:
        settings.REDIS_URL = url
        assert client.get("/healthz/ready").json()["checks"]["redis"]["ok"] is True
    # the server above is stopped now: nothing listens at REDIS_URL any more
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["redis"]["ok"] is False
    assert checks["redis"]["message"] == "Redis ไม่ตอบสนอง"
    assert checks["worker"] == {
        "ok": False,
        "ms": 0.0,
        "error": "redis",
        "message": "ตรวจ Celery worker ไม่ได้เพราะ Redis ไม่ตอบสนอง",
    }
