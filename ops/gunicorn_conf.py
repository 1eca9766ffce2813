"""gunicorn's configuration, shared by ``./portal run`` and the systemd unit
(``gunicorn --config python:ops.gunicorn_conf ita_portal.wsgi:application``); every value
comes from the environment.

Sync workers: a request that takes longer than ``timeout`` is killed, so nothing slow runs in
a web worker (PDF batches and large imports go to the Celery worker)."""

import os

from ops.stack import env_int, web_workers

bind = os.environ.get("ITA_BIND") or f"127.0.0.1:{env_int(os.environ, 'ITA_PORT', 8000)}"
workers = env_int(os.environ, "ITA_WEB_WORKERS", web_workers())
timeout = env_int(os.environ, "ITA_WEB_TIMEOUT", 60)
graceful_timeout = env_int(os.environ, "ITA_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# A worker is replaced after this many requests (plus jitter, so they do not all restart at
# once): a slow leak cannot grow for weeks.
max_requests = env_int(os.environ, "ITA_WEB_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# The portal writes one structured line per request itself (ops.logging); gunicorn's own
# access log is there for those who want it (ITA_ACCESS_LOG=- for stdout, or a path).
accesslog = os.environ.get("ITA_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-request-id}o)s"'
errorlog = "-"
loglevel = os.environ.get("ITA_WEB_LOG_LEVEL", "info")
proc_name = "ita-portal-web"
# X-Forwarded-* headers are trusted only from these proxy addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# heartbeat files in memory, not on a disk whose stalls would get workers killed
SHM = "/dev/shm"  # noqa: S108 - gunicorn's documented choice; it creates its own files there
if os.path.isdir(SHM):
    worker_tmp_dir = SHM
