"""The demo's Werkset 2.0 self-audit of one network (issue 23 item 3): Noord-Nederland
writes "Werkset 2.0 met resultaten" as a network for the open round of the second half of
2026, with its value answers filled in. Made through the product's services (round, start,
answers), like the Friesland reports; every text is fictitious and names no one."""

import datetime
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.regions.models import RegionalNetwork
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, Report
from werkset.reports.services import answer_save, report_start
from werkset.rounds.models import ReportingRound

from .content import demo_answer
from .seed_report import RAPPORTEUR
from .services import DemoRefused

SELF_AUDIT_CATALOGUE = "werkset-2-0-1"
SELF_AUDIT_NETWORK = "noord-nederland"
# A half year: the self-audit serves the PDCA cycle, twice a year (seed 002, seed 003).
SELF_AUDIT_PERIOD = "2026-H2"
SELF_AUDIT_SEED = 2026

# Per value category: the choice and a fictitious toelichting, as a network might write them.
VALUE_ANSWERS = {
    "kwaliteit": (
        "ja",
        "In de casusreviews van het netwerk zien de partners dat de veiligheid eerder en "
        "vollediger gezamenlijk in beeld is. (fictief)",
    ),
    "efficientie": (
        "deels",
        "Afstemming gebeurt vaker in één overleg in plaats van in losse contacten; het "
        "vastleggen kost nog dubbel werk. (fictief)",
    ),
    "effectiviteit": (
        "deels",
        "Het effect op herhaling is nog niet te meten; de partners noemen minder "
        "herhaalde meldingen in de casussen die zij samen bespraken. (fictief)",
    ),
    "samenwerking": (
        "ja",
        "De partners kennen elkaar en bellen elkaar meteen, ook buiten het overleg. (fictief)",
    ),
}


def demo_self_audit_create() -> Report | None:
    """Noord-Nederland's self-audit for 2026-H2, started in its open round and with every
    value question answered. Skipped (the existing report returned) if the network has one;
    None where the catalogue version is not loaded or the period's round uses another one."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    catalogue = CatalogueVersion.objects.filter(slug=SELF_AUDIT_CATALOGUE).first()
    if catalogue is None:
        return None
    network = RegionalNetwork.objects.get(code=SELF_AUDIT_NETWORK)
    existing = Report.objects.filter(
        network=network, region__isnull=True, period=SELF_AUDIT_PERIOD, catalogue_version=catalogue
    ).first()
    if existing is not None:
        return existing
    rapporteur = User.objects.filter(username=RAPPORTEUR[0]).first()
    if rapporteur is None:
        raise DemoRefused("Maak eerst de demo-accounts aan.")
    reporting_round, _created = ReportingRound.objects.get_or_create(
        period=SELF_AUDIT_PERIOD,
        defaults={
            "catalogue_version": catalogue,
            "deadline": timezone.localdate() + datetime.timedelta(weeks=8),
        },
    )
    if reporting_round.catalogue_version_id != catalogue.pk or not reporting_round.is_open:
        return None
    rng = random.Random(SELF_AUDIT_SEED)  # noqa: S311 (fictitious demo content)
    with transaction.atomic():
        report = report_start(
            network=network,
            period=SELF_AUDIT_PERIOD,
            catalogue_version=catalogue,
            user=rapporteur,
        )
        answers = Answer.objects.filter(report=report).select_related(
            "indicator__answer_type", "indicator__element"
        )
        for answer in answers.order_by("indicator__position"):
            content = _content(answer.indicator, rng)
            if content.choice or content.figures or content.explanation:
                answer_save(
                    answer=answer, content=content, base_revision=answer.revision, user=rapporteur
                )
    return report


def _content(indicator: Indicator, rng: random.Random) -> AnswerContent:
    """Every value question answered; the rest of the self-audit about half filled in."""
    if indicator.element.key != "waarde":
        return demo_answer(indicator, rng, completeness=0.5)
    choice, explanation = VALUE_ANSWERS[indicator.value_category]
    figures = {
        field["key"]: rng.choice(["ja", "deels"])
        for field in indicator.answer_type.fields
        if field["kind"] == "keuze"
    }
    return AnswerContent(choice=choice, explanation=explanation, figures=figures)
