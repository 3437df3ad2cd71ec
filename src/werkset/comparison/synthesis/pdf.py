"""The synthesis as an accessible PDF: WeasyPrint on a standalone HTML template, tagged
(PDF/UA-1) as the reports are (outputs/pdf.py). Each bandwidth chart is an image with alt
text, and the table beside it holds the same figures."""

import base64
import dataclasses

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from werkset.outputs.pdf import html_to_pdf

from ..charts import bandwidth_svg
from .figures import Synthesis


def _chart_url(svg: str) -> str:
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _with_charts(synthesis: Synthesis) -> Synthesis:
    """The figures with a chart each where there is something to draw."""
    index = 0
    for section in synthesis.themes:
        lines = []
        for line in section.figures:
            if line.figure.stats is None:
                lines.append(line)
                continue
            index += 1
            svg = bandwidth_svg(line.figure, chart_id=f"chart-{index}", standalone=True)
            alt = _(
                "Bandwidth of %(question)s, %(field)s (%(unit)s): n %(n)s, minimum %(min)s, "
                "median %(median)s, maximum %(max)s. The table below gives the same figures."
            ) % {
                "question": line.question,
                "field": line.field,
                "unit": line.unit,
                "n": line.n,
                "min": line.minimum,
                "median": line.median,
                "max": line.maximum,
            }
            lines.append(dataclasses.replace(line, chart=_chart_url(str(svg)), chart_alt=alt))
        section.figures = lines
    return synthesis


def synthesis_html(*, synthesis: Synthesis) -> str:
    """The standalone HTML of the synthesis (the PDF's input)."""
    inventory = [
        (_("Support needs"), synthesis.support_needs),
        (_("Success factors"), synthesis.success_factors),
    ]
    return render_to_string(
        "comparison/synthesis/synthesis.html",
        {"s": _with_charts(synthesis), "inventory": inventory},
    )


def synthesis_pdf(*, synthesis: Synthesis) -> bytes:
    return html_to_pdf(html=synthesis_html(synthesis=synthesis))
