"""Public-form drafts are stored sealed: the table holds nothing a member of the public typed, and the answers
still come back for the applicant's next page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.test_public_journey import ME, PROBLEM, answer, get
from web.public.state import SESSION_KEY, now, stores


def stored_rows(app: Flask) -> list[str]:
    with app.app_context():
        drafts = stores().drafts
        with drafts.connections.connection() as conn:
            rows = conn.execute(f"SELECT answers::text FROM {drafts.table.as_string(conn)}").fetchall()
    return [next(iter(row.values())) if isinstance(row, dict) else row[0] for row in rows]


def test_a_draft_in_the_table_holds_none_of_the_typed_answers_and_still_reads_back(
        app: Flask, client: FlaskClient) -> None:
    get(client, "/apply")
    answer(client, "/apply/who", {"basis": "self"})
    answer(client, "/apply/your-details", ME)
    answer(client, "/apply/problem", PROBLEM)

    rows = stored_rows(app)
    assert len(rows) == 1
    for typed in ("Ann Smith", "High Street", "Dartford", "01322 343000", "ann@example.com", "Loud music",
                  "noise", "DA1 1DR", "da1 1dr"):
        assert typed not in rows[0]
    assert "sealed" in rows[0]

    with client.session_transaction() as session:
        draft_id = session[SESSION_KEY]
    with app.app_context():
        answers = stores().drafts.load(draft_id, now())
    assert answers is not None
    assert "Ann Smith" in str(answers)
    assert "Loud music every night." in str(answers)
    page = get(client, "/apply/your-details")
    assert "Ann Smith" in [field.get("value") for field in page.soup.select("input")]  # the form shows it again


def test_a_draft_stored_plain_before_sealing_is_still_read(app: Flask) -> None:
    with app.app_context():
        drafts = stores().drafts
        with drafts.connections.connection() as conn:
            conn.execute(f"INSERT INTO {drafts.table.as_string(conn)} (id, answers, expires_at) "
                         "VALUES ('old-plain', '{\"basis\": \"self\"}', now() + interval '1 hour')")
        assert drafts.load("old-plain", now()) == {"basis": "self"}
