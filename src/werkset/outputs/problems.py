"""What an import found wrong: shared by the readers of workbooks and archives and the
import that writes, so none of them has to import another to name a problem."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# What a problem may echo of a file (issue 17: a 59 KB upload gave a 21 MB error page,
# every problem repeating a whole cell): a value is cut to this many characters, a whole
# message to MESSAGE_MAX, and a page or command lists at most LISTED_MAX problems.
VALUE_MAX = 80
MESSAGE_MAX = 300
LISTED_MAX = 50


def shortened(value: object, limit: int = VALUE_MAX) -> str:
    """A value from a file as a problem may quote it: at most `limit` characters, with "…"."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class ImportProblem:
    """One problem with its place: a sheet and cell, or (sheet None) a path in a JSON file."""

    sheet: str | None
    cell: str | None
    message: str
    warning: bool = field(default=False, compare=False)

    @property
    def place(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell or ""

    def describe(self) -> str:
        """'Actie-overleg!F12: Kies een van de antwoorden.'; a warning says so. Never longer
        than about MESSAGE_MAX characters, whatever the message quotes."""
        return shortened(self._describe(), MESSAGE_MAX)

    def _describe(self) -> str:
        if self.warning:
            label = _("warning")
            return (
                f"{self.place} ({label}): {self.message}"
                if self.place
                else (f"{label.capitalize()}: {self.message}")
            )
        return f"{self.place}: {self.message}" if self.place else self.message


class ImportRefused(Exception):
    """Nothing was written; `problems` lists every error (and warning) found."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(problem.describe() for problem in problems))

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.warning]


def refused(message: str, sheet: str | None = None, cell: str | None = None) -> ImportRefused:
    """A refusal with one problem, the whole file's or at one place."""
    return ImportRefused([ImportProblem(sheet, cell, message)])


def problems_listed(problems: Iterable[ImportProblem], limit: int = LISTED_MAX) -> list[str]:
    """The first `limit` problems described, and a last line that counts the rest."""
    problems = list(problems)
    lines = [problem.describe() for problem in problems[:limit]]
    rest = len(problems) - limit
    if rest > 0:
        lines.append(
            ngettext("and %(count)s more problem", "and %(count)s more problems", rest)
            % {"count": rest}
        )
    return lines
