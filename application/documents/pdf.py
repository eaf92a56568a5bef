"""Documents as PDF (WeasyPrint): the letters, on A4 pages as the letter's own print styles lay them out.

The document is rendered from its HTML alone: nothing is fetched (no base URL, so a link or image in stored
text can never make the server request anything)."""

from __future__ import annotations

import gc
import warnings


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"A document asked to fetch {url!r}; documents are rendered from their own HTML only.")


def pdf_of(html: str) -> bytes:
    from weasyprint import HTML  # imported on first use: it loads Pango and takes about a second

    with warnings.catch_warnings():  # the font library leaves files to the garbage collector: collected here
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
        gc.collect()
    return pdf  # type: ignore[no-any-return]
