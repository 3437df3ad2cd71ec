"""The visibility rule for one report in hand says what the rule for many says."""

import pytest
from django.utils import timezone

from werkset.accounts.scope import scope_for_user
from werkset.reports.models import Report, ReportStatus
from werkset.reports.policy import report_may_see, reports_seen_by

pytestmark = pytest.mark.django_db

STATES = [(status, False) for status in ReportStatus.values] + [(ReportStatus.CONCEPT, True)]


@pytest.mark.parametrize(("status", "removed"), STATES)
def test_een_rapportage_zien_is_de_regel_voor_vele(
    status, removed, report, rapporteur_friesland, netwerklid_noord, netwerklid_oost, landelijk,
    beheerder,
):  # fmt: skip
    Report.objects.filter(pk=report.pk).update(
        status=status, removed_at=timezone.now() if removed else None
    )
    report.refresh_from_db()
    for user in (rapporteur_friesland, netwerklid_noord, netwerklid_oost, landelijk, beheerder):
        scope = scope_for_user(user)
        by_rule = bool(scope.roles) and (
            Report.objects.filter(reports_seen_by(scope), pk=report.pk).exists()
        )
        assert report_may_see(scope, report) == by_rule, (user.username, status, removed)
