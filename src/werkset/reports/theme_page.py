"""What the theme page's partials need besides the report's rows (ADR 0015).

The answer forms, the running-text forms, the comments, practice items and quotes of a theme
page are Jinja2 partials in `reports/jinja2/reports/` (a theme page repeats them once per
indicator or element). A partial gets its rows and this one small object: the report and
theme it belongs to, who may do what on the page, and the answer forms' states."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

from django.urls import reverse

from werkset.catalogue.models import CatalogueVersion

from . import limits as text_limits
from .forms import AnswerFormState
from .models import Comment

# A number that no id reaches, reversed in the place of the id (an <int:...> path segment).
_STAND_IN = 987654321987


@dataclass(frozen=True)
class UrlPerId:
    """The URLs of one route for many ids (every answer's save URL on a page): reversed once,
    with the id put in its place. Reversing took about 20 µs a URL, and a theme page links
    every answer twice."""

    head: str
    tail: str

    @classmethod
    def of(cls, name: str, *args: Any) -> "UrlPerId":
        head, _stand_in, tail = reverse(name, args=[*args, _STAND_IN]).rpartition(str(_STAND_IN))
        return cls(head=head, tail=tail)

    def __call__(self, id_: int) -> str:
        return f"{self.head}{int(id_)}{self.tail}"


@dataclass(frozen=True)
class ThemePage:
    """One theme page of one report, as its partials see it."""

    # The longest text each field takes (reports/limits.py), for the fields' maxlength.
    limits: ClassVar[ModuleType] = text_limits

    report_id: int
    theme_key: str
    # The page's form token, masked once (csrf_input would mask it again for every form).
    csrf_token: str
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
    # Per answer: where its form posts, its history; per comment: where it is resolved.
    answer_save_url: UrlPerId
    answer_history_url: UrlPerId
    comment_resolve_url: UrlPerId
    # Where every comment form of the page posts; where a practice item or quote is changed.
    comment_add_url: str
    practice_item_url: UrlPerId
    quote_url: UrlPerId
