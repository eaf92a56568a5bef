"""The web interface over a real BackOffice and PostgreSQL schema, with users of every role and the
read models built by the projector."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from application.backoffice import BackOffice
from domain.user import Role
from infrastructure.storage import Database
from projections.projector import Projector
from web.app import close_app, create_app

PASSWORD = "a long enough passphrase"
USERS = {"officer": Role.OFFICER, "manager": Role.MANAGER, "agency": Role.AGENCY_CONTACT,
         "auditor": Role.AUDITOR, "admin": Role.ADMINISTRATOR, "review": Role.REVIEW_BODY}


@pytest.fixture
def app(back_office: BackOffice, database: Database, schema: str) -> Iterator[Flask]:
    for username, role in USERS.items():
        back_office.accounts.register_user(username, display_name=f"{username.title()} User",
                                           email=f"{username}@example.gov.uk", roles=[role], password=PASSWORD,
                                           actor="setup")
    back_office.accounts.assign_review_body("review", body=back_office.profile.routes.decision.body, actor="setup")
    app = create_app(back_office, database, schema, config={"TESTING": True, "SECRET_KEY": "test secret key"})
    yield app
    close_app(app)


@pytest.fixture
def project(back_office: BackOffice, database: Database, schema: str) -> Iterator[Callable[[], None]]:
    """Brings the read models up to date with the events recorded so far."""
    with database.connect() as conn:
        projector = Projector(back_office, conn, schema)
        yield projector.catch_up


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@dataclass
class Page:
    response: TestResponse
    soup: BeautifulSoup

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True) if self.soup.title else ""

    @property
    def h1(self) -> str:
        return self.soup.find("h1").get_text(strip=True)

    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())


def parse(response: TestResponse) -> Page:
    return Page(response, BeautifulSoup(response.get_data(as_text=True), "html.parser"))


def csrf_token(client: FlaskClient, url: str = "/sign-in") -> str:
    form_page = parse(client.get(url))
    field = form_page.soup.find("input", attrs={"name": "csrf_token"})
    assert field is not None, f"no CSRF token on {url}"
    return str(field["value"])


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD, **query: Any) -> TestResponse:
    token = csrf_token(client)
    return client.post("/sign-in", query_string=query,
                       data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture
def signed_in(client: FlaskClient) -> Callable[[str], FlaskClient]:
    def as_user(username: str) -> FlaskClient:
        response = sign_in(client, username)
        assert response.status_code == 302, parse(response).text()
        return client

    return as_user
