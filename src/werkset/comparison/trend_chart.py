"""The trend charts as inline SVG: a region's own value per period as a line, beside the
national median (a dashed line) with the national range (a whisker) per period.

The geometry and the text summary are computed here; the markup is the Jinja2 template
comparison/_trend_chart.svg. Colour never carries meaning alone: the own value is a solid
line with squares, the national median a dashed line with circles, and a legend names both.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from markupsafe import Markup

from .charts import format_number
from .statistics import Distribution

WIDTH = 640
HEIGHT = 220
LEFT = 64
RIGHT = 24
TOP = 36
BOTTOM = 40
INSET = 20


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    label: str


@dataclass(frozen=True)
class Whisker:
    x: str
    y1: str
    y2: str
    label: str


@dataclass(frozen=True)
class TrendChart:
    """What the template draws, as plain strings (kept with the trend's tables)."""

    chart_id: str
    title: str
    desc: str
    top_label: str
    x_labels: list[tuple[str, str]]
    own_lines: list[str]
    own_points: list[ChartPoint]
    national_lines: list[str]
    national_points: list[ChartPoint]
    whiskers: list[Whisker]
    own_name: str
    svg: str = ""  # the drawn chart (trend_svg), kept beside the geometry
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM


def summary(
    periods: Sequence[str],
    own: Sequence[Decimal | None],
    national: Sequence[Distribution | None],
    *,
    subject: str,
    absent: str | None = None,
) -> str:
    """One or two sentences: how the own value and the national median went (`absent`:
    what to say when there is no own value, if not that the region has none)."""
    known = [(p, v) for p, v in zip(periods, own, strict=True) if v is not None]
    values = {
        "first": known[0][0] if known else "",
        "last": known[-1][0] if known else "",
        "start": format_number(known[0][1]) if known else "",
        "end": format_number(known[-1][1]) if known else "",
        "subject": subject,
    }
    if not known:
        text = absent if absent is not None else _("The region has no value in any period.")
    elif len(known) == 1:
        text = _("Only in %(first)s is there a value: %(start)s.") % values
    elif known[-1][1] > known[0][1]:
        text = _("From %(first)s to %(last)s %(subject)s rose from %(start)s to %(end)s.") % values
    elif known[-1][1] < known[0][1]:
        text = _("From %(first)s to %(last)s %(subject)s fell from %(start)s to %(end)s.") % values
    else:
        text = _("From %(first)s to %(last)s %(subject)s stayed at %(start)s.") % values
    medians = [(p, st.median) for p, st in zip(periods, national, strict=True) if st]
    if len(medians) >= 2:
        text += " " + _(
            "The national median went from %(start)s (%(first)s) to %(end)s (%(last)s)."
        ) % {
            "start": format_number(medians[0][1]),
            "first": medians[0][0],
            "end": format_number(medians[-1][1]),
            "last": medians[-1][0],
        }
    return text


def trend_chart(
    *,
    chart_id: str,
    title: str,
    periods: Sequence[str],
    own: Sequence[Decimal | None],
    national: Sequence[Distribution | None] | None = None,
    subject: str,
    own_name: str,
    scale_top: Decimal | None = None,
    absent: str | None = None,
) -> TrendChart | None:
    """The chart of one series over the periods (oldest first), with its summary as desc;
    None when there is nothing to draw (the table says so)."""
    national = list(national) if national is not None else [None] * len(periods)
    order = sorted(range(len(periods)), key=lambda i: periods[i])
    periods = [periods[i] for i in order]
    own = [own[i] for i in order]
    national = [national[i] for i in order]
    candidates = [v for v in own if v is not None] + [st.maximum for st in national if st]
    top = scale_top if scale_top is not None else max(candidates, default=Decimal(0))
    # the first and last period stand a little inside the axes
    start, span = LEFT + INSET, WIDTH - LEFT - RIGHT - 2 * INSET
    step = span / (len(periods) - 1) if len(periods) > 1 else 0.0
    xs = [start + (i * step if len(periods) > 1 else span / 2) for i in range(len(periods))]

    def y(value: Decimal) -> float:
        height = HEIGHT - TOP - BOTTOM
        if top <= 0:
            return float(HEIGHT - BOTTOM)
        return HEIGHT - BOTTOM - float(value / top) * height

    def lines(values: Sequence[Decimal | None]) -> list[str]:
        found: list[str] = []
        current: list[str] = []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                if len(current) > 1:
                    found.append(" ".join(current))
                current = []
                continue
            current.append(f"{x:.1f},{y(value):.1f}")
        if len(current) > 1:
            found.append(" ".join(current))
        return found

    medians = [st.median if st else None for st in national]
    own_points = [
        ChartPoint(f"{x:.1f}", f"{y(v):.1f}", f"{p}: {own_name} {format_number(v)}")
        for x, p, v in zip(xs, periods, own, strict=True)
        if v is not None
    ]
    national_points = [
        ChartPoint(
            f"{x:.1f}",
            f"{y(v):.1f}",
            f"{p}: " + _("national median %(value)s") % {"value": format_number(v)},
        )
        for x, p, v in zip(xs, periods, medians, strict=True)
        if v is not None
    ]
    whiskers = [
        Whisker(
            f"{x:.1f}",
            f"{y(st.minimum):.1f}",
            f"{y(st.maximum):.1f}",
            f"{p}: "
            + _("national %(minimum)s to %(maximum)s, n = %(n)s")
            % {
                "minimum": format_number(st.minimum),
                "maximum": format_number(st.maximum),
                "n": st.n,
            },
        )
        for x, p, st in zip(xs, periods, national, strict=True)
        if st is not None
    ]
    if not own_points and not national_points:
        return None
    chart = TrendChart(
        chart_id=chart_id,
        title=title,
        desc=summary(periods, own, national, subject=subject, absent=absent),
        top_label=format_number(top),
        x_labels=[(f"{x:.1f}", p) for x, p in zip(xs, periods, strict=True)],
        own_lines=lines(own),
        own_points=own_points,
        national_lines=lines(medians),
        national_points=national_points,
        whiskers=whiskers,
        own_name=own_name,
    )
    return replace(chart, svg=trend_svg(chart))


def trend_svg(chart: TrendChart) -> Markup:
    """The chart as inline SVG, made once with the trend's tables and kept with them."""
    rendered = render_to_string("comparison/_trend_chart.svg", {"c": chart}, using="jinja2")
    return Markup(rendered)  # noqa: S704 (the template escaped every value)
