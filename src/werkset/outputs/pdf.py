"""The report as an accessible PDF: WeasyPrint on the print view's HTML.

Tagged PDF/UA-1 (structure tree, document language nl, title in the metadata), A4, fonts
from the server embedded. Nothing is fetched: the HTML is standalone and a refusing URL
fetcher guarantees that a link in report text can never make the server fetch anything.
"""

from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from werkset.reports.models import Report

from .story import report_html
from .variants import DEFAULT_VARIANT

PDF_OPTIONS: dict[str, Any] = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}


class _StandaloneFetcher(URLFetcher):
    """Only data: URLs (the report's own images, embedded in the HTML) are read."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"Documents are standalone; not fetching {url!r}.")
        return super().fetch(url, headers)


def html_to_pdf(*, html: str) -> bytes:
    """Render standalone HTML with the document's PDF options (also used to time WeasyPrint)."""
    fetcher = _StandaloneFetcher(allowed_protocols={"data"})
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(**PDF_OPTIONS)
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return bytes(pdf)


def report_pdf(*, report: Report, variant: str = DEFAULT_VARIANT) -> bytes:
    """The region's report as a tagged A4 PDF; marked CONCEPT on every page until final."""
    return html_to_pdf(html=report_html(report=report, variant=variant))
