"""The JSON API (blueprint ``api``, under /api): every BackOffice command and query, validated by
marshmallow schemas, described by an OpenAPI document generated from them (/api/openapi.json) with
interactive documentation (/api/docs), bearer-token authentication for officers, and errors as
application/problem+json. ``create_app`` registers ``blueprint`` and calls ``install``."""

from __future__ import annotations

from web.api import commands, docs, openapi, queries  # noqa: F401  (each adds its routes to the blueprint)
from web.api.base import blueprint
from web.api.problems import install

__all__ = ["blueprint", "install"]
