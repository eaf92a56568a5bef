"""Take the README's screenshots: the product with its demo data, in the machine's Chromium.

Run:  .venv/bin/python docs/screenshots.py   (starts `community-trigger serve --demo` on a fresh embedded
database in a temporary folder, or on DATABASE_URL in a new schema; writes docs/screenshots/*.png)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"
SCRIPT = Path(sys.executable).parent / "community-trigger"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COMMUNITY_TRIGGER_SCHEMA": f"shots_{uuid.uuid4().hex[:6]}",
           "COMMUNITY_TRIGGER_DATA_DIR": tempfile.mkdtemp(prefix="ct-shots-")}
    with subprocess.Popen([str(SCRIPT), "serve", "--demo", "--port", str(port)], env=env, text=True,
                          stdout=subprocess.PIPE) as server:
        for line in server.stdout:  # type: ignore[union-attr]
            print(line, end="")
            if line.strip().endswith("admin"):
                break
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
                page.goto("/apply")
                page.screenshot(path=OUT / "public-form.png", full_page=True)
                page.goto("/sign-in")
                page.get_by_label("Username").fill("m.reid")
                page.get_by_label("Password", exact=True).fill("community trigger demo")
                page.get_by_role("button", name="Sign in").click()
                page.goto("/cases")
                page.screenshot(path=OUT / "dashboard.png", full_page=True)
                page.goto("/cases/CT-2025-0002")
                page.screenshot(path=OUT / "case-page.png", full_page=True)
                page.goto("/report")
                page.screenshot(path=OUT / "annual-report.png", full_page=True)
                browser.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
