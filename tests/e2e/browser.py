"""Helpers of the end-to-end tests: Debian's Chromium (never a downloaded browser), logging in."""

import re
from pathlib import Path

from ..factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """What axe-core finds wrong on the page as it stands: [(rule, impact, [targets])]. axe is
    evaluated through the browser's debugging protocol, which the page's Content Security
    Policy does not govern, so the page runs under its real policy."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => [v.id, v.impact, v.nodes.slice(0, 5).map(n => n.target.join(' '))])"
    )
    return [tuple(v) for v in result]
