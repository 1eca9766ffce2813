"""Accounts, sessions and editable rounds for the load test (scripts/load_test.sh), on top of
the synthetic national dataset of ``generate_national``. Never for a real installation.

Writes a JSON file the Locust users read: one logged-in session per simulated account (made
here, so that 200 users do not spend the test hashing passwords), and what each may open.

    manage.py load_test_prepare --staff 120 --year 2568 --output var/load/sessions.json
"""

import json
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from measures.models import Progress, ProgressRound
from organisations.models import Membership, Organisation, User
from organisations.tenancy import scopes_disabled


def session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


class Command(BaseCommand):
    help = "Prepare accounts and sessions for the load test (synthetic data only)."

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=120)
        parser.add_argument("--year", type=int, default=2568)
        parser.add_argument("--public", type=int, default=50)
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--wait-renders", type=int, default=0, metavar="SECONDS",
            help="then wait (at most this long) until the worker has made the pre-renders",
        )  # fmt: skip

    def publish(self, org, year, me):
        """The 6-month round approved through a one-step chain and published, through the
        real services, so that its public page and open data come from a frozen version."""
        from measures.models import ApprovalStep
        from measures.services import round_decide, round_publish, round_submit

        six = ProgressRound.objects.get(organisation=org, fiscal_year=year, kind="six")
        if six.published and six.versions.exclude(approved_at=None).exists():
            return True
        approver, _ = User.objects.get_or_create(
            username=f"load-exec-{org.code}", defaults={"full_name": f"นายก {org.short_name}"}
        )
        Membership.objects.get_or_create(
            user=approver, organisation=org, defaults={"role": "executive", "position": "นายก"}
        )
        if not ApprovalStep.objects.filter(organisation=org).exists():
            step = ApprovalStep(organisation=org, order=1, title="ความเห็นนายก", approver=approver)
            step.full_clean()
            step.save()
        six.state, six.published = ProgressRound.State.DRAFT, False
        six.save(update_fields=["state", "published"])
        staff = User.objects.get(username=f"load-{org.code}")
        round_submit(progress_round=six, user=staff)
        six = round_decide(progress_round=six, user=approver, approve=True)
        round_publish(progress_round=six, user=staff)
        me["published_round"] = six.pk
        return True

    @scopes_disabled()  # synthetic data for many organisations: a command, not a request
    def handle(self, *args, **o):
        year = o["year"]
        orgs = list(Organisation.objects.filter(code__startswith="nat-").order_by("code"))
        if len(orgs) < o["staff"]:
            raise CommandError("generate_national first: too few synthetic organisations")
        staff = []
        for org in orgs[: o["staff"]]:
            user, created = User.objects.get_or_create(
                username=f"load-{org.code}", defaults={"full_name": f"เจ้าหน้าที่ {org.short_name}"}
            )
            if created:
                user.set_unusable_password()
                user.save()
            Membership.objects.get_or_create(
                user=user, organisation=org, defaults={"role": "staff", "position": "นักวิเคราะห์"}
            )
            # the 12-month round is the one staff are filling: a draft with its rows saved
            twelve = ProgressRound.objects.get(organisation=org, fiscal_year=year, kind="twelve")
            if twelve.state != ProgressRound.State.DRAFT:
                twelve.state = ProgressRound.State.DRAFT
                twelve.save(update_fields=["state"])
            published = (
                ProgressRound.objects.filter(organisation=org, fiscal_year=year, published=True)
                .values_list("pk", flat=True)
                .first()
            )
            staff.append(
                {
                    "session": session_for(user),
                    "org": org.code,
                    "year": year,
                    "round": twelve.pk,
                    "published_round": published,
                    "rows": Progress.objects.filter(round=twelve).count(),
                }
            )
        executive = User.objects.get(username="bench-exec")
        supervisor = User.objects.get(username="bench-province")
        public = [
            {"org": org.code, "year": year}
            for org in orgs[: o["public"]]
            if self.publish(org, year, next(s for s in staff if s["org"] == org.code))
        ]
        data = {
            "year": year,
            "staff": staff,
            "executive": {"session": session_for(executive), "org": "nat-00000"},
            "supervisor": {"session": session_for(supervisor)},
            "public": public,
        }
        path = Path(o["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"{len(staff)} staff sessions, {len(public)} public years → {path}")
        if o["wait_renders"]:
            self.wait_for_renders(o["wait_renders"])

    def wait_for_renders(self, seconds):
        from reports.models import RenderJob

        busy = RenderJob.objects.filter(state__in=[RenderJob.State.QUEUED, RenderJob.State.RUNNING])
        started = time.monotonic()
        while busy.exists() and time.monotonic() - started < seconds:
            time.sleep(1)
        done = RenderJob.objects.filter(state=RenderJob.State.DONE).count()
        self.stdout.write(
            f"pre-renders: {done} done, {busy.count()} still queued, "
            f"{time.monotonic() - started:.0f} s"
        )
