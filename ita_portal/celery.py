"""The portal's Celery application: background work (PDFs, large imports, e-mail) and the
schedule (Celery beat), with Redis as broker and result store.

Configured from Django's settings (names starting ``CELERY_``); tasks live in each app's
``tasks.py``. There is no eager mode: without a broker a task is not run.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")

app = Celery("ita_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
