"""The network's decision in tests (issue 19): the rapporteur puts the report forward, the
network's chair records the decision, as the product does it. The network decides only on
a complete assessment: what a test did not assess is marked "niet beoordeeld" with a
reason, as a writer would."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.accounts.services import role_assign
from werkset.reports.models import Report, ReportStatus
from werkset.reports.workflow import Decision, report_transition


def network_chair(report: Report) -> User:
    """The chair (vaststeller) of the report's network, made once."""
    found = RoleAssignment.objects.filter(
        role=Role.VASTSTELLER, network_id=report.network_id
    ).first()
    if found is not None:
        return found.user
    user = User.objects.create_user(username=f"voorzitter-{report.network_id}")
    role_assign(user=user, role=Role.VASTSTELLER, network=report.network, assigned_by=None)
    return user


TEST_REASON = "Niet beoordeeld in deze test."


def assessments_completed(report: Report, rapporteur: User | None = None) -> Report:
    """Mark every assessment the report still lacks "niet beoordeeld" with a reason (what a
    test assessed itself stays); any status, as the test's own set-up."""
    from werkset.comparison.models import CriterionAnswer, ThemeMaturity
    from werkset.comparison.selectors.report_assessment import report_assessments

    for assessment in report_assessments(report=report):
        if assessment.maturity_missing:
            ThemeMaturity.objects.update_or_create(
                report=report,
                theme=assessment.theme,
                defaults={
                    "level": None,
                    "not_assessed_reason": TEST_REASON,
                    "updated_by": rapporteur,
                },
            )
        for state in assessment.criteria:
            if not state.done:
                CriterionAnswer.objects.update_or_create(
                    report=report,
                    criterion=state.criterion.key,
                    defaults={
                        "verdict": "",
                        "not_assessed_reason": TEST_REASON,
                        "updated_by": rapporteur,
                    },
                )
    return report


def assessed_via_theme_pages(client: Any, report: Report) -> None:
    """The writer assesses every theme on its page (section "Beoordeling van dit thema"):
    a maturity level, and the toetsingskader on the Actieoverleg's theme."""
    from werkset.comparison.vocabulary import CRITERIA, CRITERIA_THEME

    for theme in report.catalogue_version.themes.order_by("position"):
        data = {f"m-{theme.key}-level": "3", f"m-{theme.key}-motivation": "Loopt."}
        if theme.key == CRITERIA_THEME:
            data |= {f"c-{c.key}-verdict": "ja" for c in CRITERIA}
        url = reverse("comparison:theme_assessment", args=[report.pk, theme.key])
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]


def report_decided(report: Report, rapporteur: User) -> Report:
    """Put a report under discussion to its network and record the network's decision."""
    report.refresh_from_db()
    assessments_completed(report, rapporteur)
    if report.status == ReportStatus.TER_BESPREKING:
        report_transition(report=report, name="put_forward", user=rapporteur)
    return report_transition(
        report=report,
        name="finalise",
        user=network_chair(report),
        decision=Decision(
            decided_on=timezone.localdate(), decided_by="Het RNZS in zijn vergadering"
        ),
    )
