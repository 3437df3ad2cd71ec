"""The bandwidth chart as inline SVG: the range, the median and every region as a point.

Built as a string with escaped text so that the same chart serves the page and the SVG
download; no scripts, no styles (presentation attributes only, CSP-safe), no external URLs.
Colour never carries meaning alone: the own region is a larger square and is named.
"""

from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from .selectors.bandwidth import Figure

WIDTH = 640
PAD = 24
HEIGHT = 88
AXIS_Y = 56


def format_number(value: Decimal) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00")


def _x(value: Decimal, top: Decimal) -> float:
    if top <= 0:
        return float(PAD)
    return PAD + float(value / top) * (WIDTH - 2 * PAD)


def bandwidth_svg(figure: Figure, *, chart_id: str, standalone: bool = False) -> str:
    """One figure's distribution; `chart_id` ties <title>/<desc> to aria-labelledby."""
    title = f"{figure.indicator.label}: {figure.spec['label']} ({figure.unit})"
    stats = figure.stats
    if stats is not None:
        desc = _(
            "%(n)s regions; minimum %(min)s, median %(median)s, maximum %(max)s. "
            "The table next to the chart lists every region."
        ) % {
            "n": stats.n,
            "min": format_number(stats.minimum),
            "median": format_number(stats.median),
            "max": format_number(stats.maximum),
        }
    else:
        desc = _("No finalised figures.")
    top = max([p.value for p in figure.points], default=Decimal(0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="bandwidth-chart"'
        + (f' width="{WIDTH}" height="{HEIGHT}"' if standalone else "")
        + ">",
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<line x1="{PAD}" y1="{AXIS_Y}" x2="{WIDTH - PAD}" y2="{AXIS_Y}" '
        'stroke="#6b6b6b" stroke-width="1"/>',
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="11" fill="#333">0</text>',
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="11" fill="#333" '
        f'text-anchor="end">{escape(format_number(top))}</text>',
    ]
    if stats is not None:
        x1, x2, xm = (_x(v, top) for v in (stats.minimum, stats.maximum, stats.median))
        parts += [
            f'<rect x="{x1:.1f}" y="{AXIS_Y - 14}" width="{max(x2 - x1, 1):.1f}" height="28" '
            'fill="#d6e4f5" stroke="#1f4e8c"><title>'
            + escape(_("range from minimum to maximum"))
            + "</title></rect>",
            f'<line x1="{xm:.1f}" y1="{AXIS_Y - 18}" x2="{xm:.1f}" y2="{AXIS_Y + 18}" '
            'stroke="#000" stroke-width="3"><title>'
            + escape(_("median: %(value)s") % {"value": format_number(stats.median)})
            + "</title></line>",
            f'<text x="{xm:.1f}" y="{AXIS_Y - 22}" font-size="11" text-anchor="middle" '
            f'fill="#000">{escape(_("median"))}</text>',
        ]
    for point in figure.points:
        x = _x(point.value, top)
        label = f"{point.entry.region.name}: {format_number(point.value)}"
        if not point.entry.is_final:
            label += " " + _("(concept, not counted)")
        if point.entry.is_own:
            parts.append(
                f'<rect x="{x - 6:.1f}" y="{AXIS_Y - 6}" width="12" height="12" fill="#c2410c" '
                f'stroke="#000"><title>{escape(label)}</title></rect>'
                f'<text x="{x:.1f}" y="{AXIS_Y + 30}" font-size="11" text-anchor="middle" '
                f'fill="#000">{escape(point.entry.region.name)}</text>'
            )
        else:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{AXIS_Y}" r="4" fill="#1f4e8c" fill-opacity="0.7">'
                f"<title>{escape(label)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)
