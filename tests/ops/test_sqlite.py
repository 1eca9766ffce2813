"""The embedded default (SQLite) takes concurrent writes without "database is locked"."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from ita_portal import settings as portal_settings
from tests import ROOT_DIR

ROOT = ROOT_DIR


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions():
    config = portal_settings.database_config("sqlite:////tmp/ita.sqlite3")
    assert config["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def test_postgresql_is_left_as_it_is():
    config = portal_settings.database_config("postgres://ita:secret@db.internal:5432/ita_portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert not config.get("OPTIONS")


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's file locking only; PostgreSQL locks rows and has no such failure",
)
def test_eight_threads_writing_at_once_on_a_sqlite_file_all_succeed(tmp_path):
    """Two organisations: measures, a round's progress and four approval chains saved at once
    by eight threads, through the services, on a fresh SQLite file set up by the project's
    settings (pytest's own SQLite database is in memory and locks differently)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_concurrency"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == [], outcome["errors"][:5]
    assert outcome["threads"] == 8
    assert outcome["writes"] == 8 * 4
    journal = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
            ".execute('PRAGMA journal_mode').fetchone()[0])",
            str(tmp_path / "portal.sqlite3"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert journal.stdout.strip() == "wal"
