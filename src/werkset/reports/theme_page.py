"""What the theme page's partials need besides the report's rows (ADR 0015).

The answer forms, the running-text forms, the comments, practice items and quotes of a theme
page are Jinja2 partials in `reports/jinja2/reports/` (a theme page repeats them once per
indicator or element). A partial gets its rows and this one small object: the report and
theme it belongs to, who may do what on the page, and the answer forms' states."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from werkset.catalogue.models import CatalogueVersion

from .forms import AnswerFormState
from .models import Comment


@dataclass(frozen=True)
class ThemePage:
    """One theme page of one report, as its partials see it."""

    report_id: int
    theme_key: str
    catalogue_version: CatalogueVersion
    # The rapporteur changes the report (forms); others read it (answers as text).
    can_edit: bool
    # Network members add comments while the report is under discussion.
    can_comment: bool
    # The region's own people see the comments and the answers' history.
    show_discussion: bool
    # The state of each answer's form (the stored answer, or what was just submitted).
    states: Mapping[int, AnswerFormState]
    answer_comments: Mapping[int, Sequence[Comment]]
    frequency_periods: Sequence[tuple[str, Any]]
