"""The example deployment in deploy/: systemd units that start the venv's gunicorn and
Celery with the portal's own modules, the environment file they read, and the nginx proxy."""

import configparser
import importlib
import re
import shlex
import shutil
import subprocess

import pytest

from tests import ROOT_DIR

DEPLOY = ROOT_DIR / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
INSTALL = "/srv/ita-portal"
ENV_FILE = "/etc/ita-portal/ita-portal.env"


def unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(path)
    return parser


def exec_start(path):
    return shlex.split(unit(path)["Service"]["ExecStart"])


def env_example():
    values = {}
    for line in (DEPLOY / "ita-portal.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_there_is_a_unit_for_web_workers_and_beat():
    assert [path.name for path in UNITS] == [
        "ita-portal-beat.service",
        "ita-portal-web.service",
        "ita-portal-worker@.service",
    ]


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_each_unit_runs_from_the_installation_with_the_environment_file(path):
    service = unit(path)
    assert {"Unit", "Service", "Install"} <= set(service.sections())
    assert service["Service"]["WorkingDirectory"] == INSTALL
    assert service["Service"]["EnvironmentFile"] == ENV_FILE
    assert service["Service"]["User"] == "ita"
    assert service["Service"]["Restart"] == "on-failure"
    assert service["Install"]["WantedBy"] == "ita-portal.target"
    program = exec_start(path)[0]
    assert program in {f"{INSTALL}/.venv/bin/gunicorn", f"{INSTALL}/.venv/bin/celery"}
    # every ${VARIABLE} the command line uses is set in the example environment file
    used = set(re.findall(r"\$\{(\w+)\}", service["Service"]["ExecStart"]))
    assert used <= set(env_example()), used - set(env_example())


def test_the_web_unit_runs_gunicorn_with_the_portal_config_and_wsgi_module():
    argv = exec_start(DEPLOY / "systemd/ita-portal-web.service")
    assert argv[0].endswith("/gunicorn")
    config = argv[argv.index("--config") + 1]
    assert config == "python:ops.gunicorn_conf"
    module, _, attribute = argv[-1].partition(":")
    assert (module, attribute) == ("ita_portal.wsgi", "application")
    assert callable(getattr(importlib.import_module(module), attribute))
    assert importlib.import_module(config.removeprefix("python:")).timeout == 60


def test_worker_and_beat_units_run_the_portal_celery_app():
    from ita_portal.celery import app

    worker = exec_start(DEPLOY / "systemd/ita-portal-worker@.service")
    beat = exec_start(DEPLOY / "systemd/ita-portal-beat.service")
    for argv, command in ((worker, "worker"), (beat, "beat")):
        assert argv[0].endswith("/celery") and argv[1:4] == ["-A", "ita_portal", command]
    app.loader.import_default_modules()  # what a worker does at start: the apps' tasks.py
    assert app.main == "ita_portal" and "ops.tasks.ping" in app.tasks
    assert "--max-memory-per-child" in worker
    assert worker[worker.index("--hostname") + 1] == "worker%i@%%h"  # one name per instance
    assert beat[beat.index("--schedule") + 1] == "${ITA_VAR_DIR}/celerybeat-schedule"
    # page requests first, also across the services' cgroups (niceness counts only inside one)
    unit = (DEPLOY / "systemd/ita-portal-worker@.service").read_text(encoding="utf-8")
    assert "\nNice=10\n" in unit and int(unit.split("\nCPUWeight=")[1].split()[0]) < 100


def test_the_environment_example_is_a_production_configuration():
    env = env_example()
    assert env["DJANGO_DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://")
    assert env["SECURE_PROXY_SSL_HEADER"] == "1" and env["ITA_TRUSTED_PROXIES"] == "1"
    readme = (ROOT_DIR / "README.md").read_text()
    undocumented = [key for key in env if f"`{key}`" not in readme]
    assert undocumented == [], "document these variables in the README"


def test_nginx_forwards_the_client_and_allows_evidence_uploads(settings):
    conf = (DEPLOY / "nginx/ita-portal.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    assert size and int(size.group(1)) * 1024 * 1024 > settings.EVIDENCE_MAX_BYTES
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert timeout > importlib.import_module("ops.gunicorn_conf").timeout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_accepts_the_units(tmp_path):
    """systemd's own check, on copies pointed at this checkout (where the venv exists)."""
    names = []
    for path in [*UNITS, DEPLOY / "systemd/ita-portal.target"]:
        text = path.read_text().replace(INSTALL, str(ROOT_DIR))
        text = text.replace(ENV_FILE, str(DEPLOY / "ita-portal.env.example"))
        text = re.sub(r"^(User|Group)=ita$", r"\1=root", text, flags=re.MULTILINE)
        name = path.name.replace("@.", "@1.")
        (tmp_path / name).write_text(text)
        names.append(str(tmp_path / name))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *names],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == "", result.stderr
