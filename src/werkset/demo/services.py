"""Demo data for trying werkset out: fictitious accounts, never for production."""

import datetime
import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from werkset.accounts.models import NETWORK_ROLES, Role, RoleAssignment, User
from werkset.accounts.scope import scope_for_user
from werkset.accounts.services import role_assign
from werkset.catalogue.models import CatalogueVersion
from werkset.comparison.services import criterion_save, maturity_save
from werkset.comparison.vocabulary import CRITERIA
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.regions.models import Organisation, Region, RegionalNetwork
from werkset.reports.comment_services import comment_add, comment_resolve
from werkset.reports.models import Answer, Report
from werkset.reports.services import answer_save, report_start
from werkset.reports.text_services import report_item_save, section_text_save
from werkset.reports.workflow import Decision, report_transition
from werkset.rounds.models import ReportingRound
from werkset.rounds.services import round_close

from .content import PRACTICE_ITEMS, QUOTES, SOURCES, demo_answer
from .seed_report import CHAIR, RAPPORTEUR, seed_report_archive

DEMO_REGION = "friesland"
DEMO_NETWORK = "noord-nederland"


class DemoRefused(Exception):
    """Demo data would be created where it does not belong, or before its ground."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    organisation: str | None
    first_name: str
    last_name: str
    network: str = DEMO_NETWORK
    # A rapporteur of the network's own report rather than of the demo region's.
    for_network: bool = False
    # The regions a rapporteur writes for.
    regions: tuple[str, ...] = (DEMO_REGION,)


DEMO_ACCOUNTS = [
    DemoAccount("rapporteur", Role.RAPPORTEUR, "vt", "Demo", "Rapporteur (fictief)"),
    DemoAccount(
        "rapporteur-netwerk",
        Role.RAPPORTEUR,
        "vt",
        "Demo",
        "Rapporteur netwerk (fictief)",
        for_network=True,
    ),
    DemoAccount("netwerklid", Role.NETWERKLID, "om", "Demo", "Netwerklid (fictief)"),
    # The network's chair: records the network's decision on a report (issue 19).
    DemoAccount("voorzitter", Role.VASTSTELLER, None, "Demo", "Voorzitter netwerk (fictief)"),
    # A member of another network: the auditor of the demo peer audit (improvement/demo.py).
    DemoAccount(
        "netwerklid-oost",
        Role.NETWERKLID,
        "politie",
        "Demo",
        "Netwerklid Oost (fictief)",
        network="oost-nederland",
    ),
    # Manages the accounts of the network's people (issue 21).
    DemoAccount("coordinator", Role.COORDINATOR, None, "Demo", "Coördinator netwerk (fictief)"),
    # Oost-Nederland's rapporteur and chair: the demo's reports in the other states of the
    # workflow (demo/states.py: a concept, one put to the network, a removed concept).
    DemoAccount(
        "rapporteur-oost",
        Role.RAPPORTEUR,
        "vt",
        "Demo",
        "Rapporteur Oost (fictief)",
        network="oost-nederland",
        regions=("ijsselland", "noord-oost-gelderland", "gelderland-midden"),
    ),
    DemoAccount(
        "voorzitter-oost",
        Role.VASTSTELLER,
        None,
        "Demo",
        "Voorzitter Oost (fictief)",
        network="oost-nederland",
    ),
    DemoAccount("landelijk", Role.LANDELIJK, "lnzs", "Demo", "Landelijk (fictief)"),
    DemoAccount("beheerder", Role.BEHEERDER, None, "Demo", "Beheerder (fictief)"),
]


def demo_password_generate() -> str:
    return secrets.token_urlsafe(12)


def demo_users_create(*, password: str) -> list[DemoLogin]:
    """Create (or reset) one account per role; running it twice gives the same accounts."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused(
            "Demogegevens worden niet aangemaakt onder productie-instellingen "
            "(WERKSET_ENVIRONMENT=production)."
        )
    regions = {region.code: region for region in Region.objects.all()}
    networks = {n.code: n for n in RegionalNetwork.objects.all()}
    wanted = {code for account in DEMO_ACCOUNTS for code in account.regions}
    if not wanted <= regions.keys() or any(a.network not in networks for a in DEMO_ACCOUNTS):
        raise DemoRefused("Laad eerst de regio's: werkset regions load")
    organisations = {org.code: org for org in Organisation.objects.all()}

    logins: list[DemoLogin] = []
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=account.username)
            user.first_name = account.first_name
            user.last_name = account.last_name
            user.organisation = organisations.get(account.organisation or "")
            user.is_active = True
            user.set_password(password)
            user.save()
            by_network = account.role in NETWORK_ROLES or account.for_network
            scope_network = networks[account.network] if by_network else None
            scopes: list[Region | None] = (
                [regions[code] for code in account.regions]
                if account.role == Role.RAPPORTEUR and not by_network
                else [None]
            )
            for scope_region in scopes:
                already = RoleAssignment.objects.filter(
                    user=user, role=account.role, region=scope_region, network=scope_network
                ).exists()
                if not already:
                    role_assign(
                        user=user,
                        role=account.role,
                        region=scope_region,
                        network=scope_network,
                        assigned_by=None,
                    )
            named = [str(item) for item in scopes if item is not None] or (
                [str(scope_network)] if scope_network else ["landelijk"]
            )
            logins.append(
                DemoLogin(
                    username=account.username,
                    role=str(account.role.label),
                    scope=", ".join(named),
                )
            )
        audit_record(
            actor=None,
            action=AuditAction.DEMO_CREATED,
            summary="Demo-accounts aangemaakt of bijgewerkt",
            detail={"accounts": [login.username for login in logins]},
        )
    return logins


