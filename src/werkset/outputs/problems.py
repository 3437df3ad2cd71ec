"""What an import found wrong: shared by the readers of workbooks and archives and the
import that writes, so none of them has to import another to name a problem."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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
        """'Actie-overleg!F12: Kies een van de antwoorden.'; a warning says so."""
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
