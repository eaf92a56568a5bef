"""Checks every page of the web interface must pass (GOV.UK page conventions)."""

from __future__ import annotations

from collections import Counter

from tests.web.conftest import Page

PARTNERSHIP = "Dartford Community Safety Partnership"


def assert_well_formed(page: Page) -> None:
    """One h1; the title is the h1 and the partnership ("Error: " first when the page has errors);
    unique ids; the skip link first; the partnership's name in a header without the GOV.UK crown."""
    headings = page.soup.find_all("h1")
    assert len(headings) == 1, f"{len(headings)} <h1> elements"
    summary = page.soup.select_one(".govuk-error-summary")
    prefix = "Error: " if summary else ""
    assert page.title == f"{prefix}{page.h1} – {PARTNERSHIP}"
    ids = Counter(element["id"] for element in page.soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    first_link = page.soup.body.find("a")
    assert first_link["href"] == "#main-content"
    assert "govuk-skip-link" in first_link["class"]
    header = page.soup.find("header")
    assert PARTNERSHIP in header.get_text()
    assert header.find("svg") is None
    assert "crown" not in str(header).lower()
    if summary:
        main = page.soup.find("main")
        assert main.find(True) is summary, "the error summary must come first in the main content"


def assert_refused_on_field(page: Page, field: str, message: str) -> None:
    """A form sent back (400), well formed, whose error summary links to ``field`` with ``message``, and
    the field is on the page."""
    assert page.status == 400
    assert_well_formed(page)
    link = page.soup.select_one(".govuk-error-summary__list a")
    assert link["href"] == f"#{field}"
    assert message in link.get_text()
    assert page.soup.find(id=field) is not None
