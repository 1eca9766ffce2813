"""The load test's simulated people (Locust), against the portal on loopback only.

Mix (by request): staff pages (year home, measures, round screen) ~45 %, round saves ~10 %,
dashboards (executive, supervisor with every sort) ~15 %, public pages and open data ~20 %,
PDF clicks ~10 %, and a trickle of /healthz as the baseline measured in the same run.
Think time (between one person's clicks) is a person's, not a robot's: staff 5–20 s (they read
a round screen and type), executives and supervisors 5–15 s, the public 3–10 s; 200 users
then offer about 20 requests a second, the load at which the issue measured the old stack
(19.3 req/s, page p95 13.9 s). ``LOAD_THINK=0.2`` scales every think time (a stress run).
Sessions are made beforehand by ``manage.py load_test_prepare`` (LOAD_SESSIONS file), so the
test measures the portal, not password hashing. Requests are named by type for the summary.
"""

import html
import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_SESSIONS"], encoding="utf-8") as _file:
    DATA = json.load(_file)
STAFF = itertools.cycle(DATA["staff"])
YEAR = DATA["year"]
SORTS = ["province", "score", "score_asc", "change", "done", "overdue", "oit"]
PDF_WAIT_LIMIT = float(os.environ.get("LOAD_PDF_WAIT", "60"))
THINK = float(os.environ.get("LOAD_THINK", "1"))
STATUS = re.compile(r'data-render-status="([^"]+)"')


class FormFields(HTMLParser):
    """The fields of the round screen's form as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([name, a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = [name, None]
            self.fields.append(self._select)
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[1] is None or "selected" in a)
        ):
            self._select[1] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def signed_in(user, session):
    user.client.cookies.set("sessionid", session)


class Staff(HttpUser):
    """เจ้าหน้าที่ of one organisation: reads the year, fills the 12-month round."""

    weight = 6
    wait_time = between(5 * THINK, 20 * THINK)

    def on_start(self):
        self.me = next(STAFF)
        signed_in(self, self.me["session"])
        self.base = f"/o/{self.me['org']}/{YEAR}"

    @task(3)
    def year_home(self):
        self.client.get(f"{self.base}/", name="page: year home")

    @task(3)
    def measures(self):
        self.client.get(f"{self.base}/measures/", name="page: measures")

    @task(3)
    def round_screen(self):
        self.client.get(f"{self.base}/rounds/{self.me['round']}/", name="page: round screen")

    @task(2)
    def round_save(self):
        url = f"{self.base}/rounds/{self.me['round']}/"
        page = self.client.get(url, name="page: round screen")
        if page.status_code != 200:
            return
        parser = FormFields()
        parser.feed(page.text)
        fields = parser.fields
        summaries = [f for f in fields if f[0].endswith("-summary")]
        if not summaries:
            return
        target = random.choice(summaries)
        target[1] = f"ประชุมชี้แจงแนวทาง ครั้งที่ {random.randint(1, 999)}"
        with self.client.post(
            url,
            data=[tuple(f) for f in fields if f[1] is not None],
            headers={"Referer": self.host + url},
            name="write: round save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            elif response.status_code == 200 and "ยังไม่ได้บันทึก" not in response.text:
                response.success()  # refused as a conflict: a Thai message, not an error
            else:
                response.failure(f"save answered {response.status_code}")

    @task(2)
    def pdf_click(self):
        """A PDF click in a browser: the file, or the waiting page, whose script polls the
        job's status URL (``static/js/report-wait.js``: after 0.7 s, then each wait 1.5 times the last, at most
        5 s) and
        then opens the document's address again, which serves the file."""
        code = random.choice(["r1", "r3", "r4"])
        url = f"{self.base}/reports/{code}/{self.me['round']}.pdf"
        started = time.perf_counter()
        response = self.client.get(url, name="pdf: first answer")
        waited, delay = 0.0, 0.7
        while response.ok and "application/pdf" not in response.headers.get("Content-Type", ""):
            match = STATUS.search(response.text)
            if not match or waited > PDF_WAIT_LIMIT:
                events.request.fire(
                    request_type="GET", name="pdf: file ready",
                    response_time=(time.perf_counter() - started) * 1000, response_length=0,
                    exception=RuntimeError(
                        "no file within the wait limit" if match else "neither a file nor a waiting page"
                    ),
                    context={},
                )  # fmt: skip
                return
            time.sleep(delay)
            waited += delay
            delay = min(delay * 1.5, 5.0)
            status = self.client.get(
                html.unescape(match.group(1)), name="pdf: status poll",
                headers={"Accept": "application/json"},
            )  # fmt: skip
            if status.status_code == 404 or (
                status.ok and status.json().get("state") not in ("queued", "running")
            ):
                response = self.client.get(url, name="pdf: waiting page or file")
        events.request.fire(
            request_type="GET", name="pdf: file ready",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=len(response.content),
            exception=None if response.ok else RuntimeError(str(response.status_code)),
            context={},
        )  # fmt: skip


class Executive(HttpUser):
    weight = 1
    wait_time = between(5 * THINK, 15 * THINK)

    def on_start(self):
        signed_in(self, DATA["executive"]["session"])

    @task
    def dashboard(self):
        org = DATA["executive"]["org"]
        self.client.get(f"/o/{org}/dashboard/?year={YEAR}", name="page: executive dashboard")


class Supervisor(HttpUser):
    weight = 1
    wait_time = between(5 * THINK, 15 * THINK)

    def on_start(self):
        signed_in(self, DATA["supervisor"]["session"])

    @task
    def table(self):
        sort = random.choice(SORTS)
        self.client.get(f"/supervise/?year={YEAR}&sort={sort}", name="page: supervisor table")


class Public(HttpUser):
    """The public and the assessors: no login."""

    weight = 2
    wait_time = between(3 * THINK, 10 * THINK)

    @task(3)
    def year_page(self):
        p = random.choice(DATA["public"])
        self.client.get(f"/public/{p['org']}/{p['year']}/", name="public: year page")

    @task(1)
    def open_data(self):
        p = random.choice(DATA["public"])
        self.client.get(f"/public/{p['org']}/{p['year']}/data.json", name="public: data.json")


class Baseline(HttpUser):
    """/healthz, one indexed query: the baseline measured in the same run."""

    weight = 1
    fixed_count = 4
    wait_time = between(1, 2)

    @task
    def healthz(self):
        self.client.get("/healthz", name="baseline: /healthz")
