"""Settings for the test suite: the production settings with a throwaway key and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

# The test session starts its own redis-server on this port (tests/conftest.py); child
# processes the tests start inherit it.
if "ITA_TEST_REDIS_PORT" not in os.environ:
    import socket

    with socket.socket() as _s:
        _s.bind(("127.0.0.1", 0))
        os.environ["ITA_TEST_REDIS_PORT"] = str(_s.getsockname()[1])
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{os.environ['ITA_TEST_REDIS_PORT']}/0"

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Static files are served by the test client without WhiteNoise (no collectstatic in tests).
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405

# Uploaded evidence goes to a throwaway folder, never into var/.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ita-test-media-"))  # noqa: F405
REPORT_CACHE_DIR = Path(tempfile.mkdtemp(prefix="ita-test-reports-"))  # noqa: F405
HEALTHZ_WORKER_TIMEOUT = 0.5  # the permission matrix asks once per role, with no worker

# The SQLite test database is a file, not Django's shared-cache in-memory database: in shared
# cache mode SQLite locks whole tables, so a worker thread writing while the test reads fails
# at once with "database table is locked" instead of waiting (busy timeout and WAL, as in
# production, apply to a file only).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="ita-test-db-")) / "test.sqlite3")  # noqa: F405
    }
