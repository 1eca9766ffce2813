"""A worker killed in the middle of an import leaves nothing half-written, the job can be run
again and imports once; another organisation's writes go on while a large import runs.

The imports run in child processes (tests/import_child.py) on a database they share with
the test: a fresh SQLite file, or the PostgreSQL test database (committed data:
transactional tests)."""

import json
import os
import signal
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from tests import ROOT_DIR

pytestmark = pytest.mark.django_db(transaction=True)


def child_env(tmp_path):
    settings = connection.settings_dict
    if connection.vendor == "sqlite":  # pytest's own SQLite database lives in memory
        url = f"sqlite:///{tmp_path / 'imports.sqlite3'}"
    else:
        host = quote(settings["HOST"] or "", safe="")
        port = f":{settings['PORT']}" if settings["PORT"] else ""
        who = quote(settings["USER"] or "", safe="")
        password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
        url = f"postgres://{who}{password}@{host}{port}/{settings['NAME']}"
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test", "DATABASE_URL": url}


def command(*args):
    return [sys.executable, "-m", "tests.import_child", *map(str, args)]


def run(env, *args):
    result = subprocess.run(
        command(*args), cwd=ROOT_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_worker_killed_mid_import_leaves_nothing_and_a_rerun_imports_once(tmp_path):
    env = child_env(tmp_path)
    job = run(env, "setup", 300)["job"]
    child = subprocess.Popen(
        command("apply", job, "hang"),
        cwd=ROOT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()  # the rows are in, the transaction still open
        assert json.loads(line or "{}") == {"written": 300}, child.stderr.read()[-3000:]
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    # nothing of the import is left, and the job is still waiting to be imported (retryable)
    assert run(env, "inspect", job) == {
        "measures": 0,
        "history": 0,
        "steps": 0,
        "state": "importing",
    }
    # the task delivered again (acks_late) imports the file once
    assert run(env, "apply", job) == {"state": "done"}
    imported = {"measures": 300, "history": 300, "steps": 600, "state": "done"}
    assert run(env, "inspect", job) == imported
    # and once more after the commit (a second redelivery) writes nothing
    assert run(env, "apply", job) == {"state": "not waiting"}
    assert run(env, "inspect", job) == imported


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite has one writer at a time; PostgreSQL locks rows and blocks no one here",
)
def test_another_organisation_saves_while_a_2000_row_import_runs(tmp_path):
    env = child_env(tmp_path)
    job = run(env, "setup", 2000)["job"]
    outcome = run(env, "bystander", job)
    assert outcome["state"] == "done"
    assert outcome["errors"] == []
    # B saved while A's 2,000 rows were being checked: the check holds no write lock
    assert outcome["saves during the check"] > 0, outcome
    assert run(env, "inspect", job)["measures"] == 2000
