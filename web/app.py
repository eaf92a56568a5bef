"""The Flask app factory: the only place the web interface is put together. Nothing happens at
import time; the CLI (``community-trigger web``) or a WSGI server's factory call builds it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, request, url_for
from flask_wtf.csrf import CSRFProtect
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from jinja2.bccache import Bucket
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.sign_in_throttle import SignInThrottle
from domain.text import shown_value
from domain.user import Role
from infrastructure.storage import POOL_TIMEOUT, Database, PingedWhenIdle
from web import (
    agency,
    api,
    auth,
    cases,
    dashboard,
    erasure,
    errors,
    health,
    navigation,
    notes,
    oidc,
    people,
    privacy,
    public,
    review_body,
    search,
    security,
    steps,
    users,
    views,
)
from web.access import ADMINISTRATORS, CASE_READERS, EVERYONE, current_account, load_account, may
from web.context import KEY, Services

NAVIGATION = (("dashboard.home", "Home", EVERYONE), ("dashboard.open_cases", "Cases", CASE_READERS),
              ("search.find_case", "Find a case", CASE_READERS),
              ("steps.new_application", "New application", steps.CASEWORKERS),
              ("views.annual_report", "Report", CASE_READERS), ("views.audit_trail", "Audit trail", CASE_READERS),
              ("privacy.subject_access_list", "Subject access", privacy.SAR_READERS),
              ("privacy.access_log", "Access log", privacy.ACCESS_LOG_READERS),
              ("users.list_users", "Users", ADMINISTRATORS),
              ("dashboard.retention_list", "Retention", dashboard.RETENTION_READERS),
              ("agency.requests", "Your agency's requests", agency.AGENCY_CONTACTS),
              ("review_body.referred_cases", "Cases referred to your body", review_body.REVIEW_BODIES))


class CompiledTemplates(BytecodeCache):
    """The templates' compiled code, kept for the process: every app built in it (each test builds its own)
    compiles a template once, not once per app. A template whose source changed is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def create_app(back_office: BackOffice, database: Database, schema: str, *,
               config: Mapping[str, Any] | None = None, audit_key: bytes | None = None) -> Flask:
    """The officer web interface over ``back_office``, reading the read models in ``schema`` of
    ``database`` through a small connection pool. ``config`` overrides settings (tests; local http
    with ``SESSION_COOKIE_SECURE=False``)."""
    app = Flask(__name__)
    app.config.update(security.security_config(os.environ, config or {}))
    app.jinja_loader = ChoiceLoader([
        FileSystemLoader(os.path.join(app.root_path, "templates")),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = shown_value  # stored text on a page: control characters as visible escapes
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    pool: ConnectionPool[Any] = PingedWhenIdle(database.url, min_size=1, max_size=app.config.get("POOL_SIZE", 4),
                                               kwargs={"autocommit": True}, open=True, name="web",
                                               timeout=POOL_TIMEOUT)
    throttle = SignInThrottle(pool, schema, app.config["SIGN_IN_THROTTLE"])
    app.extensions[KEY] = Services(back_office, pool, schema, throttle, audit_key)
    CSRFProtect(app).exempt(api.blueprint)  # the API authenticates with bearer tokens, never cookies
    security.install(app)
    oidc.install(app, app.config["OIDC"])  # sign-in with the provider (from the settings, or a test's own)
    health.install(app)  # /healthz, /readyz, /metrics and the request log
    app.before_request(back_office.keys.refresh)  # a key shredded by another process is not used again
    app.before_request(load_account)
    app.context_processor(lambda: page_context(back_office))
    app.add_template_filter(lambda username: people.name_of(username, unset=""), "person")
    app.add_template_global(navigation.service_navigation)
    app.add_template_global(navigation.page_header)
    for blueprint in (api.blueprint,
                      auth.blueprint, dashboard.blueprint, cases.blueprint, users.blueprint, views.blueprint,
                      steps.blueprint, public.blueprint, agency.blueprint, search.blueprint, notes.blueprint,
                      erasure.blueprint, review_body.blueprint):
        app.register_blueprint(blueprint)
    privacy.install(app)  # subject access, rectification, the access log (and recording case views)
    errors.install(app)
    api.install(app)  # problem+json instead of the HTML error pages under /api
    return app


def page_context(back_office: BackOffice) -> dict[str, Any]:
    account = current_account()
    navigation = [{"href": url_for(endpoint), "text": text, "active": request.endpoint == endpoint}
                  for endpoint, text, roles in NAVIGATION if may(roles)] if account else []
    return {"partnership": back_office.profile.name, "account": account, "navigation": navigation,
            "errors": None, "role_labels": {role: role.label for role in Role}}


def close_app(app: Flask) -> None:
    """Close the app's connection pool (the BackOffice belongs to whoever made it)."""
    services: Services = app.extensions[KEY]
    services.pool.close()
