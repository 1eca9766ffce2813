"""``manage.py serve``: the production stack in the foreground (what ``./portal run`` execs)."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.stack import Stack, stack_plan


class Command(BaseCommand):
    help = "เริ่ม Redis, Celery worker, Celery beat และ gunicorn; กด Ctrl-C ครั้งเดียวเพื่อหยุดทั้งหมด"

    def handle(self, *args, **options):
        services = stack_plan(env=os.environ, var_dir=settings.VAR_DIR, python=sys.executable)
        status = Stack(services, cwd=settings.BASE_DIR).run()
        if status:
            sys.exit(status)
