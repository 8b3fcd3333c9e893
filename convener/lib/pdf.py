"""HTML to tagged, accessible PDF (PDF/UA-1) with WeasyPrint."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, landscape: bool = False) -> bytes:
    """Render a template made for print into a tagged PDF with bookmarks from its headings."""
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow and only PDFs need it

    html = render_to_string(
        template, {"site_name": settings.SITE_NAME, **context, "paper_size": settings.CONVENER_PAPER_SIZE}
    )
    stylesheet = CSS(filename=finders.find("css/pdf.css"))
    orientation = " landscape" if landscape else ""
    page = CSS(string=f"@page {{ size: {settings.CONVENER_PAPER_SIZE}{orientation}; }}")
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[stylesheet, page], pdf_variant="pdf/ua-1", pdf_identifier=False
    )
