"""The built wheel alone serves the product: built from the sources (with the compiled front-end assets),
installed into a new virtualenv outside the checkout, then migrated, given a user and served by gunicorn with
the packaged configuration; a public page, a compiled stylesheet, the API document and a sign-in answer.

The new virtualenv gets the product only from the wheel. Its third-party dependencies are borrowed from the
test's own environment (a path entry, not an install; that environment's editable link to this checkout is not
followed), so the test needs no network; a full install from a package index is docs/OPERATIONS.md's first step.
"""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from cli.main import SCHEMA_VARIABLE
from infrastructure.storage import Database
from tests.scheduler.conftest import free_port

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]  # one worker builds the wheel once

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "infrastructure", "application", "projections", "web", "scheduler", "demo", "cli")
PASSWORD = "a long enough passphrase"


def build_wheel(into: Path) -> Path:
    """``pip wheel`` of a copy of the sources (so the checkout gets no build/ folder)."""
    if not (ROOT / "web" / "static" / "build" / "application.css").exists():
        pytest.fail("web/static/build is missing: run ./dev setup (npm) before building the wheel")
    source = into / "source"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(into / "dist"),
                    str(source)], check=True, capture_output=True, timeout=240)
    [wheel] = (into / "dist").glob("community_trigger-*.whl")
    return wheel


def install(wheel: Path, venv: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True, timeout=240)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "borrowed_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin" / "community-trigger"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_the_wheel_carries_the_templates_static_files_and_compiled_assets(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())

    for name in ("web/templates/base.html", "web/templates/sign_in.html", "web/static/build/application.css",
                 "web/static/build/govuk-frontend.min.js", "application/default_profile.toml",
                 "cli/gunicorn_config.py"):
        assert name in names
    assert any(name.startswith("application/documents/templates/letters/") for name in names)


def test_from_a_clean_virtualenv_the_built_wheel_alone_serves_the_product(
    database: Database, schema: str, tmp_path: Path, wheel: Path
):
    program = install(wheel, tmp_path / "venv")
    run_here = tmp_path / "elsewhere"
    run_here.mkdir()
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update({"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COMMUNITY_TRIGGER_PASSWORD": PASSWORD,
                "COMMUNITY_TRIGGER_SECRET_KEY": "k" * 40, "COMMUNITY_TRIGGER_WORKERS": "1"})

    def command(*args: str) -> str:
        done = subprocess.run([str(program), *args], env=env, cwd=run_here, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout
    located = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-c", "import web; print(web.__file__)"],
                             env=env, cwd=run_here, capture_output=True, text=True, check=True).stdout
    command("migrate")
    command("users", "add", "admin", "--role", "administrator", "--name", "Ada Admin", "--email", "ada@example.org")

    with subprocess.Popen([str(program), "web", "--production", "--port", str(port)], env=env, cwd=run_here,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            public = wait_for(f"{base}/apply", server)
            stylesheet = fetch(f"{base}/static/build/application.css")
            api = fetch(f"{base}/api/openapi.json")
            healthy = fetch(f"{base}/healthz")
            signed_in = sign_in(base)
        finally:
            server.terminate()
            log = server.communicate(timeout=60)[0]

    assert located.startswith(str(tmp_path / "venv")), located
    assert "<title>Apply for" in public
    assert "govuk-" in stylesheet
    assert '"openapi"' in api
    assert "alive" in healthy
    assert "Ada Admin" in signed_in
    assert "gunicorn" in log.lower()
    assert '"status": 200' in log  # the JSON access log


def fetch(url: str, opener: urllib.request.OpenerDirector | None = None, **headers: str) -> str:
    with (opener or urllib.request.build_opener()).open(urllib.request.Request(url, headers=headers),
                                                        timeout=60) as response:
        return response.read().decode()


def wait_for(url: str, server: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + 180
    while True:
        try:
            return fetch(url)
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                pytest.fail(f"the server stopped: {server.stdout.read()}")  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the server did not answer within 180 s"
            time.sleep(0.3)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def sign_in(base: str) -> str:
    """Sign in through the form (the session cookie is Secure, so it is carried by hand over plain http) and
    return the home page."""
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(f"{base}/sign-in", timeout=60) as form:
        cookie = form.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.read().decode()).group(1)  # type: ignore[union-attr]
    request = urllib.request.Request(f"{base}/sign-in", urllib.parse.urlencode(
        {"csrf_token": token, "username": "admin", "password": PASSWORD}).encode(), headers={"Cookie": cookie})
    with pytest.raises(urllib.error.HTTPError) as redirect:  # NoRedirect: a 302 arrives as an HTTPError
        opener.open(request, timeout=60)
    with redirect.value:
        assert redirect.value.code == 302, redirect.value.read().decode()
        cookie = redirect.value.headers["Set-Cookie"].split(";")[0]
    return fetch(f"{base}/", opener, Cookie=cookie)
