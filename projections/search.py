"""Finding a case: the search index's rows (written by the projector) and the search itself.

The index (``ct_search``) holds, for each case, the keyed hashes of its searchable words
(``domain.search_terms``, ``infrastructure.blind_index``): no name, address or postcode in plain text.
A search matches a reference (or its start, "CT-2026-00") against the case list, and otherwise asks for
the cases holding every word typed, open and closed alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from domain.application import Application
from domain.search_terms import query_terms, searchable_terms
from infrastructure.blind_index import BlindIndex
from projections.case_list import SUMMARY, CaseSummary

_REFERENCE = re.compile(r"^[A-Za-z]{1,10}-\d{4}(-\d{0,6})?$")
MAX_RESULTS = 50


def search_rows(index: BlindIndex, application: Application) -> list[tuple[str, str]]:
    return [(token, application.reference) for token in index.tokens(searchable_terms(application))]


@dataclass(frozen=True)
class Found:
    query: str
    cases: list[CaseSummary]
    more: bool  # more cases matched than are shown

    @property
    def by_reference(self) -> bool:
        return bool(_REFERENCE.match(self.query))


class CaseSearch:
    def __init__(self, conn: psycopg.Connection[Any], schema: str, index: BlindIndex) -> None:
        self.conn, self.ident, self.index = conn, sql.Identifier(schema), index

    def find(self, query: str, limit: int = MAX_RESULTS) -> Found:
        query = query.strip()
        if _REFERENCE.match(query):
            where = sql.SQL("c.reference LIKE %s")
            params: list[Any] = [query.upper().replace("%", "").replace("_", "") + "%"]
        else:
            tokens = [self.index.tokens(list(words)) for words in query_terms(query)]
            if not tokens:
                return Found(query, [], False)
            matching = sql.SQL(" INTERSECT ").join(
                sql.SQL("SELECT reference FROM {s}.ct_search WHERE token = ANY(%s)").format(s=self.ident)
                for _ in tokens)  # each word's cases, from the index's primary key (token, reference)
            where = sql.SQL("c.reference IN ({})").format(matching)
            params = list(tokens)
        with self.conn.cursor(row_factory=class_row(CaseSummary)) as cursor:
            rows = cursor.execute(sql.SQL(
                "SELECT " + SUMMARY + " FROM {s}.ct_cases c WHERE {where} "
                "ORDER BY c.is_open DESC, c.received_on DESC, c.reference LIMIT %s").format(
                    s=self.ident, where=where), [*params, limit + 1]).fetchall()
        return Found(query, rows[:limit], len(rows) > limit)
