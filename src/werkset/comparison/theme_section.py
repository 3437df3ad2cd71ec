"""The theme page's section "Beoordeling van dit thema" (issue 19): what it shows and asks.

The theme page (reports) includes `comparison/_theme_assessment.html` with this object as
`assessment`; its form posts to `comparison:theme_assessment`, which builds the same object
from the posted data. The writer assesses while the report is open
(`policy.report_may_assess`); everyone else who sees the theme page reads it.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language

from werkset.accounts.scope import Scope
from werkset.catalogue.models import Theme
from werkset.core.fragments import release
from werkset.reports.content_changes import kept_rows
from werkset.reports.models import Answer, Report
from werkset.reports.policy import report_may_assess, report_may_code

from .forms import BottleneckForm, CriterionForm, MaturityForm
from .models import BottleneckCode
from .selectors.report_assessment import ThemeAssessment, theme_assessment
from .services import CriterionInput, MaturityInput
from .vocabulary import BOTTLENECK_CHOICES

# The Jinja2 partial of the coding checkboxes, kept once rendered (`coding_key`).
CODING_TEMPLATE = "comparison/_bottleneck_coding.html"


@dataclass
class CodedAnswer:
    answer: Answer
    # Its codes, sorted, and their labels (the read-only view).
    codes: list[str]
    labels: list[str]
    # The writer's form (None for readers); `data` when it is posted.
    editable: bool
    data: Mapping[str, Any] | None = None

    @cached_property
    def form(self) -> BottleneckForm | None:
        """Made when asked for: a theme page whose coding is kept (coding_key) needs none of
        its thirty forms."""
        if not self.editable:
            return None
        return BottleneckForm(self.data, answer_id=self.answer.pk, initial={"codes": self.codes})


@dataclass
class AssessmentSection:
    report: Report
    theme: Theme
    state: ThemeAssessment
    editable: bool
    # National analysis of a finalised report: coded on the bottleneck page.
    may_code_elsewhere: bool
    action_url: str
    maturity_form: MaturityForm | None
    criterion_forms: list[CriterionForm]
    answers: list[CodedAnswer]
    # The bottleneck vocabulary (code, label), for the coding checkboxes.
    choices: list[tuple[str, Any]] = field(default_factory=lambda: list(BOTTLENECK_CHOICES))
    # Why the service saved nothing (ComparisonError's message), when the forms were valid.
    failure: str = ""

    @property
    def coding_key(self) -> str | None:
        """What the bottleneck coding shows, as the key it is kept under (core/fragments.py);
        None when it shows a post (its errors, the values just sent): never kept."""
        if not self.answers or any(not i.editable or i.data is not None for i in self.answers):
            return None
        shown = [
            (item.answer.pk, item.answer.indicator.label, item.answer.explanation, item.codes)
            for item in self.answers
        ]
        choices = [(code, str(label)) for code, label in self.choices]
        parts = [release(CODING_TEMPLATE), get_language(), shown, choices]
        encoded = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()
        return hashlib.blake2b(encoded, digest_size=20).hexdigest()

    @property
    def has_forms(self) -> bool:
        """Whether the writer's form asks anything, without making the coding's forms."""
        return (
            self.maturity_form is not None
            or bool(self.criterion_forms)
            or any(item.editable for item in self.answers)
        )

    @property
    def posted(self) -> bool:
        """Whether the section shows a post (bound forms, perhaps with errors)."""
        bound = [self.maturity_form, *self.criterion_forms]
        return any(form is not None and form.is_bound for form in bound) or any(
            item.data is not None for item in self.answers
        )

    @property
    def forms(self) -> list[Any]:
        forms: list[Any] = [self.maturity_form] if self.maturity_form is not None else []
        forms += self.criterion_forms
        return forms + [item.form for item in self.answers if item.form is not None]

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.forms)

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(field id, message) of every error, for the error summary (none before a post)."""
        if not self.posted:
            return []
        return [
            (form[name].id_for_label, str(error))
            for form in self.forms
            for name, errors in form.errors.items()
            for error in errors
        ]

    def maturity_input(self) -> MaturityInput | None:
        return self.maturity_form.as_input() if self.maturity_form is not None else None

    def criteria_input(self) -> list[CriterionInput]:
        return [form.as_input() for form in self.criterion_forms]

    def codes_input(self) -> dict[Answer, set[str]]:
        return {
            item.answer: set(item.form.cleaned_data["codes"])
            for item in self.answers
            if item.form is not None
        }

    def texts(self) -> list[str]:
        """The free text the section saved (for the privacy warning)."""
        return [
            str(form.cleaned_data.get(name, ""))
            for form in self.forms
            for name in ("motivation", "explanation", "reason")
            if name in form.fields
        ]


def _coded_answers(
    *,
    report: Report,
    theme: Theme,
    data: Mapping[str, Any] | None,
    editable: bool,
    answers: Sequence[Answer] | None,
) -> list[CodedAnswer]:
    """The theme's explained answers with their bottleneck codes: one query when the caller
    holds the theme's answers with their indicators (the theme page), two otherwise."""
    if answers is None:
        answers = list(
            Answer.objects.filter(report=report, indicator__theme_id=theme.pk)
            .select_related("indicator")
            .order_by("indicator__position")
        )
    answers = sorted(
        (answer for answer in answers if answer.explanation),
        key=lambda answer: answer.indicator.position,
    )
    codes: dict[int, list[str]] = {}
    coded = kept_rows(
        report=report,
        part=f"codes:{theme.pk}",
        read=lambda: list(
            BottleneckCode.objects.filter(answer__in=answers)
            .order_by()
            .values_list("answer_id", "code")
        ),
    )
    for answer_id, code in coded:
        codes.setdefault(answer_id, []).append(code)
    labels = dict(BOTTLENECK_CHOICES)
    items = []
    for answer in answers:
        own = sorted(codes.get(answer.pk, []))
        if editable or own:
            items.append(
                CodedAnswer(
                    answer=answer,
                    codes=own,
                    labels=[str(labels[c]) for c in own if c in labels],
                    editable=editable,
                    data=data,
                )
            )
    return items


def assessment_section(
    *,
    report: Report,
    theme: Theme,
    scope: Scope,
    data: Mapping[str, Any] | None = None,
    answers: Sequence[Answer] | None = None,
) -> AssessmentSection:
    """The section of one theme page, with its forms for the writer (bound to `data` when
    it is posted); `answers`: the theme's answers with their indicators, when read already."""
    state = theme_assessment(report=report, theme=theme)
    editable = report_may_assess(scope, report)
    maturity_form = (
        MaturityForm(data, theme=theme, current=state.maturity)
        if editable and state.asks_maturity
        else None
    )
    criterion_forms = (
        [
            CriterionForm(data, criterion=item.criterion.key, current=item.answer)
            for item in state.criteria
        ]
        if editable
        else []
    )
    return AssessmentSection(
        report=report,
        theme=theme,
        state=state,
        editable=editable,
        may_code_elsewhere=not editable and report_may_code(scope, report),
        action_url=reverse("comparison:theme_assessment", args=[report.pk, theme.key]),
        maturity_form=maturity_form,
        criterion_forms=criterion_forms,
        answers=_coded_answers(
            report=report, theme=theme, data=data, editable=editable, answers=answers
        ),
    )
