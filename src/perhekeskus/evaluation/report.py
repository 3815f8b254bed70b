"""The evaluation report as a PDF, with WeasyPrint, for a cooperation meeting of the county and
its municipalities.

The report's HTML carries its own styles and draws its charts as inline SVG, so nothing is
fetched: a document made from the indicators can never make the server request a URL.
"""

from typing import Any


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the evaluation report fetches nothing ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    # Imported here: Pango is loaded on first use, so the rest of the app starts without it.
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_refuse, base_url=None)
    return document.write_pdf() or b""
