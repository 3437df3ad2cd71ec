"""Writing the report's assessments: maturity per theme, the toetsingskader and bottleneck
codes. Who may is reports/policy.py's (`report_may_assess`, `report_may_code`); every
change is audited (comparison/audit.py) and the rows record who changed them and when.

An assessment is given, cleared (not assessed yet) or consciously marked "niet beoordeeld",
which needs its reason (issue 19): a finalised report is complete in this respect.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import Scope
from werkset.catalogue.models import Theme
from werkset.core.services import audit_record
from werkset.reports.limits import COMMENT_MAX, EXPLANATION_MAX, text_too_long
from werkset.reports.models import Answer, Report
from werkset.reports.policy import report_may_assess, report_may_code

from .audit import ComparisonAuditAction
from .models import BottleneckCode, CriterionAnswer, ThemeMaturity, Verdict
from .vocabulary import BOTTLENECK_CHOICES, CRITERIA


class ComparisonError(Exception):
    """Input the assessment cannot take; its message is for the user (gettext), whom the
    views answer with 400 and this message on the page."""


class AssessmentInvalid(ComparisonError):
    """An assessment that is not complete (a Dutch message for the user)."""


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("region").get(pk=report.pk)


def _state(level: Any, text: str, reason: str) -> dict[str, Any]:
    return {"value": level, "text": text, "reason": reason}


A = TypeVar("A", ThemeMaturity, CriterionAnswer)


def _assessment_stored(
    model: type[A],
    *,
    report: Report,
    key: dict[str, Any],
    value: tuple[str, Any],
    text: tuple[str, str],
    reason: str,
    user: User,
    action: str,
    summary: str,
    detail: dict[str, Any],
) -> A | None:
    """Store one assessment of a locked report (a value with its text, or no value with the
    reason it was not assessed), or clear it when it has neither; audited when it changed."""
    (value_field, new_value), (text_field, new_text) = value, text
    current = model.objects.filter(report=report, **key).first()
    before = (
        _state(
            getattr(current, value_field), getattr(current, text_field), current.not_assessed_reason
        )
        if current is not None
        else None
    )
    stored: A | None = None
    if new_value in (None, "") and not reason:
        after = None
        if current is not None:
            current.delete()
    else:
        after = _state(new_value, new_text, reason)
        stored, _created = model.objects.update_or_create(
            report=report,
            **key,
            defaults={
                value_field: new_value,
                text_field: new_text,
                "not_assessed_reason": reason,
                "updated_by": user,
            },
        )
    if before != after:
        audit_record(
            actor=user,
            action=action,
            target=report,
            summary=summary,
            detail={**detail, "before": before, "after": after},
        )
    return stored


def _texts_fit(motivation: str, reason: str) -> None:
    """An assessment's motivation is as long as an answer's explanation may be; the reason
    it is not assessed as long as a comment."""
    if message := text_too_long(motivation, limit=EXPLANATION_MAX) or text_too_long(
        reason, limit=COMMENT_MAX
    ):
        raise ComparisonError(message)


def maturity_save(
    *,
    report: Report,
    theme: Theme,
    level: int | None,
    motivation: str,
    user: User,
    scope: Scope,
    not_assessed_reason: str = "",
) -> ThemeMaturity | None:
    """Set a theme's maturity in a report that is still open; with level None mark it
    "niet beoordeeld" with `not_assessed_reason`, or without a reason clear it."""
    if theme.version_id != report.catalogue_version_id:
        raise ComparisonError(_("This theme belongs to another catalogue version."))
    if level is not None and not 1 <= level <= 5:
        raise ComparisonError(_("The maturity level must be between 1 and 5."))
    motivation, reason = motivation.strip(), not_assessed_reason.strip()
    _texts_fit(motivation, reason)
    if level is not None:
        reason = ""
    with transaction.atomic():
        locked = _locked(report)
        if not report_may_assess(scope, locked):
            raise PermissionDenied
        return _assessment_stored(
            ThemeMaturity,
            report=locked,
            key={"theme": theme},
            value=("level", level),
            text=("motivation", motivation),
            reason=reason,
            user=user,
            action=ComparisonAuditAction.MATURITY_SAVED,
            summary=_("Maturity of %(theme)s in %(report)s assessed")
            % {"theme": theme.short_title, "report": locked},
            detail={"theme": theme.key},
        )


def criterion_save(
    *,
    report: Report,
    criterion: str,
    verdict: str,
    explanation: str,
    user: User,
    scope: Scope,
    not_assessed_reason: str = "",
) -> CriterionAnswer | None:
    """Answer one characteristic of the toetsingskader; with an empty verdict mark it
    "niet beoordeeld" with `not_assessed_reason`, or without a reason clear it."""
    if criterion not in {c.key for c in CRITERIA}:
        raise ComparisonError(
            _("Unknown characteristic of the toetsingskader: %(criterion)s.")
            % {"criterion": criterion}
        )
    if verdict and verdict not in Verdict.values:
        raise ComparisonError(_("Unknown verdict: %(verdict)s.") % {"verdict": verdict})
    explanation, reason = explanation.strip(), not_assessed_reason.strip()
    _texts_fit(explanation, reason)
    if verdict:
        reason = ""
    with transaction.atomic():
        locked = _locked(report)
        if not report_may_assess(scope, locked):
            raise PermissionDenied
        return _assessment_stored(
            CriterionAnswer,
            report=locked,
            key={"criterion": criterion},
            value=("verdict", verdict),
            text=("explanation", explanation),
            reason=reason,
            user=user,
            action=ComparisonAuditAction.CRITERION_SAVED,
            summary=_("Toetsingskader characteristic %(criterion)s in %(report)s assessed")
            % {"criterion": criterion, "report": locked},
            detail={"criterion": criterion},
        )


def bottleneck_codes_set(*, answer: Answer, codes: set[str], user: User, scope: Scope) -> set[str]:
    """Make the answer's bottleneck codes exactly `codes`; returns them."""
    known = {key for key, _label in BOTTLENECK_CHOICES}
    if codes - known:
        raise ComparisonError(
            _("Unknown bottleneck: %(codes)s.") % {"codes": ", ".join(sorted(codes - known))}
        )
    with transaction.atomic():
        locked = _locked(answer.report)
        if not report_may_code(scope, locked):
            raise PermissionDenied
        current = set(BottleneckCode.objects.filter(answer=answer).values_list("code", flat=True))
        if current == codes:
            return codes
        BottleneckCode.objects.filter(answer=answer, code__in=current - codes).delete()
        BottleneckCode.objects.bulk_create(
            [BottleneckCode(answer=answer, code=code, coded_by=user) for code in codes - current]
        )
        audit_record(
            actor=user,
            action=ComparisonAuditAction.BOTTLENECKS_CODED,
            target=locked,
            summary=_("Bottlenecks of an answer in %(report)s coded") % {"report": locked},
            detail={
                "answer": answer.pk,
                "added": sorted(codes - current),
                "removed": sorted(current - codes),
            },
        )
    return codes


