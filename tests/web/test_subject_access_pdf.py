"""The subject access export as a PDF, linked from the export page: it holds the requester's details and not
another person's."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.test_privacy_pages import record_request


def test_the_export_downloads_as_a_pdf_with_the_requester_s_name_and_not_the_applicant_s(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Any) -> None:
    reference = cases.receive(back_office, on_behalf=True)  # Raj Patel applies for the victim Ann Smith
    project()
    officer = signed_in("officer")
    response = record_request(officer, name="Ann Smith", address="12 High Street, Dartford",
                              received_on="2026-11-20")
    request_path = response.headers["Location"]
    officer.post(f"{request_path}/records", data={"csrf_token": csrf_token(officer, request_path), "subjects": "p-1"})

    page = parse(officer.get(f"{request_path}/export"))
    link = page.soup.find("a", string="Download it as a PDF")
    assert link is not None
    assert link["href"] == f"{request_path}/export.pdf"

    pdf = officer.get(link["href"])
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(pdf.get_data()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Ann Smith" in text
    assert "12 High Street" in text
    assert reference in text
    assert "Raj Patel" not in text
    assert "councillor" not in text
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    log = back_office.privacy.access_entries(reference=reference, username="officer")
    assert [e.what for e in log].count("subject access export") == 2  # the page and the PDF
