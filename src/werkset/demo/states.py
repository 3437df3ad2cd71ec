"""The demo's reports in the other states of the workflow (issue 19), made through the
product's own services in the open round of 2025: in Oost-Nederland a concept, a report put
to the network (its chair `voorzitter-oost` can decide on it), a concept started by mistake
and removed (restorable for 30 days), and a finalised report of 2023 withdrawn by the
national network. With Friesland's reports (finalised, under discussion) every state is
there. Idempotent: what is there already is left alone."""

import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from werkset.reports.models import Report, ReportStatus
from werkset.reports.services import report_start
from werkset.reports.undo import report_remove
from werkset.reports.workflow import report_transition

from .services import DEMO_CATALOGUE, DemoRefused, _assess, _fill_answers

PERIOD = "2025"
PUT_FORWARD_REGION = "ijsselland"
CONCEPT_REGION = "noord-oost-gelderland"
REMOVED_REGION = "gelderland-midden"
# A finalised report of the national demo (comparison/demo.py) that the national network
# withdrew: entered for the wrong period.
WITHDRAWN = ("gelderland-zuid", "2023")
WITHDRAWAL_REASON = "Per vergissing als 2023 ingevoerd; het gaat om 2022. (fictief)"
DEMO_SEED = 2019


@dataclass(frozen=True)
class DemoStates:
    """The reports the demo has in each state (None where the ground was missing)."""

    concept: Report | None
    put_forward: Report | None
    removed: Report | None
    withdrawn: Report | None


def _report(code: str, period: str) -> Report | None:
    return (
        Report.objects.filter(
            region__code=code, period=period, catalogue_version__slug=DEMO_CATALOGUE
        )
        .order_by("-number")
        .first()
    )


def demo_states_create() -> DemoStates:
    """Make what is missing of the states; run after the national demo (the withdrawn
    report is one of its finalised reports)."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    catalogue = CatalogueVersion.objects.filter(slug=DEMO_CATALOGUE).first()
    if catalogue is None:
        raise DemoRefused("Laad eerst de catalogus: werkset catalog load")
    users = {
        u.username: u for u in User.objects.filter(username__in=["rapporteur-oost", "landelijk"])
    }
    if len(users) != 2:
        raise DemoRefused("Maak eerst de demo-accounts aan.")
    writer = users["rapporteur-oost"]
    rng = random.Random(DEMO_SEED)  # noqa: S311 (fictitious demo content, not security)
    with transaction.atomic():
        concept = _report(CONCEPT_REGION, PERIOD) or _started(CONCEPT_REGION, catalogue, writer)
        _fill_once(concept, writer, rng, completeness=0.15)
        put_forward = _report(PUT_FORWARD_REGION, PERIOD)
        if put_forward is None:
            put_forward = _started(PUT_FORWARD_REGION, catalogue, writer)
            _fill_answers(put_forward, writer, rng, completeness=0.8)
            _assess(put_forward, writer)
            report_transition(report=put_forward, name="submit", user=writer)
            put_forward = report_transition(report=put_forward, name="put_forward", user=writer)
        removed = _report(REMOVED_REGION, PERIOD)
        if removed is None:
            removed = report_remove(report=_started(REMOVED_REGION, catalogue, writer), user=writer)
        withdrawn = _report(*WITHDRAWN)
        if withdrawn is not None and withdrawn.status == ReportStatus.VASTGESTELD:
            withdrawn = report_transition(
                report=withdrawn, name="withdraw", user=users["landelijk"], note=WITHDRAWAL_REASON
            )
    return DemoStates(
        concept=concept, put_forward=put_forward, removed=removed, withdrawn=withdrawn
    )


def _started(code: str, catalogue: CatalogueVersion, writer: User) -> Report:
    return report_start(
        region=Region.objects.get(code=code),
        period=PERIOD,
        catalogue_version=catalogue,
        user=writer,
    )


def _fill_once(report: Report, writer: User, rng: random.Random, *, completeness: float) -> None:
    if not report.answers.filter(revision__gt=0).exists():
        _fill_answers(report, writer, rng, completeness=completeness)
