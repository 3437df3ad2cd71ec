"""What the Toelichting sheet of a workbook says: the report it belongs to, how to fill it
in, how it is read back, and the options of the multiple choice questions."""

from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.privacy.detectors import kind_list
from werkset.reports.models import Report

from .excel_layout import Column, column_spec, unique_labels


def workbook_instructions(
    *, report: Report, sheets: list[tuple[str, Theme, list[Column], list[Indicator]]]
) -> list[tuple[str, str]]:
    """The Toelichting sheet: (style, text) lines."""
    catalogue = report.catalogue_version
    lines: list[tuple[str, str]] = [
        (
            "title",
            _("Werkset workbook: %(region)s, %(period)s (version %(number)s)")
            % {
                "region": report.unit.name,
                "period": report.period_label,
                "number": report.number,
            },
        ),
        (
            "text",
            _("Catalogue: %(title)s (%(edition)s, %(slug)s).")
            % {"title": catalogue.title, "edition": catalogue.edition, "slug": catalogue.slug},
        ),
        (
            "text",
            _("Downloaded on %(date)s; status of the report: %(status)s.")
            % {
                "date": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
                "status": report.get_status_display().lower(),
            },
        ),
        ("heading", _("How to fill in this workbook")),
        (
            "text",
            _(
                "Every theme has its own sheet with one row per indicator. Fill in the "
                "white cells; grey cells do not belong to that question and are locked."
            ),
        ),
        (
            "text",
            _(
                "Answer: choose from the list. Onbekend and N.v.t. are honest answers; an "
                "empty cell means: not answered yet."
            ),
        ),
        (
            "text",
            _(
                "Figures: amounts in euro (for example 1.234,50), hours with at most one "
                "decimal, counts as whole numbers, all zero or more. Numbers typed as text "
                "in the Dutch way are read too."
            ),
        ),
        (
            "text",
            _(
                'Figures asked "if yes" (costs, hours, organisations) belong to the answers '
                "named in the cell's note; with another answer they are not saved and the "
                "import warns you. A figure marked as required must be filled in, unless "
                "you answer Onbekend or N.v.t."
            ),
        ),
        ("text", _("Frequency: fill in the number and choose per week, maand, kwartaal or jaar.")),
        (
            "text",
            _(
                "Multiple choice: type the options separated by commas, exactly as listed "
                "below (for example: Veilig Thuis, Politie)."
            ),
        ),
        (
            "text",
            _(
                "Explanation and perspectives: free text. Describe how organisations work "
                "together; never write personal data of people. The privacy guard looks for: "
                "%(kinds)s."
            )
            % {"kinds": kind_list()},
        ),
        ("heading", _("Reading the workbook back into werkset")),
        (
            "text",
            _(
                "Do not change the hidden column A (the key of each indicator), the column "
                "headers, the sheet names or the hidden sheet with the report's details, "
                "and do not add or remove rows."
            ),
        ),
        (
            "text",
            _(
                "The whole workbook is checked first. If there is any error, nothing is "
                "saved and you get a list of every problem with its sheet and cell."
            ),
        ),
        (
            "text",
            _(
                "Sheets and columns that werkset does not know are reported as warnings and "
                "are not read; the rest of the workbook is saved."
            ),
        ),
        (
            "text",
            _(
                "Unchanged answers stay as they are. An answer that was changed in werkset "
                "after this download is not overwritten: download a new workbook instead."
            ),
        ),
        (
            "text",
            _(
                "The workbook belongs to this report only: a workbook of another region, "
                "period, version or catalogue is refused, and a finalised report no longer "
                "changes."
            ),
        ),
    ]
    options: list[tuple[str, str]] = []
    for title, _theme, columns, indicators in sheets:
        for column in columns:
            if column.field_kind != "meerkeuze":
                continue
            specs = [s for i in indicators if (s := column_spec(i, column)) is not None]
            labels = unique_labels(o["label"] for s in specs for o in s["options"])
            options.append(("text", f"{title} - {column.header}: {', '.join(labels)}"))
    if options:
        lines.append(("heading", _("Options of the multiple choice questions")))
        lines.extend(options)
    return lines
