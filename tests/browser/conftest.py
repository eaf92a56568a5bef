"""The web interface served for real on loopback (werkzeug in a thread, the projector following the events),
driven by the machine's Chromium through Playwright, with axe-core for accessibility.

Chromium comes from the operating system (`apt-get install chromium`: /usr/bin/chromium); Playwright never
downloads a browser. Without Chromium these tests skip, which fails the run under CI=true."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import make_server

from application.backoffice import BackOffice
from demo.loader import DEMO_PASSWORD, ensure_demo_users
from infrastructure.storage import Database
from projections.projector import Projector
from web.app import close_app, create_app

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed: apt-get install chromium (CI installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class LiveServer:
    url: str
    back_office: BackOffice


@pytest.fixture
def live_config() -> dict[str, Any]:
    """More settings for the live app (a test module overrides this fixture, e.g. to sign in with a provider)."""
    return {}


@pytest.fixture
def live(back_office: BackOffice, database: Database, schema: str, live_config: dict[str, Any]) -> Iterator[LiveServer]:
    """The app on a free loopback port, with the demo sign-ins and a projector following every event."""
    ensure_demo_users(back_office)
    app = create_app(back_office, database, schema,
                     config={"SECRET_KEY": "browser tests", "SESSION_COOKIE_SECURE": False, **live_config})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    stop = threading.Event()
    with database.connect() as conn, database.connect() as listen:
        projector = Projector(back_office, conn, schema)
        projector.catch_up()
        following = threading.Thread(target=projector.follow, args=(stop, listen, 0.05), daemon=True)
        following.start()
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", back_office)
        stop.set()
        following.join(timeout=5)
    server.shutdown()
    close_app(app)


@pytest.fixture
def page(browser: Browser, live: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (run through the DevTools protocol, so the
    page's Content-Security-Policy does not block it)."""
    for attempt in range(3):  # a page still being replaced by the one a click asked for is scanned once it has loaded
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE.read_text("utf-8"))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        except PlaywrightError as error:
            if attempt == 2 or not NAVIGATING.search(str(error)):
                raise
            continue
        return [{"rule": v["id"], "help": v["help"], "where": [n["target"] for n in v["nodes"]][:5]}
                for v in result["violations"]]
    raise AssertionError("unreachable")


NAVIGATING = re.compile(r"documentElement|Execution context was destroyed|navigat")
