import os

import pytest

from .browser import ARGS, CHROMIUM


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: ./portal test installs it")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