DEMO_CATALOGUE = "werkset-2021"
# Friesland's finalised report and the one under discussion that starts from it.
DEMO_DECIDED_PERIOD = "2024"
DEMO_OPEN_PERIOD = "2025"
OPEN_COMMENTS = [
    (
        "actieoverleg.uitvoering.frequentie",
        "correctie",
        "Het Actie-overleg is tweewekelijks, niet wekelijks. (fictief)",
    ),
    (
        "samenhang.waarde.lerend-netwerk",
        "opmerking",
        "Kunnen we hier een voorbeeld uit de praktijk bij zetten? (fictief)",
    ),
    (
        "vt-zsm.uitvoering.inzet",
        "opmerking",
        "Vanuit de reclassering zien we de inzet anders; graag bespreken. (fictief)",
    ),
]
DEMO_SEED = 2021


def _assess(report: Report, rapporteur: User) -> None:
    """The writer's assessment of every theme (issue 19: the network decides on a report
    only when it is complete); one characteristic consciously not assessed, with a reason."""
    scope = scope_for_user(rapporteur)
    rng = random.Random(DEMO_SEED + 1)  # noqa: S311 (fictitious demo content)
    for theme in report.catalogue_version.themes.order_by("position"):
        maturity_save(
            report=report,
            theme=theme,
            level=rng.choice([2, 3, 3, 4]),
            motivation="Werkafspraken staan; de evaluatie volgt dit jaar. (fictief)",
            user=rapporteur,
            scope=scope,
        )
    for criterion in CRITERIA:
        criterion_save(
            report=report,
            criterion=criterion.key,
            verdict="" if criterion.key == "binnen-een-week" else "ja",
            explanation="Vastgelegd in de werkafspraken. (fictief)",
            not_assessed_reason="De doorlooptijd wordt pas sinds dit jaar geregistreerd. (fictief)",
            user=rapporteur,
            scope=scope,
        )


