"""What the comparison app does when a report changes: a new version takes the assessments
over, in the transaction that makes the version (reports/signals.py)."""

from typing import Any

from django.dispatch import receiver

from werkset.reports.models import Answer, Report
from werkset.reports.signals import version_started

from .models import BottleneckCode, CriterionAnswer, ThemeMaturity


@receiver(version_started, dispatch_uid="comparison.assessments_carried_over")
def assessments_carried_over(*, old: Report, new: Report, **kwargs: Any) -> None:
    """A new version starts with the assessments of the version it corrects, as it starts
    with its answers (ADR 22); its writer changes them while writing. A version that has
    assessments of its own already keeps them."""
    new_id, old_id = new.pk, old.pk
    if (
        ThemeMaturity.objects.filter(report_id=new_id).exists()
        or CriterionAnswer.objects.filter(report_id=new_id).exists()
    ):
        return
    ThemeMaturity.objects.bulk_create(
        ThemeMaturity(
            report_id=new_id,
            theme_id=m.theme_id,
            level=m.level,
            motivation=m.motivation,
            not_assessed_reason=m.not_assessed_reason,
            updated_by_id=m.updated_by_id,
        )
        for m in ThemeMaturity.objects.filter(report_id=old_id).order_by("pk")
    )
    CriterionAnswer.objects.bulk_create(
        CriterionAnswer(
            report_id=new_id,
            criterion=c.criterion,
            verdict=c.verdict,
            explanation=c.explanation,
            not_assessed_reason=c.not_assessed_reason,
            updated_by_id=c.updated_by_id,
        )
        for c in CriterionAnswer.objects.filter(report_id=old_id).order_by("pk")
    )
    # Bottleneck codes follow the answer to the same indicator in the new version.
    new_answers = dict(Answer.objects.filter(report_id=new_id).values_list("indicator_id", "pk"))
    BottleneckCode.objects.bulk_create(
        (
            BottleneckCode(
                answer_id=new_answers[code.answer.indicator_id],
                code=code.code,
                coded_by_id=code.coded_by_id,
            )
            for code in BottleneckCode.objects.filter(answer__report_id=old_id)
            .select_related("answer")
            .order_by("pk")
            if code.answer.indicator_id in new_answers
        ),
        ignore_conflicts=True,
    )
