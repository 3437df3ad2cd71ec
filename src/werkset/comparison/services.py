"""Writing comparison data. Maturity and toetsingskader belong to the report (editable by
the region's rapporteur until it is finalised); bottleneck coding is analysis and may be added
to a finalised report by its rapporteur or a landelijk user without changing the report.

No audit entries: the audit log has no fitting action and its choices are not ours to
extend; ThemeMaturity, CriterionAnswer and BottleneckCode record who changed them and when.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from werkset.accounts.models import User
from werkset.accounts.scope import Scope
from werkset.catalogue.models import Theme
from werkset.reports.models import Answer, Report
from werkset.reports.policy import report_may_code, report_may_edit

from .models import BottleneckCode, CriterionAnswer, ThemeMaturity, Verdict
from .vocabulary import BOTTLENECK_CHOICES, CRITERIA


class ComparisonError(Exception):
    """A change that the report's state does not allow."""


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("region").get(pk=report.pk)


def maturity_save(
    *,
    report: Report,
    theme: Theme,
    level: int | None,
    motivation: str,
    user: User,
    scope: Scope,
) -> ThemeMaturity | None:
    """Set (or with level None, clear) a theme's maturity in a report that is still open."""
    if theme.version_id != report.catalogue_version_id:
        raise ComparisonError("theme of another catalogue version")
    with transaction.atomic():
        locked = _locked(report)
        if not report_may_edit(scope, locked):
            raise PermissionDenied
        if level is None:
            ThemeMaturity.objects.filter(report=locked, theme=theme).delete()
            return None
        if not 1 <= level <= 5:
            raise ComparisonError("level out of range")
        maturity, _created = ThemeMaturity.objects.update_or_create(
            report=locked,
            theme=theme,
            defaults={"level": level, "motivation": motivation.strip(), "updated_by": user},
        )
        return maturity


def criterion_save(
    *,
    report: Report,
    criterion: str,
    verdict: str,
    explanation: str,
    user: User,
    scope: Scope,
) -> CriterionAnswer | None:
    """Answer (or with an empty verdict, clear) one characteristic of the toetsingskader."""
    if criterion not in {c.key for c in CRITERIA}:
        raise ComparisonError("unknown characteristic")
    if verdict and verdict not in Verdict.values:
        raise ComparisonError("unknown verdict")
    with transaction.atomic():
        locked = _locked(report)
        if not report_may_edit(scope, locked):
            raise PermissionDenied
        if not verdict:
            CriterionAnswer.objects.filter(report=locked, criterion=criterion).delete()
            return None
        answer, _created = CriterionAnswer.objects.update_or_create(
            report=locked,
            criterion=criterion,
            defaults={"verdict": verdict, "explanation": explanation.strip(), "updated_by": user},
        )
        return answer


def bottleneck_codes_set(*, answer: Answer, codes: set[str], user: User, scope: Scope) -> set[str]:
    """Make the answer's bottleneck codes exactly `codes`; returns them."""
    known = {key for key, _label in BOTTLENECK_CHOICES}
    if codes - known:
        raise ComparisonError("unknown bottleneck")
    with transaction.atomic():
        locked = _locked(answer.report)
        if not report_may_code(scope, locked):
            raise PermissionDenied
        current = set(BottleneckCode.objects.filter(answer=answer).values_list("code", flat=True))
        BottleneckCode.objects.filter(answer=answer, code__in=current - codes).delete()
        BottleneckCode.objects.bulk_create(
            [BottleneckCode(answer=answer, code=code, coded_by=user) for code in codes - current]
        )
    return codes