def demo_reports_create() -> list[Report]:
    """Friesland: 2024 complete and finalised (with practice items, quotes and sources),
    2025 started from it and under discussion with open comments. Skipped if present."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    catalogue = CatalogueVersion.objects.filter(slug=DEMO_CATALOGUE).first()
    if catalogue is None:
        raise DemoRefused("Laad eerst de catalogus: werkset catalog load")
    region = Region.objects.get(code=DEMO_REGION)
    past, _current = demo_rounds_create(catalogue)
    existing = Report.objects.filter(region=region, catalogue_version=catalogue)
    if existing.filter(period__in=[DEMO_DECIDED_PERIOD, DEMO_OPEN_PERIOD]).exists():
        _demo_round_closed(past)
        return list(existing.order_by("period"))
    rapporteur = User.objects.get(username="rapporteur")
    netwerklid = User.objects.get(username="netwerklid")
    if not User.objects.filter(username="voorzitter").exists():
        raise DemoRefused("Maak eerst de demo-accounts aan.")
    rng = random.Random(DEMO_SEED)  # noqa: S311 (fictitious demo content, not security)

    with transaction.atomic():
        finalised = report_start(
            region=region, period=DEMO_DECIDED_PERIOD, catalogue_version=catalogue, user=rapporteur
        )
        _fill_answers(finalised, rapporteur, rng, completeness=1.0)
        _add_texts_and_items(finalised, rapporteur)
        _assess(finalised, rapporteur)
        report_transition(report=finalised, name="submit", user=rapporteur)
        first = finalised.answers.select_related("indicator__theme").first()
        comment = comment_add(
            report=finalised,
            user=netwerklid,
            text="Klopt het bedrag? Volgens het OM waren de kosten lager. (fictief)",
            kind="correctie",
            answer=first,
        )
        comment_resolve(
            comment=comment, user=rapporteur, resolution="Nagevraagd bij het OM; bedrag klopt."
        )
        report_transition(report=finalised, name="put_forward", user=rapporteur)
        finalised = report_transition(
            report=finalised,
            name="finalise",
            user=User.objects.get(username="voorzitter"),
            decision=Decision(
                decided_on=timezone.localdate(),
                decided_by="Het Regionaal Netwerk Zorg-Straf in zijn vergadering (fictief)",
            ),
        )

        current = report_start(
            region=region,
            period=DEMO_OPEN_PERIOD,
            catalogue_version=catalogue,
            user=rapporteur,
            start_from=finalised,
        )
        _fill_answers(current, rapporteur, rng, completeness=0.25)
        current = report_transition(report=current, name="submit", user=rapporteur)
        for key, kind, text in OPEN_COMMENTS:
            answer = current.answers.select_related("indicator__theme").get(indicator__key=key)
            comment_add(report=current, user=netwerklid, text=text, kind=kind, answer=answer)
        _demo_round_closed(past)
    return [finalised, current]


def _demo_round_closed(past: ReportingRound) -> None:
    past.refresh_from_db()
    if past.is_open:
        round_close(reporting_round=past, user=User.objects.get(username="landelijk"))


def demo_rounds_create(catalogue: CatalogueVersion) -> tuple[ReportingRound, ReportingRound]:
    """The demo's reporting rounds (issue 19): 2024, whose deadline has passed (closed once
    its reports are started), and 2025, open with a deadline eight weeks ahead. Written as
    demo ground: opening a round with a deadline in the past is refused in the product."""
    past, _created = ReportingRound.objects.get_or_create(
        period=DEMO_DECIDED_PERIOD,
        defaults={"catalogue_version": catalogue, "deadline": datetime.date(2025, 3, 1)},
    )
    current, _created = ReportingRound.objects.get_or_create(
        period=DEMO_OPEN_PERIOD,
        defaults={
            "catalogue_version": catalogue,
            "deadline": timezone.localdate() + datetime.timedelta(weeks=8),
        },
    )
    return past, current


def demo_network_report_create() -> Report | None:
    """Noord-Nederland's own report for 2022 (seed 001, every name replaced), entered
    through the product's own import as a report the network has finalised. Skipped if
    the network already has its 2022 report; the Friesland reports are 2024 and 2025,
    so the network reporting per region there does not clash with this one. None where
    the network already reports per region for 2022 (a database of an earlier demo)."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    archive = seed_report_archive()
    catalogue = CatalogueVersion.objects.filter(slug=archive["catalogue"]).first()
    if catalogue is None:
        raise DemoRefused("Laad eerst de catalogus: werkset catalog load")
    existing = Report.objects.filter(
        network__code=archive["network"],
        region__isnull=True,
        period=archive["period"],
        catalogue_version=catalogue,
    ).first()
    if existing is not None:
        return existing
    if Report.objects.filter(
        network__code=archive["network"], period=archive["period"], region__isnull=False
    ).exists():
        # A database where an earlier demo made the regions' 2022 reports: the network
        # reports per region for 2022 there, so it cannot report as a whole as well.
        return None
    if User.objects.filter(username__in=[RAPPORTEUR[0], CHAIR[0]]).count() != 2:
        raise DemoRefused("Maak eerst de demo-accounts aan.")
    # The command line's import (user None) keeps the status and links the archive's
    # people to the demo accounts of the same name, as when moving an installation.
    try:
        return report_json_import(data=archive, user=None, keep_status=True, map_users=True)
    except ImportRefused as exc:
        raise DemoRefused(f"De demorapportage van het netwerk past niet:\n{exc}") from exc


def _fill_answers(report: Report, user: User, rng: random.Random, *, completeness: float) -> None:
    answers = Answer.objects.filter(report=report).select_related(
        "indicator__answer_type", "indicator__element"
    )
    for answer in answers.order_by("indicator__position"):
        content = demo_answer(answer.indicator, rng, completeness=completeness)
        if content.choice or content.figures or content.explanation:
            answer_save(answer=answer, content=content, base_revision=answer.revision, user=user)


def _add_texts_and_items(report: Report, user: User) -> None:
    themes = list(report.catalogue_version.themes.all())
    for index, theme in enumerate(themes):
        section_text_save(
            report=report,
            theme=theme,
            element=None,
            text=(
                f"In deze regio is in het verslagjaar verder gebouwd aan {theme.short_title}. "
                "De partners bespraken de stand van zaken twee keer in het RNZS. "
                "(Fictieve demotekst.)"
            ),
            base_revision=0,
            user=user,
        )
        kind, title, text, source = PRACTICE_ITEMS[index % len(PRACTICE_ITEMS)]
        report_item_save(
            report=report,
            user=user,
            kind="praktijk",
            values={"theme": theme, "kind": kind, "title": title, "text": text, "source": source},
        )
        report_item_save(
            report=report,
            user=user,
            kind="quote",
            values={"theme": theme, "text": QUOTES[index % len(QUOTES)], "attribution": ""},
        )
        source_title, description = SOURCES[index % len(SOURCES)]
        report_item_save(
            report=report,
            user=user,
            kind="bron",
            values={"theme": theme, "title": source_title, "description": description},
        )
