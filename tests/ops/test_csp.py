"""Content-Security-Policy: HTML pages may run only the portal's own script files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.models import Progress, ProgressRound
from measures.services import evidence_add, standard_rounds
from organisations.models import User
from tests import ROOT_DIR

from ..factories import make_measure

pytestmark = pytest.mark.django_db

ROOT = ROOT_DIR
TEMPLATES = ROOT / "templates"
# Rendered by WeasyPrint only, never sent to a browser: they keep their <style> and style="".
# rendered by WeasyPrint only, never served as a page
PRINT_TEMPLATES = set(TEMPLATES.glob("print/*.html"))

POLICY = {
    "default-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}

INLINE = [
    ("inline <script>", re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("event handler attribute", re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
    ("style attribute", re.compile(r"<[^>]*\sstyle\s*=", re.I)),
    ("<style> element", re.compile(r"<style\b", re.I)),
]


def _policy(response):
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def _assert_policy(response):
    directives = _policy(response)
    for name, values in POLICY.items():
        assert directives.get(name) == values, (name, response["Content-Security-Policy"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def _inline_code(html):
    return [label for label, pattern in INLINE if pattern.search(html)]


def test_pages_carry_the_policy(client, people):
    _assert_policy(client.get(reverse("login")))
    _assert_policy(client.get(reverse("admin:login")))
    client.force_login(people["staff_a"])
    response = client.get(reverse("home"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    _assert_policy(response)


def test_no_web_template_holds_inline_script_handlers_or_styles():
    web = [p for p in TEMPLATES.rglob("*.html") if p not in PRINT_TEMPLATES]
    assert len(web) > 30
    found = {
        str(p.relative_to(TEMPLATES)): _inline_code(p.read_text(encoding="utf-8"))
        for p in web
        if _inline_code(p.read_text(encoding="utf-8"))
    }
    assert found == {}


def test_the_pattern_scan_sees_what_it_looks_for():
    assert _inline_code('<select onchange="this.form.submit()">') == ["event handler attribute"]
    assert _inline_code("<script>alert(1)</script>") == ["inline <script>"]
    assert _inline_code('<script src="/static/js/portal.js" defer></script>') == []
    assert _inline_code('<p style="color:red">') == ["style attribute"]


def test_rendered_demo_pages_have_no_inline_code(client, demo):
    """Pages as the browser gets them, SVG charts and QR code included."""
    with scopes_disabled():
        progress_round = ProgressRound.objects.select_related("organisation").first()
    org, year = progress_round.organisation.code, progress_round.fiscal_year
    client.force_login(User.objects.get(username="admin"))
    urls = [
        reverse("home"),
        reverse("year-home", kwargs={"org": org, "year": year}),
        reverse("measures", kwargs={"org": org, "year": year}),
        reverse("round", kwargs={"org": org, "year": year, "pk": progress_round.pk}),
        reverse("oit-checklist", kwargs={"org": org, "year": year}),
        reverse("reports", kwargs={"org": org, "year": year}),
        reverse("analysis", kwargs={"org": "hin-lek-fai", "year": 2568}),
        reverse("executive-dashboard", kwargs={"org": "hin-lek-fai"}),
        reverse("supervisor"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_policy(response)
        assert _inline_code(response.content.decode()) == [], url


def test_the_unit_filter_submits_through_the_portal_script(client, people, org_a):
    progress_round = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    make_measure(org_a)
    client.force_login(people["staff_a"])
    page = client.get(
        reverse("round", kwargs={"org": "org-a", "year": 2569, "pk": progress_round.pk})
    ).content.decode()
    assert re.search(r'<select id="unit" name="unit" data-submit-on-change', page)
    assert '<script src="/static/js/portal.js" defer></script>' in page
    script = (ROOT / "static" / "js" / "portal.js").read_text(encoding="utf-8")
    assert "data-submit-on-change" in script and "requestSubmit" in script
    assert finders.find("js/portal.js")  # collected by collectstatic, served by WhiteNoise


def test_evidence_files_keep_their_own_sandbox_policy(client, people, org_a):
    progress_round = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    progress = Progress.objects.create(measure=make_measure(org_a), round=progress_round)
    evidence = evidence_add(
        progress=progress, upload=SimpleUploadedFile("รายงาน.pdf", b"%PDF-1.4 content")
    )
    client.force_login(people["staff_a"])
    response = client.get(reverse("evidence", kwargs={"org": "org-a", "pk": evidence.pk}))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
