"""Table cells per region, rendered in Python (ADR 0011).

The side-by-side table holds one cell per indicator and region (25 regions by a theme's
indicators, some hundreds of cells), the bandwidth page a row per region for every figure;
through the template engine every cell cost a dozen variable lookups and tags, two thirds
of the page's time. This module writes the same HTML directly: the markup, texts and
escaping are what comparison/side_by_side.html and bandwidth.html produced before, so the
tables read the same to a screen reader. Change the markup here with the same care as in
a template.
"""

from collections.abc import Sequence
from html import escape
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .charts import format_number
from .selectors import Cell, Entry, Figure, Row


def _cell(cell: Cell, *, not_answered: str, explanation_label: str) -> str:
    answer = cell.answer
    explanation = answer.explanation if answer is not None else ""
    if answer is not None and answer.choice:
        first = f'<span class="choice {escape(cell.choice_css)}">{escape(cell.choice_label)}</span>'
    elif not cell.figures and not explanation:
        first = f'<span class="subtle">{not_answered}</span>'
    else:
        first = ""
    figures = "".join(
        f'<br><span class="subtle">{escape(str(label))}:</span> {escape(str(value))}'
        for label, value in cell.figures
    )
    details = ""
    if explanation:
        details = (
            f"<details><summary>{explanation_label}"
            f'<span class="visually-hidden"> {escape(cell.entry.region.name)}</span></summary>'
            f"{linebreaksbr(explanation, autoescape=True)}</details>"
        )
    return (
        f"\n      <td>\n        {first}\n        {figures}\n        {details}\n      </td>\n      "
    )


def side_by_side_rows_html(rows: Sequence[Row]) -> SafeString:
    """The table body's rows: per indicator a header cell and one cell per region."""
    not_answered = escape(_("not answered"))
    explanation_label = escape(_("Explanation"))
    parts = []
    for row in rows:
        parts.append(
            f'\n    <tr>\n      <th scope="row">{escape(row.indicator.label)}</th>\n      '
        )
        parts.extend(
            _cell(cell, not_answered=not_answered, explanation_label=explanation_label)
            for cell in row.cells
        )
        parts.append("\n    </tr>\n  ")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def side_by_side_head_html(entries: Sequence[Entry]) -> SafeString:
    """The column headers: per region its name, linked to its report, and its marks."""
    yours = escape(_("yours"))
    concept = escape(_("concept"))
    parts = []
    for entry in entries:
        url = reverse("reports:detail", args=[entry.report.pk])
        own = f' <span class="own-mark">({yours})</span>' if entry.is_own else ""
        draft = f' <span class="concept-mark">{concept}</span>' if not entry.is_final else ""
        parts.append(
            f'<th scope="col"><a href="{escape(url)}">{escape(entry.region.name)}</a>'
            f"{own}{draft}</th>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def bandwidth_points_html(figure: Figure) -> SafeString:
    """The rows of a figure's table: per region its value and its marks."""
    yours = escape(_("yours"))
    not_counted = escape(_("concept, not counted"))
    parts = []
    for point in figure.points:
        own = f' <span class="own-mark">({yours})</span>' if point.entry.is_own else ""
        draft = (
            f' <span class="concept-mark">{not_counted}</span>' if not point.entry.is_final else ""
        )
        parts.append(
            f'\n          <tr><th scope="row">{escape(point.entry.region.name)}{own}{draft}</th>'
            f"<td>{escape(format_number(point.value))}</td></tr>\n        "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def trend_rows_html(rows: Sequence[tuple[str, str, Sequence[Any]]]) -> SafeString:
    """The trend's figure rows (label, unit, cells of views.TrendCell): per period the
    region's own value with its marks and the national median line."""
    concept = escape(_("concept"))
    parts = []
    for label, unit, cells in rows:
        unit_html = f'<span class="subtle">({escape(unit)})</span>'
        parts.append(f'\n    <tr><th scope="row">{escape(label)} {unit_html}</th>\n    ')
        for cell in cells:
            mark = f' <span class="subtle">({escape(cell.mark)})</span>' if cell.mark else ""
            draft = f' <span class="concept-mark">{concept}</span>' if cell.concept else ""
            national = (
                f'<br><span class="subtle">{escape(cell.national)}</span>' if cell.national else ""
            )
            parts.append(
                f'<td><span class="own-mark">{escape(cell.own)}{mark}{draft}</span>{national}</td>'
            )
        parts.append("\n    </tr>\n  ")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def trend_maturity_rows_html(rows: Sequence[tuple[Any, Sequence[Any]]]) -> SafeString:
    """The trend's maturity rows (theme, cells of views.MaturityCell) per period."""
    not_assessed = escape(_("not assessed"))
    parts = []
    for theme, cells in rows:
        parts.append(f'<tr><th scope="row">{escape(theme.short_title)}</th>')
        for cell in cells:
            if cell.level:
                parts.append(
                    f'<td><span class="level level--{int(cell.level)}">{int(cell.level)}</span> '
                    f"{escape(str(cell.label))}</td>"
                )
            else:
                parts.append(
                    '<td><span class="level level--0">–</span> '  # noqa: RUF001
                    f'<span class="subtle">{not_assessed}</span></td>'
                )
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
