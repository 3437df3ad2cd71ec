"""The report as an accessible PDF: WeasyPrint on the print view's HTML.

Tagged PDF/UA-1 (structure tree, document language nl, title in the metadata), A4, fonts
from the server embedded. Nothing is fetched: the HTML is standalone and a refusing URL
fetcher guarantees that a link in report text can never make the server fetch anything.
"""

from typing import Any, NoReturn

from weasyprint import HTML

from werkset.reports.models import Report

from .document import document_print_html, report_document

PDF_OPTIONS: dict[str, Any] = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"Documents are standalone; not fetching {url!r}.")


def html_to_pdf(*, html: str) -> bytes:
    """Render standalone HTML with the document's PDF options (also used to time WeasyPrint)."""
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(**PDF_OPTIONS)
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return bytes(pdf)


def report_pdf(*, report: Report) -> bytes:
    """The region's report as a tagged A4 PDF; marked CONCEPT on every page until final."""
    return html_to_pdf(html=document_print_html(document=report_document(report=report)))
