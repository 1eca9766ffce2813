"""Settings of ITA Portal.

Everything that differs between a laptop demo and a national deployment comes from the
environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, DJANGO_DEBUG and the SECURE_* switches.
The embedded default is SQLite under var/; production runs on PostgreSQL.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# pythainlp must never reach for the network at run time (machines and many offices have none).
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ITA_VAR_DIR", BASE_DIR / "var"))
os.environ.setdefault("PYTHAINLP_DATA", str(VAR_DIR / "pythainlp-data"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "demo-only-key-never-used-in-production-" + "x" * 20

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "import_export",
    "organisations.apps.AxesConfig",
    "kernel",
    "ops",
    "printing",
    "organisations",
    "assessments",
    "measures",
    "reports",
    "dashboards",
    "public",
    "devtools",
]

MIDDLEWARE = [
    # First, so that its line times everything and sees every answer (ops/requestlog.py).
    "ops.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "organisations.tenancy.TenancyMiddleware",
    # an account given a one-time initial password changes it before anything else
    "organisations.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Thai 404/403 pages with DEBUG on too (the demo); after messages, so the pages render
    "ops.debug_pages.ThaiErrorPagesUnderDebugMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the login view's answer and replaces it with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ita_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["kernel.templatetags.thai"],
        },
    },
]

# Django's form renderer with its common widget templates written in Python (kernel/form_renderer)
FORM_RENDERER = "kernel.form_renderer.FastRenderer"

# Templates of the printed documents (printing.pipeline keys its cache on their content).
PRINT_TEMPLATES_DIR = BASE_DIR / "templates" / "print"

WSGI_APPLICATION = "ita_portal.wsgi.application"

# SQLite (the embedded default) answers "database is locked" when two write transactions
# overlap: a transaction that read first cannot upgrade to a write lock while another writes,
# and no timeout helps. IMMEDIATE takes the write lock at BEGIN, so writers queue for up to
# `timeout` seconds instead; WAL lets readers go on while one writes, and synchronous=NORMAL
# is safe with WAL (a power cut may lose the last commits, never corrupt the file).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_config(url, conn_max_age=60):
    config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **SQLITE_OPTIONS}
    return config


DATABASES = {
    "default": database_config(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ita_portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password guessing (django-axes). After 5 wrong passwords for one username from one address
# (IP), each less than 15 minutes after the one before, that username is refused from that
# address until 15 minutes have passed without a try:
# * username+IP rather than IP alone: a whole อบต. office sits behind one address, and one
#   forgetful colleague must not lock everyone out; rather than username alone: anyone could
#   otherwise lock the นายก out before a deadline by typing the name five times;
# * 5 tries are plenty for a typo or Caps Lock and leave a guesser 480 tries a day per address;
# * 15 minutes stops scripted guessing and is short enough that nobody needs the admin.
# The platform admin unlocks at once in the admin (ความปลอดภัยการเข้าสู่ระบบ → ปลดล็อกบัญชีที่เลือก)
# or with `manage.py axes_reset_username <username>`. A right password clears the count.
# The address is the client's as ops/proxy.py finds it: REMOTE_ADDR, or behind
# ITA_TRUSTED_PROXIES reverse proxies the address they forwarded (X-Forwarded-For), so that
# behind a proxy not every client has the proxy's address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisations.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ops.proxy.client_ip"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none).
ITA_TRUSTED_PROXIES = int(os.environ.get("ITA_TRUSTED_PROXIES", "0"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Thai is the only language: the UI strings are Thai; dates are shown in the Buddhist Era by
# kernel.thai, never by Django's own (Christian Era) date formats. With Thai the only
# language listed, LocaleMiddleware cannot switch a browser that asks for English (its
# Accept-Language header or a language cookie) away from Thai. locale/ completes Django's own
# Thai catalogue (compiled by ./portal and by the test session).
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"


def storage_from_env(variable, *, location=None, prefix=""):
    """One of the portal's file storages, chosen by the environment variable ``variable``:
    ``filesystem`` (the default; under ``location``, or MEDIA_ROOT when none is given) or
    ``s3``, an S3-compatible bucket through django-storages (AWS_STORAGE_BUCKET_NAME, or
    ``<variable>_BUCKET`` for a bucket of its own; AWS_S3_ENDPOINT_URL for MinIO, Ceph or a
    cloud's S3; AWS_S3_REGION_NAME; keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read
    by boto3). Objects are private and reached only through the portal's views; names under
    ``<variable>_PREFIX`` (default ``prefix``). Evidence is ITA_STORAGE; the rendered PDFs
    follow the same pattern with ITA_RENDERED_STORAGE."""
    kind = os.environ.get(variable, "filesystem").strip().lower()
    if kind == "filesystem":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)} if location else {},
        }
    if kind != "s3":
        raise ImproperlyConfigured(f"{variable} must be 'filesystem' or 's3', not {kind!r}.")
    bucket = os.environ.get(f"{variable}_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured(f"{variable}=s3 needs AWS_STORAGE_BUCKET_NAME.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get(f"{variable}_PREFIX", prefix),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


# Uploaded evidence (Django's default storage): MEDIA_ROOT on the filesystem, which several
# app servers share over NFS or similar, or an S3-compatible bucket (ITA_STORAGE=s3).
STORAGES = {
    "default": storage_from_env("ITA_STORAGE", prefix="evidence-store"),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Rendered PDFs (printing.pipeline): a folder under var/ by default; S3 (django-storages) when
# ITA_RENDERED_STORAGE=s3, with the bucket and credentials from the AWS_* variables that
# django-storages reads (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...).
REPORT_CACHE_DIR = Path(os.environ.get("ITA_RENDERED_DIR", VAR_DIR / "report-cache"))
if os.environ.get("ITA_RENDERED_STORAGE", "file").strip().lower() == "s3":
    STORAGES["rendered"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": os.environ.get("ITA_RENDERED_S3_PREFIX", "rendered")},
    }
else:
    STORAGES["rendered"] = {"BACKEND": "printing.storage.RenderedFileStorage"}
# Bounds of one PDF render (printing.limits): wall time, address space of the rendering
# process, pages. A report beyond them fails with a Thai message saying what is too large.
ITA_RENDER_TIME_LIMIT = int(os.environ.get("ITA_RENDER_TIME_LIMIT", "120"))
ITA_RENDER_MAX_MEMORY_MB = int(os.environ.get("ITA_RENDER_MAX_MEMORY_MB", "2048"))
ITA_RENDER_MAX_PAGES = int(os.environ.get("ITA_RENDER_MAX_PAGES", "300"))
# Pruning (reports.pruning, daily): renders of data that has changed since go after the grace
# period; the rest is kept under ITA_RENDERED_MAX_BYTES, oldest first.
ITA_RENDERED_MAX_BYTES = int(os.environ.get("ITA_RENDERED_MAX_BYTES", str(5 * 1024**3)))
ITA_RENDERED_GRACE_HOURS = int(os.environ.get("ITA_RENDERED_GRACE_HOURS", "24"))

# Uploaded evidence lives outside the web root and is served only through views that check
# who is asking; several app servers share one folder (ITA_MEDIA_ROOT, e.g. an NFS mount).
MEDIA_ROOT = Path(os.environ.get("ITA_MEDIA_ROOT", VAR_DIR / "private-media"))

# Production hardening; every switch can be turned off from the environment behind a proxy
# that already does it.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"  # a Thai page, not Django's English one
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): pages load scripts, styles, fonts and images from the
# portal itself only (no inline scripts or on...= handlers: behaviour lives in static/js/),
# images also as data: URLs. Responses that set their own policy keep it (evidence files are
# served with "sandbox; default-src 'none'").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Logs go to stderr (systemd's journal, or the terminal of ./portal run). The request log
# is one JSON line per request (ops/requestlog.py); ITA_REQUEST_LOG=0 silences it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "ita_portal.requests": {
            "level": "INFO" if env_bool("ITA_REQUEST_LOG", True) else "WARNING",
        },
    },
}

# Background work (ita_portal.celery): Redis is broker and result store. The embedded default
# is the redis-server that `./portal run` starts on a loopback port of its own; a national
# installation points REDIS_URL at its Redis.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6389/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_EXPIRES = datetime.timedelta(days=1)
# A task is acknowledged when it has finished, so one whose worker died is run again; every
# task is written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing happens after a request's commit: with Redis unreachable it must give up within
# about a second (the work stays recorded as queued and is sent again), not hold the person's
# request for the ~20 s of Celery's default reconnect policy.
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 5.0}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2
}  # fmt: skip
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1.0
# Hard bound of any task (seconds); tasks with tighter bounds set their own.
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "600"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
# /healthz/ready waits this long (seconds) for a worker to answer its ping.
HEALTHZ_WORKER_TIMEOUT = float(os.environ.get("HEALTHZ_WORKER_TIMEOUT", "1.0"))
# The schedule (Celery beat); each app adds its entries here.
CELERY_BEAT_SCHEDULE = {
    "prune-rendered": {
        "task": "reports.tasks.prune_rendered",
        "schedule": datetime.timedelta(hours=6),
    },
    # the supervisors' summaries whose overdue count changed overnight (a due date passed)
    "dashboards-refresh-stale-summaries": {
        "task": "dashboards.tasks.refresh_stale_summaries",
        "schedule": crontab(hour=0, minute=5),
    },
}

# E-mail (invitations, password reset): Django's SMTP backend when EMAIL_HOST is set; without
# it (the local demo) every message is written as a file into var/sent-mail/ instead.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    # STARTTLS unless SSL from the first byte (port 465) is asked for: Django refuses both
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "sent-mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ITA Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as people reach it, for the links in e-mails sent in the background.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Password-reset links work once and for this long (seconds; Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60 * 24)))

# Demo accounts' password; only `manage.py seed_demo` reads it.
DEMO_PASSWORD = os.environ.get("ITA_DEMO_PASSWORD", "ita-demo-2568")

# Evidence uploads: largest file accepted, in bytes (default 20 MB).
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