@dataclass(frozen=True)
class MaturityInput:
    level: int | None
    motivation: str
    not_assessed_reason: str = ""


@dataclass(frozen=True)
class CriterionInput:
    criterion: str
    verdict: str
    explanation: str
    not_assessed_reason: str = ""


def _may_assess(report: Report, scope: Scope) -> Report:
    """The report, locked for this transaction, when the policy lets `scope` assess it."""
    locked = _locked(report)
    if not report_may_assess(scope, locked):
        raise PermissionDenied
    return locked


def report_assessment_save(
    *,
    report: Report,
    maturities: Mapping[Theme, MaturityInput],
    criteria: Sequence[CriterionInput],
    user: User,
    scope: Scope,
) -> None:
    """Save the maturity of these themes and these characteristics of the toetsingskader
    together (the report's assessment page, a theme page's section): all or nothing, so an
    invalid item half-way leaves the earlier ones as they were; each change audited."""
    with transaction.atomic():
        _may_assess(report, scope)
        for theme, maturity in maturities.items():
            maturity_save(
                report=report,
                theme=theme,
                level=maturity.level,
                motivation=maturity.motivation,
                not_assessed_reason=maturity.not_assessed_reason,
                user=user,
                scope=scope,
            )
        for item in criteria:
            criterion_save(
                report=report,
                criterion=item.criterion,
                verdict=item.verdict,
                explanation=item.explanation,
                not_assessed_reason=item.not_assessed_reason,
                user=user,
                scope=scope,
            )


def bottleneck_codes_set_many(
    *, report: Report, codes: Mapping[Answer, set[str]], user: User, scope: Scope
) -> None:
    """Make the bottleneck codes of several of the report's answers exactly these (the
    report's bottleneck page, a theme page's section): all or nothing; each answer whose
    codes change is audited."""
    with transaction.atomic():
        locked = _locked(report)
        if not report_may_code(scope, locked):
            raise PermissionDenied
        if any(answer.report_id != report.pk for answer in codes):
            raise ComparisonError(_("This answer belongs to another report."))
        current: dict[int, set[str]] = {answer.pk: set() for answer in codes}
        for answer_id, code in BottleneckCode.objects.filter(answer__in=list(codes)).values_list(
            "answer_id", "code"
        ):
            current[answer_id].add(code)
        for answer, wanted in codes.items():
            if set(wanted) != current[answer.pk]:
                bottleneck_codes_set(answer=answer, codes=set(wanted), user=user, scope=scope)


def theme_assessment_save(
    *,
    report: Report,
    theme: Theme,
    maturity: MaturityInput | None,
    criteria: Sequence[CriterionInput],
    codes: Mapping[Answer, set[str]],
    user: User,
    scope: Scope,
) -> None:
    """Save a theme page's section "Beoordeling van dit thema" as a whole: its maturity, the
    toetsingskader's characteristics on the Actieoverleg's theme and the bottleneck codes of
    its explained answers; all or nothing, each change audited."""
    with transaction.atomic():
        report_assessment_save(
            report=report,
            maturities={theme: maturity} if maturity is not None else {},
            criteria=criteria,
            user=user,
            scope=scope,
        )
        bottleneck_codes_set_many(report=report, codes=codes, user=user, scope=scope)
