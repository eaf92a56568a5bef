"""Protection of the public form: rate limits per address (sending applications, posting pages), a
request body limit, a honeypot and CSRF; each refusal is a friendly page and records nothing."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from infrastructure.rate_limits import RateLimiter
from tests.web.conftest import Page, csrf_token, parse
from tests.web.pages import assert_well_formed
from tests.web.test_public_journey import ME, answer, draft_rows, fill_in, get, post, send
from web.context import KEY as SERVICES
from web.public.limits import PAGE_POSTS, SUBMISSIONS
from web.public.state import KEY, now

ADDRESS = "127.0.0.1"  # the Flask test client's remote address


def limiter(app: Flask) -> RateLimiter:
    found: RateLimiter = app.extensions[KEY].limiter
    return found


def friendly(page: Page, status: int, h1: str) -> None:
    assert page.status == status
    assert_well_formed(page)
    assert page.h1 == h1
    assert "Nothing was saved" in page.text() or "was not saved" in page.text()


def test_a_sixth_application_from_one_address_within_an_hour_is_refused_and_the_answers_kept(
        client: FlaskClient, app: Flask, back_office: BackOffice) -> None:
    fill_in(client)
    for _ in range(SUBMISSIONS.limit):
        assert limiter(app).allow(ADDRESS, SUBMISSIONS, now())
    before = back_office.event_count()

    page = parse(post(client, "/apply/check", {}))

    friendly(page, 429, "You have sent too many applications")
    assert "Try again in an hour" in page.text()
    assert back_office.event_count() == before
    assert get(client, "/apply/check").h1 == "Check your answers before sending your application"


def test_the_application_limit_counts_each_address_and_each_hour_apart(app: Flask, schema: str) -> None:
    rate = RateLimiter(app.extensions[SERVICES].pool, schema)
    start = now()

    assert all(rate.allow("10.0.0.1", SUBMISSIONS, start) for _ in range(SUBMISSIONS.limit))
    assert not rate.allow("10.0.0.1", SUBMISSIONS, start + timedelta(minutes=59))
    assert rate.allow("10.0.0.2", SUBMISSIONS, start)
    assert rate.allow("10.0.0.1", SUBMISSIONS, start + timedelta(hours=1))


def test_too_many_page_posts_from_one_address_are_refused_and_change_nothing(
        client: FlaskClient, app: Flask) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    for _ in range(PAGE_POSTS.limit):
        limiter(app).allow(ADDRESS, PAGE_POSTS, now())

    page = parse(post(client, "/apply/your-details", ME))

    friendly(page, 429, "You have sent too many forms")
    assert "Try again in 10 minutes" in page.text()
    assert get(client, "/apply/your-details").soup.find("input", attrs={"name": "name"}).get("value", "") == ""


def test_a_body_over_64_kb_is_refused_with_a_friendly_page_and_records_nothing(
        client: FlaskClient, app: Flask) -> None:
    answer(client, "/apply/who", {"basis": "self"})

    page = parse(post(client, "/apply/problem", {"kind": "noise", "location": "Here",
                                                 "description": "x" * (65 * 1024)}))

    friendly(page, 413, "Your answers are too long to send")
    assert draft_rows(app) == 1
    assert get(client, "/apply/problem").soup.find("input", attrs={"name": "kind"}).get("value", "") == ""


def test_a_big_body_cannot_start_or_send_an_application(client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client)
    before = back_office.event_count()

    friendly(parse(post(client, "/apply/check", {"padding": "x" * (65 * 1024)})), 413,
             "Your answers are too long to send")
    friendly(parse(post(client, "/apply/who", {"basis": "self", "padding": "x" * (65 * 1024)})), 413,
             "Your answers are too long to send")
    friendly(parse(client.post("/apply/who", data={"padding": "x" * (65 * 1024)})), 413,
             "Your answers are too long to send")  # refused before the body is read, even for its CSRF token
    assert back_office.event_count() == before


def test_a_filled_in_honeypot_is_refused_and_records_nothing(
        client: FlaskClient, app: Flask, back_office: BackOffice) -> None:
    first = get(client, "/apply/who")
    honeypot = first.soup.find("input", attrs={"name": "website"})
    assert honeypot["tabindex"] == "-1"
    assert "Leave this box empty" in first.soup.find("label", attrs={"for": "website"}).get_text()

    friendly(parse(post(client, "/apply/who", {"basis": "self", "website": "http://spam.example"})), 400,
             "Your form could not be sent")
    assert draft_rows(app) == 0

    fill_in(client)
    before = back_office.event_count()
    friendly(parse(post(client, "/apply/check", {"website": "spam"})), 400, "Your form could not be sent")
    assert back_office.event_count() == before


def test_a_form_without_its_csrf_token_is_refused(client: FlaskClient, app: Flask) -> None:
    page = parse(client.post("/apply/who", data={"basis": "self"}))

    assert page.status == 400
    assert page.h1 == "Your form could not be sent"
    assert draft_rows(app) == 0


def test_each_form_carries_the_csrf_token_and_the_honeypot(client: FlaskClient) -> None:
    fill_in(client, basis="behalf")
    urls = ["/apply/who", "/apply/your-details", "/apply/victim", "/apply/problem", "/apply/hostility",
            "/apply/hostility-about", "/apply/incidents", "/apply/incidents/add", "/apply/incidents/1",
            "/apply/incidents/1/remove", "/apply/consent", "/apply/check"]
    token = csrf_token(client, "/apply/who")

    for url in urls:
        form = get(client, url).soup.find("form", attrs={"method": "post"})
        assert form.find("input", attrs={"name": "csrf_token"})["value"], url
        assert form.find("input", attrs={"name": "website"}) is not None, url
    assert token
    send(client)

