"""``./portal run`` runs the real stack: Redis, a Celery worker and beat, gunicorn; one SIGINT
stops every process it started and frees its ports."""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from ops.stack import port_answers, stack_plan, web_workers
from tests import ROOT_DIR
from tests.servers import free_port


def names(plan):
    return [service.name for service in plan]


def test_the_plan_starts_redis_then_worker_beat_and_gunicorn(tmp_path):
    plan = stack_plan(env={"ITA_PORT": "8123", "ITA_REDIS_PORT": "6399"}, var_dir=tmp_path)
    assert names(plan) == ["redis", "worker", "beat", "web"]
    redis, worker, beat, web = plan
    assert redis.argv[redis.argv.index("--port") + 1] == "6399"
    assert redis.argv[redis.argv.index("--bind") + 1] == "127.0.0.1"
    assert redis.argv[redis.argv.index("--dir") + 1] == str(tmp_path / "redis")
    assert redis.ready_port == 6399
    assert worker.argv[2:6] == ["celery", "-A", "ita_portal", "worker"]
    assert "--max-memory-per-child" in worker.argv
    assert worker.nice == 10 and web.nice == 0 and redis.nice == 0
    assert beat.argv[5] == "beat"
    assert beat.argv[beat.argv.index("--schedule") + 1] == str(tmp_path / "celerybeat-schedule")
    assert web.argv[2] == "gunicorn" and web.argv[-1] == "ita_portal.wsgi:application"
    assert "runserver" not in " ".join(arg for service in plan for arg in service.argv)
    assert web.env["ITA_BIND"] == "127.0.0.1:8123" and web.ready_port == 8123
    for service in (worker, beat, web):
        assert service.env["REDIS_URL"] == "redis://127.0.0.1:6399/0"


def test_with_redis_url_set_no_redis_is_started(tmp_path):
    plan = stack_plan(env={"REDIS_URL": "redis://cache.internal:6379/2"}, var_dir=tmp_path)
    assert names(plan) == ["worker", "beat", "web"]
    assert all("REDIS_URL" not in service.env for service in plan)  # theirs is inherited


def test_web_workers_follow_the_cores_within_a_cap():
    assert [web_workers(cores) for cores in (1, 2, 3, 16)] == [3, 5, 7, 8]


def test_gunicorn_configuration_reads_the_environment():
    env = {**os.environ, "ITA_BIND": "127.0.0.1:9", "ITA_WEB_WORKERS": "3"}
    code = "import ops.gunicorn_conf as c; print(c.bind, c.workers, c.timeout, c.graceful_timeout)"
    out = subprocess.run(
        [str(ROOT_DIR / ".venv/bin/python"), "-c", code],
        cwd=ROOT_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.split() == ["127.0.0.1:9", "3", "60", "30"]


def _get(url):
    # generous: a fresh gunicorn worker loads Django on its first request, on a shared machine
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_portal_run_serves_the_stack_and_one_sigint_stops_everything(tmp_path):
    web_port, redis_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        # the test session's own database, Redis and settings are not the demo's
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env.update(
        ITA_VAR_DIR=str(tmp_path),
        ITA_PORT=str(web_port),
        ITA_REDIS_PORT=str(redis_port),
        ITA_WEB_WORKERS="2",
        ITA_WORKER_CONCURRENCY="1",
    )
    log = (tmp_path / "portal.log").open("wb")
    portal = subprocess.Popen(
        [str(ROOT_DIR / "portal"), "run"], cwd=ROOT_DIR, env=env, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        status = None
        while status != 200:
            assert portal.poll() is None, Path(tmp_path / "portal.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the stack did not become ready"
            if port_answers(web_port):
                status, _, body = _get(f"http://127.0.0.1:{web_port}/healthz/ready")
            time.sleep(0.5)
        status, headers, _ = _get(f"http://127.0.0.1:{web_port}/accounts/login/")
        assert status == 200 and headers["Server"] == "gunicorn"
        status, _, css = _get(f"http://127.0.0.1:{web_port}/static/css/portal.css")
        assert status == 200 and css  # collected and served by WhiteNoise

        supervisor = psutil.Process(portal.pid)
        assert "serve" in supervisor.cmdline()  # ./portal exec'd the supervisor
        children = supervisor.children(recursive=True)
        commands = [" ".join(child.cmdline()) for child in children]
        assert any("redis-server" in c and f":{redis_port}" in c for c in commands), commands
        assert any("celery -A ita_portal worker" in c for c in commands), commands
        assert any("celery -A ita_portal beat" in c for c in commands), commands
        assert sum("gunicorn" in c for c in commands) == 3, commands  # master and 2 workers
        assert not any("runserver" in c for c in commands)
        # background work yields the CPU to page requests; the web server does not
        niceness = {" ".join(c.cmdline()): c.nice() for c in children}
        base = supervisor.nice()
        assert all(n >= base + 10 for c, n in niceness.items() if "ita_portal worker" in c), (
            niceness
        )
        assert all(n == base for c, n in niceness.items() if "gunicorn" in c), niceness
        # ... across sessions too: with the kernel's autogroups (one scheduling group per
        # session, each service has its own) a process's niceness only counts inside its
        # group, so the worker's group is niced as well; measured under load, without it the
        # renders took 1.2 of the 2 cores and the five web workers 0.66
        groups = {" ".join(c.cmdline()): _autogroup_nice(c.pid) for c in children}
        if all(g is not None for g in groups.values()):
            assert all(g >= 10 for c, g in groups.items() if "ita_portal worker" in c), groups
            assert all(g == 0 for c, g in groups.items() if "gunicorn" in c), groups

        portal.send_signal(signal.SIGINT)
        assert portal.wait(120) == 0
        gone, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [], [" ".join(p.cmdline()) for p in alive]
        assert not port_answers(web_port) and not port_answers(redis_port)
        assert (tmp_path / "redis").is_dir()
    finally:
        if portal.poll() is None:
            os.killpg(portal.pid, signal.SIGKILL)
            portal.wait()
        log.close()


def _autogroup_nice(pid):
    """The niceness of the process's autogroup, or None without autogroups."""
    try:
        with open(f"/proc/{pid}/autogroup", encoding="ascii") as group:
            return int(group.read().split("nice")[1])
    except (OSError, IndexError, ValueError):
        return None
