"""Signing in with the council's identity provider, end to end: a real OpenID provider (``oidc-provider-mock``) on
loopback, the back office on loopback, and Chromium between them. The provider's users carry the claims each case
needs; the refusals are real ID tokens signed by the provider that Authlib's checks (and ours) turn away:

* wrong audience: the user's claims set ``aud`` to another service (with our client id as ``azp``, which
  Authlib's default check alone would let through); the provider signs what the user's claims say.
* expired: the user's claims set ``exp`` an hour before the test starts.
* unknown group: the user is only in a group the profile does not map.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import oidc_provider_mock
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from application.users import UserNotFoundError
from domain.user import Role
from infrastructure.oidc_settings import OidcSettings
from tests.browser.conftest import LiveServer, axe_violations

pytestmark = pytest.mark.browser

CLIENT_ID = "community-trigger"
MANAGERS = "community-trigger-managers"  # the default profile gives this group the manager and officer roles


def person(sub: str, username: str, groups: list[str], **more: Any) -> oidc_provider_mock.User:
    return oidc_provider_mock.User(sub=sub, claims={
        "preferred_username": f"{username}@dartford.gov.uk", "email": f"{username}@dartford.gov.uk",
        "name": username.replace(".", " ").title(), "groups": groups, **more})


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The provider at http://localhost:<port>, requiring a nonce, with one user per case."""
    an_hour_ago = int(time.time()) - 3600
    users = [
        person("sub-aisha", "a.khan", [MANAGERS, "staff-canteen"]),
        person("sub-wrong-audience", "w.audience", [MANAGERS], aud="another-service", azp=CLIENT_ID),
        person("sub-expired", "e.xpired", [MANAGERS], exp=an_hour_ago),
        person("sub-no-group", "n.ogroup", ["staff-canteen"]),
    ]
    with oidc_provider_mock.run_server_in_thread(require_nonce=True, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def live_config(provider: str, request: pytest.FixtureRequest) -> dict[str, Any]:
    """The provider, with local passwords off (or on, given ``indirect`` "passwords on")."""
    passwords = getattr(request, "param", "passwords off") == "passwords on"
    return {"OIDC": OidcSettings(issuer=provider, client_id=CLIENT_ID, client_secret="test secret",
                                 local_passwords=passwords)}


def _loopback_only(route: Route) -> None:
    """The provider's pages link a stylesheet on the internet: nothing leaves the machine."""
    host = route.request.url.split("/")[2].split(":")[0]
    if host in ("localhost", "127.0.0.1"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def context(browser: Browser, live: LiveServer) -> Iterator[BrowserContext]:
    opened = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 900})
    opened.set_default_timeout(10_000)
    opened.route("**/*", _loopback_only)
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def sign_in_at_provider(page: Page, subject: str) -> None:
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in with your Dartford Borough Council account").click()
    page.wait_for_url("http://localhost:*/oauth2/authorize?*")
    page.get_by_role("button", name=subject, exact=True).click()


def no_session(page: Page) -> None:
    page.goto("/cases")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/cases$"))


def test_a_manager_signs_in_with_the_provider_gets_roles_from_their_group_and_signs_out_there_too(
    page: Page, live: LiveServer, caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.INFO, logger="community_trigger.security")
    page.goto("/sign-in")
    expect(page.get_by_label("Password", exact=True)).to_have_count(0)  # local passwords are switched off
    assert axe_violations(page) == []

    sign_in_at_provider(page, "sub-aisha")

    page.wait_for_url(f"{live.url}/")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases")).to_be_visible()
    account = live.back_office.accounts.get_account("a.khan")
    assert account.roles == frozenset({Role.MANAGER, Role.OFFICER})
    assert (account.display_name, account.email) == ("A Khan", "a.khan@dartford.gov.uk")
    assert any(r.getMessage() == "sign-in succeeded" and r.__dict__.get("username") == "a.khan"
               for r in caplog.records)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("http://localhost:*/oauth2/end_session?*")  # the provider's own sign-out
    assert f"client_id={CLIENT_ID}" in page.url
    page.get_by_role("button", name="End session").click()

    page.wait_for_url(f"{live.url}/sign-in")
    expect(page.get_by_text("You have signed out of the back office and of your Dartford Borough Council "
                            "account.")).to_be_visible()
    no_session(page)


def test_a_second_sign_in_finds_the_same_account_and_records_nothing_new(page: Page, live: LiveServer):
    sign_in_at_provider(page, "sub-aisha")
    page.wait_for_url(f"{live.url}/")
    events = live.back_office.event_count()
    page.context.clear_cookies()

    sign_in_at_provider(page, "sub-aisha")

    page.wait_for_url(f"{live.url}/")
    assert live.back_office.event_count() == events


@pytest.mark.parametrize(("subject", "message"), [
    ("sub-wrong-audience", "The identity provider's answer was meant for another service, not this back office"),
    ("sub-expired", "The identity provider's answer had expired before it reached the back office"),
    ("sub-no-group", "You are not in a group that gives access to the Community Trigger back office"),
])
def test_a_refused_sign_in_says_why_on_the_sign_in_page_starts_no_session_and_makes_no_account(
    page: Page, live: LiveServer, subject: str, message: str,
):
    events = live.back_office.event_count()

    sign_in_at_provider(page, subject)

    page.wait_for_url(f"{live.url}/sign-in/provider/callback?*")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    no_session(page)
    assert live.back_office.event_count() == events
    with pytest.raises(UserNotFoundError):
        live.back_office.accounts.get_account(subject.removeprefix("sub-").replace("-", "."))


@pytest.mark.parametrize("live_config", ["passwords off", "passwords on"], indirect=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_sign_in_page_with_the_provider_fits_the_screen_and_works_by_keyboard(page: Page, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/sign-in")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    button = page.get_by_role("button", name="Sign in with your Dartford Borough Council account")
    for _ in range(30):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("http://localhost:*/oauth2/authorize?*")
