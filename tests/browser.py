"""Open a local HTML file in headless Chromium (Debian's /usr/bin/chromium via Playwright).

Shared by every browser test (the HTML report, the memo, the dashboard). Import it as
``from browser import chromium_page, open_in_chromium, launch_chromium`` — pytest puts
``tests/`` on sys.path. Never runs ``playwright install``: it drives the system browser.

What it records while the page is open, in one ``errors`` list:
- console messages of type ``error`` ("console: …"),
- uncaught page errors ("pageerror: …"),
- any dialog (alert/confirm/prompt) that fires ("dialog: alert: …") — dismissed at once,
  so a hostile page that manages to run ``alert(1)`` is caught, not hung on;
- any request that leaves the page's own file ("request: …") — aborted, so a page that
  is meant to be self-contained and offline cannot quietly depend on a CDN.

Tests skip with a clear reason when Chromium or Playwright is missing; CI installs both.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path(os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    """Skip the calling test (or module, at import time) when no browser can be driven."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk; .ci/run does this)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")


@contextmanager
def launch_chromium():
    """One headless browser; share it across a module's tests (launching costs ~1 s)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_page(html_path: str | os.PathLike, *, browser=None, viewport: dict | None = None) -> Iterator[tuple]:
    """Yield ``(page, errors)`` for a local HTML file, loaded and settled.

    ``page`` is a Playwright Page (query it: ``page.locator("#gaps").is_visible()``,
    ``page.inner_text("body")``, ``page.locator("mark").count()``, ``page.screenshot(...)``).
    ``errors`` keeps filling while the page stays open (see the module docstring).
    Pass ``browser`` from :func:`launch_chromium` to reuse one browser.
    """
    if browser is None:
        with launch_chromium() as own:
            with chromium_page(html_path, browser=own, viewport=viewport) as opened:
                yield opened
        return
    url = Path(html_path).resolve().as_uri()
    errors: list[str] = []
    context = browser.new_context(viewport=viewport or DESKTOP, java_script_enabled=True)
    try:
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))

        def on_dialog(dialog) -> None:
            errors.append(f"dialog: {dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def only_this_file(route) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                errors.append(f"request: {route.request.url}")
                route.abort()

        page.route("**/*", only_this_file)
        page.goto(url, wait_until="load")
        yield page, errors
    finally:
        context.close()


@dataclass
class PageCheck:
    """What one look at a page found; ``ok`` when nothing went wrong."""

    title: str
    errors: list[str] = field(default_factory=list)
    visible_text: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # CSS selector → number of matches
    screenshot: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def open_in_chromium(
    html_path: str | os.PathLike,
    screenshot_path: str | os.PathLike | None = None,
    *,
    count: tuple[str, ...] = (),
    browser=None,
    viewport: dict | None = None,
    full_page: bool = True,
) -> PageCheck:
    """Open, screenshot (when a path is given), and report title, errors, text and counts."""
    with chromium_page(html_path, browser=browser, viewport=viewport) as (page, errors):
        shot = None
        if screenshot_path is not None:
            shot = Path(screenshot_path)
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=full_page)
        return PageCheck(
            title=page.title(),
            errors=list(errors),
            visible_text=page.inner_text("body"),
            counts={sel: page.locator(sel).count() for sel in count},
            screenshot=shot,
        )
