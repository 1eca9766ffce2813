"""The portal's production stack on one machine, as one foreground process (``manage.py
serve``, which ``./portal run`` execs): Redis, a Celery worker, Celery beat and gunicorn.

Why a small supervisor rather than bash job control: it starts each service only once the one
before answers, stops them in reverse order on one SIGINT/SIGTERM (web first, so no request
is left without its queue, Redis last), stops everything when any service dies, and leaves no
orphans: each service runs in a process group of its own, which is killed outright once its
leader has had its grace period; and each service gets SIGTERM from the kernel should the
supervisor itself be killed (PR_SET_PDEATHSIG).

``stack_plan`` (what to start) is pure, so that tests can read it; ``Stack`` runs a plan.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def web_workers(cores: int | None = None) -> int:
    """gunicorn's rule of thumb (2 × cores + 1), capped: past 8 sync workers a machine of
    the embedded default waits on SQLite, not on Python."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, 8)


def env_int(env, name: str, default: int) -> int:
    value = env.get(name, "")
    return int(value) if value.strip() else default


@dataclass(frozen=True)
class Service:
    name: str
    argv: list[str]
    ready_port: int | None = None  # the next service starts once this port answers
    grace: float = 30.0  # seconds between SIGTERM and SIGKILL of the whole group
    env: dict[str, str] = field(default_factory=dict)
    folders: tuple[Path, ...] = ()  # made before it starts
    nice: int = 0  # added to the CPU niceness: background work yields to people's requests


def stack_plan(*, env, var_dir: Path, python: str = sys.executable) -> list[Service]:
    """The services of ``./portal run`` in start order. With REDIS_URL set, that Redis is used
    and none is started; DATABASE_URL needs nothing started (the settings read it)."""
    var_dir = Path(var_dir)
    port = env_int(env, "ITA_PORT", 8000)
    services = []
    extra = {}
    if not env.get("REDIS_URL"):
        redis_port = env_int(env, "ITA_REDIS_PORT", 6389)
        redis_dir = var_dir / "redis"
        services.append(
            Service(
                "redis",
                [shutil.which("redis-server", path=env.get("PATH")) or "redis-server",
                 "--bind", "127.0.0.1", "--port", str(redis_port), "--protected-mode", "yes",
                 "--dir", str(redis_dir), "--pidfile", str(redis_dir / "redis-server.pid"),
                 "--daemonize", "no", "--save", "300 1", "--appendonly", "no",
                 "--loglevel", "warning"],
                ready_port=redis_port,
                grace=10,
                folders=(redis_dir,),
            )
        )  # fmt: skip
        extra["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    concurrency = env_int(env, "ITA_WORKER_CONCURRENCY", max(2, (os.cpu_count() or 1)))
    max_memory_kb = env_int(env, "ITA_WORKER_MAX_MEMORY_KB", 512 * 1024)
    services += [
        Service(
            "worker",
            [python, "-m", "celery", "-A", "ita_portal", "worker", "--loglevel", "INFO",
             "--concurrency", str(concurrency), "--max-memory-per-child", str(max_memory_kb),
             "--hostname", "worker@%h"],
            grace=env_int(env, "ITA_WORKER_GRACE", 60),
            env=extra,
            # on a machine shared with the web server a render must not take a core from a
            # page request (issue 11: PDF clicks never block page requests)
            nice=env_int(env, "ITA_WORKER_NICE", 10),
        ),
        Service(
            "beat",
            [python, "-m", "celery", "-A", "ita_portal", "beat", "--loglevel", "INFO",
             "--schedule", str(var_dir / "celerybeat-schedule"),
             "--pidfile", str(var_dir / "celerybeat.pid")],
            grace=10,
            env=extra,
        ),
        Service(
            "web",
            [python, "-m", "gunicorn", "--config", "python:ops.gunicorn_conf",
             "ita_portal.wsgi:application"],
            ready_port=port,
            grace=env_int(env, "ITA_WEB_GRACEFUL_TIMEOUT", 30) + 5,
            env={**extra, "ITA_BIND": env.get("ITA_BIND", f"127.0.0.1:{port}")},
        ),
    ]  # fmt: skip
    return services


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return False
    return True


def _child_setup(nice: int = 0):
    """In the child, before exec: lower its CPU priority, and die with the supervisor."""
    if nice:
        os.nice(nice)
        _nice_autogroup(nice)
    _die_with_parent()


def _nice_autogroup(nice: int):
    """Lower the CPU share of the child's whole session. Each service has a session of its own
    (``start_new_session``), and with the kernel's autogroups (on by default in Debian) every
    session is a scheduling group of equal weight, inside which alone a process's niceness
    counts: niced or not, the worker's group would get as much CPU as all the web workers
    together. Not Linux, or no autogroups: nothing to do."""
    with contextlib.suppress(OSError), open("/proc/self/autogroup", "w", encoding="ascii") as f:
        f.write(str(nice))


def _die_with_parent():
    """In the child, before exec: SIGTERM when the supervisor dies, however it dies."""
    # not Linux: no such call, and the process groups are still cleaned up
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Stack:
    def __init__(self, services: list[Service], *, cwd: Path, start_timeout: float = 120):
        self.services = services
        self.cwd = cwd
        self.start_timeout = start_timeout
        self.running: list[tuple[Service, subprocess.Popen]] = []
        self.stop_requested = False

    def say(self, message: str):
        print(f"[ita-portal] {message}", file=sys.stderr, flush=True)

    def _request_stop(self, signum, frame):
        self.stop_requested = True

    def run(self) -> int:
        """Start everything, wait for a signal or a death, stop everything; the exit status."""
        stops = (signal.SIGINT, signal.SIGTERM)
        previous = {signum: signal.signal(signum, self._request_stop) for signum in stops}
        try:
            status = self._start_all()
            while status is None and not self.stop_requested:
                status = self._dead_service()
                time.sleep(0.2)
            return status or 0
        finally:
            self._stop_all()
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _start_all(self) -> int | None:
        for service in self.services:
            if service.ready_port and port_answers(service.ready_port):
                self.say(f"port {service.ready_port} of {service.name} is already in use")
                return 1
            for folder in service.folders:
                Path(folder).mkdir(parents=True, exist_ok=True)
            env = {**os.environ, **service.env}
            process = subprocess.Popen(
                service.argv,
                cwd=self.cwd,
                env=env,
                start_new_session=True,  # its own group: a terminal's Ctrl-C reaches us only
                preexec_fn=functools.partial(_child_setup, service.nice),  # noqa: PLW1509 - no threads here
            )
            self.running.append((service, process))
            self.say(f"{service.name} started (pid {process.pid})")
            if service.ready_port and not self._wait_ready(service, process):
                return 1
        self.say("ready")
        return None

    def _wait_ready(self, service: Service, process: subprocess.Popen) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while not port_answers(service.ready_port):
            if self.stop_requested:
                return False
            if process.poll() is not None or time.monotonic() > deadline:
                self.say(f"{service.name} did not start")
                return False
            time.sleep(0.1)
        return True

    def _dead_service(self) -> int | None:
        for service, process in self.running:
            if process.poll() is not None:
                self.say(f"{service.name} stopped unexpectedly (status {process.returncode})")
                return 1
        return None

    def _stop_all(self):
        for service, process in reversed(self.running):
            if process.poll() is None:
                self.say(f"stopping {service.name}")
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(service.grace)
                except subprocess.TimeoutExpired:
                    self.say(f"{service.name} did not stop within {service.grace:g} s: killed")
            # whatever the leader left behind (workers, pool processes) goes with it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            if process.poll() is None:
                process.wait()
        self.running = []
