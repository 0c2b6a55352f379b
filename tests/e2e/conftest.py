"""Real-browser fixtures: one Debian Chromium per session, a fresh page per test, axe, screenshots.

We never download a browser: the tests drive /usr/bin/chromium (CI installs it with apt) and skip
with a clear reason where it is missing.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .helpers import axe_violations, blocking, format_violations

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio loop in this thread, so Django refuses ORM calls made
    # by the tests themselves (SynchronousOnlyOperation). Nothing here is async: the documented
    # workaround, for as long as the browser runs.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def new_page(browser, request) -> Iterator[Callable]:
    """new_page(viewport=..., **context options): a page in its own browser context.

    Every context is closed after the test; if the test failed, each open page is saved first as
    artifacts/screenshots/<test-name>-failed-<n>.png. Anything the Content-Security-Policy
    refused on any page fails the test.
    """
    contexts = []
    refused: list[str] = []  # what the Content-Security-Policy blocked, on any page

    def note_refusal(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{message.page.url if message.page else ''}: {message.text}")

    def open_page(viewport: dict = DESKTOP, **options):
        options.setdefault("reduced_motion", "reduce")  # no transitions half-way in screenshots
        context = browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(10_000)
        context.on("console", note_refusal)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for n, context in enumerate(contexts):
        if report is not None and report.failed:
            for page in context.pages:
                page.screenshot(path=screenshot_path(request, f"failed-{n}"), full_page=True)
        context.close()
    # Every page of every browser test doubles as a check that the policy breaks nothing.
    assert not refused, "the Content-Security-Policy blocked:\n" + "\n".join(refused)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's report on the test item, so fixtures can tell whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def screenshot_folder(request) -> Path:
    folder = Path(request.config.rootpath) / "artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot_path(request, step: str) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}-{step}")
    return screenshot_folder(request) / f"{name}.png"


@pytest.fixture
def screenshot(request) -> Callable:
    """screenshot(page, "step") saves artifacts/screenshots/<test-name>-<step>.png.

    The whole page by default; full_page=False keeps what the viewport shows (sticky parts).
    """
    for old in screenshot_folder(request).glob(f"{request.node.name}-*.png"):
        old.unlink()  # a previous run's steps, so the folder shows this run only

    def save(page, step: str, *, full_page: bool = True) -> Path:
        path = screenshot_path(request, step)
        page.screenshot(path=path, full_page=full_page)
        return path

    return save


@pytest.fixture
def assert_accessible() -> Callable:
    """assert_accessible(page): no serious or critical axe WCAG 2.1 A/AA violations.

    Minor and moderate findings are printed (visible with -rP or on failure), not fatal.
    """

    def check(page, *, exclude: list[str] | None = None) -> list[dict]:
        violations = axe_violations(page, exclude=exclude)
        if minor := [v for v in violations if v not in blocking(violations)]:
            print(f"axe, not blocking, on {page.url}:\n{format_violations(minor)}")
        assert not blocking(violations), f"axe on {page.url}:\n{format_violations(violations)}"
        return violations

    return check
