"""The bandwidth chart as inline SVG: the range, the median and every region as a point.

The geometry is computed here; the markup is the Jinja2 template
comparison/_bandwidth_chart.svg, so that the same chart serves the page and the SVG
download. Colour never carries meaning alone: the own region is a larger square and is named.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from markupsafe import Markup

from .selectors.bandwidth import Figure
from .selectors.networks import NetworkEntry

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


@dataclass(frozen=True)
class _Range:
    x1: str
    width: str
    xm: str
    median_label: str


@dataclass(frozen=True)
class _Point:
    x: str
    x_minus_6: str
    label: str
    region: str
    own: bool


@dataclass(frozen=True)
class _Chart:
    chart_id: str
    standalone: bool
    title: str
    desc: str
    top_label: str
    range: _Range | None
    points: list[_Point]
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD
    axis_y: int = AXIS_Y


def _chart(figure: Figure, *, chart_id: str, standalone: bool) -> _Chart:
    stats = figure.stats
    per_network = any(isinstance(p.entry, NetworkEntry) for p in figure.points)
    if stats is not None:
        desc = (
            _(
                "%(n)s regional networks; minimum %(min)s, median %(median)s, maximum "
                "%(max)s. The table next to the chart lists every network."
            )
            if per_network
            else _(
                "%(n)s regions; minimum %(min)s, median %(median)s, maximum %(max)s. "
                "The table next to the chart lists every region."
            )
        ) % {
            "n": stats.n,
            "min": format_number(stats.minimum),
            "median": format_number(stats.median),
            "max": format_number(stats.maximum),
        }
    else:
        desc = _("No finalised figures.")
    top = max([p.value for p in figure.points], default=Decimal(0))
    span = None
    if stats is not None:
        x1, x2, xm = (_x(v, top) for v in (stats.minimum, stats.maximum, stats.median))
        span = _Range(
            f"{x1:.1f}", f"{max(x2 - x1, 1):.1f}", f"{xm:.1f}", format_number(stats.median)
        )
    points = []
    for point in figure.points:
        x = _x(point.value, top)
        label = f"{point.entry.name}: {format_number(point.value)}"
        if not point.entry.is_final:
            label += " " + _("(concept, not counted)")
        points.append(
            _Point(f"{x:.1f}", f"{x - 6:.1f}", label, point.entry.name, point.entry.is_own)
        )
    return _Chart(
        chart_id=chart_id,
        standalone=standalone,
        title=f"{figure.indicator.label}: {figure.spec['label']} ({figure.unit})",
        desc=desc,
        top_label=format_number(top),
        range=span,
        points=points,
    )


def bandwidth_svg(figure: Figure, *, chart_id: str, standalone: bool = False) -> Markup:
    """One figure's distribution; `chart_id` ties <title>/<desc> to aria-labelledby."""
    chart = _chart(figure, chart_id=chart_id, standalone=standalone)
    rendered = render_to_string("comparison/_bandwidth_chart.svg", {"c": chart}, using="jinja2")
    return Markup(rendered)  # noqa: S704 (the template escaped every value)
