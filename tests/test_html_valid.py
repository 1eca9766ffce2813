"""Every page each role reaches by following links is valid HTML for the Nu Html Checker
(vnu.jar, the validator behind validator.w3.org/nu): no errors.

The pages are found the way a user finds them: from each role's home, every link on the
portal's own pages is followed (one address per path), as staff, an executive, a ปลัด who
approves, a supervisor, the platform admin (the portal's pages; the Django admin has a test of
its own below) and an anonymous visitor of the public pages; the error pages are added. The
checker runs offline (``./portal test`` fetched it into var/tools/ with scripts/fetch_vnu.py) on
all of them at once.
"""

import json
import re
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from organisations.models import User

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from fetch_vnu import JAR as VNU  # noqa: E402
from fetch_vnu import VERSION  # noqa: E402

pytestmark = pytest.mark.django_db

ROLES = [
    "staff-hinlekfai",
    "exec-hinlekfai",
    "staff-phonngam",
    "palad-phonngam",
    "supervisor-chiangrai",
    "admin",
    None,  # an anonymous visitor
]
# not pages: downloads, the Django admin (its own templates), signing out
SKIP = re.compile(r"^/(static|media|admin)/|^/accounts/logout|\.(pdf|xlsx|csv|json|png|svg)$")
PAGES_PER_ROLE = 150


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def shape(address):
    """One page per kind: record numbers fold together (years stay, their frameworks differ),
    and the names a query string gives (not their values) make a kind of its own."""
    parts = urlsplit(address)
    path = re.sub(r"/(?!25\d\d/)\d+(?=/|\.)", "/N", parts.path)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


def crawl(client, start, skip=SKIP, limit=PAGES_PER_ROLE):
    """The pages reachable from ``start`` whose paths ``skip`` does not match:
    {kind of page: (address, html)}."""
    seen, pages, queue = set(), {}, deque([start])
    while queue and len(pages) < limit:
        address = queue.popleft()
        path = shape(address)
        if path in seen or skip.search(urlsplit(address).path):
            continue
        seen.add(path)
        response = client.get(address)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = (address, html)
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            target = urlsplit(urljoin(address, urldefrag(href).url))
            if target.scheme in ("", "http") and target.netloc in ("", "testserver"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return pages


def vnu_errors(pages: dict, folder: Path):
    """Run the checker once on every page; its errors as "address: line N: message"."""
    names = {}
    for number, (name, (address, html)) in enumerate(sorted(pages.items())):
        file = folder / f"{number:04d}.html"
        file.write_text(html, encoding="utf-8")
        names[str(file.resolve())] = f"{name} ({address})"
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *sorted(names)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stdout)["messages"]
    return [
        f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info"  # errors, and files it could not read (non-document-error)
    ]


def confirmation_pages():
    """The pages a role confirms on (no link leads there while nothing waits for them in the
    demo): staff submitting a draft, the first approver approving a submitted round."""
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from measures.models import ApprovalStep, ProgressRound
    from measures.services import round_submit

    staff = User.objects.get(username="staff-hinlekfai")
    with scopes_disabled():
        draft, other = ProgressRound.objects.filter(organisation__code="hin-lek-fai").order_by("pk")
        round_submit(progress_round=other, user=staff)
        approver = (
            ApprovalStep.objects.filter(organisation=other.organisation)
            .order_by("order")[0]
            .approver
        )
    pages = {}
    for user, name, progress_round in (
        (staff, "round-submit", draft),
        (approver, "round-approve", other),
    ):
        client = Client()
        client.force_login(user)
        kw = {"org": "hin-lek-fai", "year": progress_round.fiscal_year, "pk": progress_round.pk}
        address = reverse(name, kwargs=kw)
        response = client.get(address)
        assert response.status_code == 200, (name, response.status_code)
        pages[f"{user.username} {name}"] = (address, response.content.decode())
    return pages


def test_the_nu_html_checker_is_installed():
    """Fetched by ./portal test; the check below never passes for want of a checker."""
    assert VNU.is_file(), f"{VNU} is missing: run ./portal test (or scripts/fetch_vnu.py)"
    version = subprocess.run(
        ["java", "-jar", str(VNU), "--version"], capture_output=True, text=True, timeout=120
    )
    assert version.stdout.startswith(VERSION), version


def test_the_checker_finds_what_the_usability_study_found(tmp_path):
    """The check can fail: the measure form's ``label for=""`` (reported by the usability
    study) and an id used twice are errors here. (This checker does not report an
    aria-describedby naming no element; tests/test_html_references.py does.)"""
    bad = (
        '<!doctype html><html lang="th"><head><title>ก</title></head><body>'
        '<label for="">ชื่อ</label><input id="a"><input id="a"></body></html>'
    )
    errors = vnu_errors({"/bad/": ("/bad/", bad)}, tmp_path)
    assert any("“for”" in e for e in errors), errors
    assert any("Duplicate ID “a”" in e for e in errors), errors


def test_every_page_of_every_role_is_valid_html(demo, tmp_path):
    pages = {}
    for username in ROLES:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        for path, (address, html) in crawl(client, "/" if username else "/public/").items():
            pages.setdefault(f"{username or 'public'} {path}", (address, html))
    anonymous = Client()
    pages["public 404"] = ("/nowhere/", anonymous.get("/nowhere/").content.decode())
    staff = Client()
    staff.force_login(User.objects.get(username="exec-hinlekfai"))
    refused = staff.get("/o/hin-lek-fai/settings/")
    assert refused.status_code == 403
    pages["staff 403"] = ("/o/hin-lek-fai/settings/", refused.content.decode())
    pages["public login"] = ("/accounts/login/", anonymous.get("/accounts/login/").content.decode())
    pages.update(confirmation_pages())
    assert len(pages) > 100, len(pages)  # the crawl reached the portal, not a login page only
    # one known-bad page in the same run: the checker read the files and reports what it finds
    bad = '<!doctype html><html lang="th"><head><title>ก</title></head><body><p id="x" id="x">'
    pages["~ known bad"] = ("/bad/", bad)
    errors = vnu_errors(pages, tmp_path)
    assert errors and all(e.startswith("~ known bad") for e in errors), errors[:20]


# The Django admin as a platform operator reaches it: everything under /admin/ but signing out
# and the delete confirmations (a link there is one click from deleting).
ADMIN_SKIP = re.compile(r"^/(?!admin/)|^/admin/logout/|/delete/$|\.(pdf|xlsx|csv|json|png|svg)$")


def test_every_page_of_the_django_admin_is_valid_html(demo, tmp_path):
    """Issue 15: the Django admin (Thai for platform operators, issue 12) passes the same
    checker as the portal's own pages."""
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    pages = {
        f"admin {path}": page
        for path, page in crawl(client, "/admin/", skip=ADMIN_SKIP, limit=120).items()
    }
    assert len(pages) > 30, sorted(pages)  # the index, and each model's list, add and change
    assert any("/change/" in name for name in pages), sorted(pages)
    bad = '<!doctype html><html lang="th"><head><title>ก</title></head><body><p id="x" id="x">'
    pages["~ known bad"] = ("/bad/", bad)
    errors = vnu_errors(pages, tmp_path)
    assert errors and all(e.startswith("~ known bad") for e in errors), "\n".join(errors)
