"""`werkset demo` on a database with the regions and the catalogue: run once for the module
(a few seconds), each test's own changes (such as a second run) rolled back after it.
The command on other databases: test_demo_fresh.py."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from werkset.accounts.models import RoleAssignment, User
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.comparison.models import ThemeMaturity
from werkset.conftest import CATALOGUE_2021, regions_create
from werkset.improvement.models import ImprovementPoint, PeerAudit, SwotEntry
from werkset.improvement.selectors import points_overdue
from werkset.improvement.states import AuditStatus, PointStatus
from werkset.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(module_db) -> str:
    out = StringIO()
    with module_db(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
        regions_create()
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_once(demo_output: str, db: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the first run printed; the environment's password stays set for a second run."""
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    return demo_output


def test_een_account_per_rol_met_het_wachtwoord_uit_de_omgeving(demo_once: str) -> None:
    for role in ("rapporteur", "netwerklid", "coordinator", "landelijk", "beheerder"):
        user = User.objects.get(username=role)
        assert user.check_password("demo-wachtwoord-voor-test"), role
        assert RoleAssignment.objects.get(user=user).role == role
    assert "demo-wachtwoord-voor-test" not in demo_once
    assert RoleAssignment.objects.get(user__username="rapporteur").region.code == "friesland"
    assert RoleAssignment.objects.get(user__username="netwerklid").network.code == "noord-nederland"


def test_twee_keer_draaien_geeft_dezelfde_accounts(demo_once: str) -> None:
    call_command("demo", stdout=StringIO())
    assert User.objects.count() == 10
    # rapporteur-oost writes for three regions: one role assignment each.
    assert RoleAssignment.objects.count() == 12


def test_demorapportages_een_compleet_en_vastgesteld_een_ter_bespreking(demo_once: str) -> None:
    from werkset.reports.models import Comment, Report, ReportStatus
    from werkset.reports.selectors import report_progress

    call_command("demo", stdout=StringIO())

    finalised = Report.objects.get(region__code="friesland", period="2024")
    assert finalised.status == ReportStatus.VASTGESTELD
    progress = report_progress(report=finalised)
    assert progress.total.answered == progress.total.total == 114
    assert finalised.practice_items.count() == 5
    assert finalised.quotes.count() == 5
    assert finalised.sources.count() == 5

    discussed = Report.objects.get(region__code="friesland", period="2025")
    assert discussed.status == ReportStatus.TER_BESPREKING
    assert discussed.started_from == finalised
    assert Comment.objects.filter(report=discussed, resolved_at__isnull=True).count() == 3
    assert Report.objects.filter(region__code="friesland", period__in=["2024", "2025"]).count() == 2
    assert "Friesland 2024 (v1) — Vastgesteld" in demo_once


def _network_report():
    from werkset.reports.models import Report

    return Report.objects.get(network__code="noord-nederland", region=None, period="2022")


def test_het_netwerk_heeft_zijn_vastgestelde_rapportage_2022_eenmaal(demo_once: str) -> None:
    from werkset.reports.models import Report, ReportStatus

    call_command("demo", stdout=StringIO())

    report = _network_report()
    assert Report.objects.filter(network__code="noord-nederland", period="2022").count() == 1
    assert Report.objects.filter(region__code="groningen", period="2023").exists()
    assert report.region is None
    assert report.status == ReportStatus.VASTGESTELD
    assert report.decided_on is not None
    assert report.decided_by
    assert report.decision_recorded_by.username == "voorzitter"
    assert report.created_by.username == "rapporteur-netwerk"
    assert "Netwerkrapportage: Noord-Nederland 2022 (v1) — Vastgesteld" in demo_once
    # The network reports as a whole for 2022: the national demo made no region reports.
    assert (
        not Report.objects.filter(network__code="noord-nederland", region__isnull=False)
        .filter(period="2022")
        .exists()
    )


def test_de_netwerkrapportage_vertelt_het_verhaal_van_seed_001(demo_once: str) -> None:
    from werkset.demo.seed_report import seed_report_document
    from werkset.reports.story_selectors import report_story_outline

    seed = seed_report_document()
    report = _network_report()
    outline = report_story_outline(report=report)
    numbers = [
        outline.numbers[item.pk].label for item in report.practice_items.order_by("position")
    ]
    assert numbers == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "5.1", "5.2"]
    assert numbers == [item["number"] for item in seed["practice_items"]]
    assert report.introduction == seed["introduction"]
    assert report.title == seed["title"]
    assert report.quotes.count() == len(seed["quotes"])
    assert report.sources.count() == len(seed["sources"])
    # The product makes its own Bijlage 1; the seed's copy of it is left out.
    assert [s.title for s in outline.sections] == [
        s["title"] for s in seed["sections"] if s["key"] != "landelijke-context"
    ]


def test_de_netwerkrapportage_antwoordt_per_regio_waar_de_seed_dat_doet(demo_once: str) -> None:
    from werkset.demo.seed_report import seed_report_document

    seed = seed_report_document()
    report = _network_report()
    answers = {a.indicator.key: a for a in report.answers.select_related("indicator")}
    for given in seed["answers"]:
        assert answers[given["indicator"]].choice == given["choice"], given["indicator"]
    regional = {a.indicator.key: a.regional for a in answers.values() if a.regional}
    expected = {a["indicator"]: set(a["regional"]) for a in seed["answers"] if a.get("regional")}
    assert expected
    assert {key: set(parts) for key, parts in regional.items()} == expected


def test_de_netwerkrapportage_heeft_geen_onbesproken_privacytreffers(demo_once: str) -> None:
    from werkset.privacy.selectors import report_uncleared_hits

    assert report_uncleared_hits(report=_network_report()) == []


def test_geen_netwerkrapportage_waar_het_netwerk_al_per_regio_rapporteert(demo_once: str) -> None:
    """A database of an earlier demo holds the regions' 2022 reports: the network's own
    report is left out there rather than breaking 'as a whole or per region'."""
    from werkset.demo.services import demo_network_report_create
    from werkset.regions.models import Region
    from werkset.reports.models import Report

    network_report = _network_report()
    network_report.delete()
    groningen = Region.objects.get(code="groningen")
    Report.objects.create(
        network=groningen.network,
        region=groningen,
        period="2022",
        catalogue_version=network_report.catalogue_version,
    )

    assert demo_network_report_create() is None
    assert not Report.objects.filter(network__code="noord-nederland", region=None).exists()


def test_de_titelpagina_noemt_het_netwerk_eenmaal(demo_once: str) -> None:
    from werkset.outputs.story import report_html

    html = report_html(report=_network_report())
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert facts.count("Noord-Nederland") == 1
    assert "Regionaal netwerk" in facts


def test_de_demo_heeft_een_open_ronde_met_een_deadline(demo_once: str) -> None:
    from django.utils import timezone

    from werkset.rounds.models import ReportingRound, RoundStatus

    call_command("demo", stdout=StringIO())
    current = ReportingRound.objects.get(period="2025")
    assert current.status == RoundStatus.OPEN
    assert current.deadline > timezone.localdate()
    assert ReportingRound.objects.get(period="2024").status == RoundStatus.CLOSED
    assert "Open rapportageronde: 2025, werkset-2021, deadline" in demo_once


def test_de_demo_heeft_rapportages_in_elke_status(demo_once: str) -> None:
    from werkset.reports.models import Report, ReportStatus

    call_command("demo", stdout=StringIO())
    standing = Report.objects.filter(removed_at__isnull=True)
    assert set(standing.values_list("status", flat=True)) == set(ReportStatus.values)
    assert standing.get(region__code="noord-oost-gelderland", period="2025").status == "concept"
    put_forward = standing.get(region__code="ijsselland", period="2025")
    assert put_forward.status == ReportStatus.VOORGELEGD
    assert "Demorapportage: IJsselland 2025 (v1) — Voorgelegd ter vaststelling" in demo_once


def test_de_voorgelegde_rapportage_kan_door_de_voorzitter_worden_vastgesteld(
    demo_once: str,
) -> None:
    from django.utils import timezone

    from werkset.reports.models import Report, ReportStatus
    from werkset.reports.readiness import report_readiness
    from werkset.reports.workflow import Decision, report_transition

    report = Report.objects.get(region__code="ijsselland", period="2025")
    assert report_readiness(report=report, step="finalise").ok
    decided = report_transition(
        report=report,
        name="finalise",
        user=User.objects.get(username="voorzitter-oost"),
        decision=Decision(decided_on=timezone.localdate(), decided_by="Het RNZS (fictief)"),
    )
    assert decided.status == ReportStatus.VASTGESTELD


def test_de_demo_heeft_een_verwijderd_concept_dat_terug_kan(demo_once: str) -> None:
    from werkset.reports.models import Report, ReportStatus
    from werkset.reports.undo import report_restore

    removed = Report.objects.get(region__code="gelderland-midden", period="2025")
    assert removed.removed_at is not None
    assert removed.status == ReportStatus.CONCEPT
    assert "Verwijderd concept (terug te zetten door rapporteur-oost)" in demo_once
    restored = report_restore(report=removed, user=User.objects.get(username="rapporteur-oost"))
    assert restored.removed_at is None


def test_de_demo_heeft_een_ingetrokken_rapportage_met_reden(demo_once: str) -> None:
    from werkset.accounts.scope import scope_for_user
    from werkset.reports.models import Report, ReportStatus
    from werkset.reports.selectors import reports_compared

    withdrawn = Report.objects.get(region__code="gelderland-zuid", period="2023")
    assert withdrawn.status == ReportStatus.INGETROKKEN
    assert withdrawn.withdrawal_reason.startswith("Per vergissing")
    assert withdrawn.withdrawn_by.username == "landelijk"
    national = scope_for_user(User.objects.get(username="landelijk"))
    assert not reports_compared(scope=national).filter(pk=withdrawn.pk).exists()


def test_twee_keer_draaien_maakt_geen_statussen_dubbel(demo_once: str) -> None:
    from werkset.reports.models import Report

    before = Report.objects.count()
    call_command("demo", stdout=StringIO())
    assert Report.objects.count() == before


def test_de_kennisbank_vindt_de_praktijkvoorbeelden_van_de_demo(demo_once: str, client_for) -> None:
    from django.urls import reverse

    from werkset.reports.models import PracticeItem, ReportStatus

    items = PracticeItem.objects.filter(
        report__status=ReportStatus.VASTGESTELD, report__region__code="friesland"
    )
    assert items.exists()
    client = client_for(User.objects.get(username="netwerklid-oost"))
    for item in items[:3]:
        response = client.get(reverse("knowledge:search"), {"q": item.title})
        assert item.title in response.content.decode(), item.title
    concept = PracticeItem.objects.filter(report__status=ReportStatus.CONCEPT).first()
    if concept is not None:
        page = client.get(
            reverse("knowledge:search"), {"q": " ".join(concept.text.split()[:5])}
        ).content.decode()
        assert f"#praktijk-{concept.pk}" not in page


def test_de_demo_heeft_een_jaar_register_voor_twee_regios(demo_once: str) -> None:
    """Issue 24: a year of Actieoverleg meetings for Friesland and IJsselland."""
    from django.utils import timezone

    from werkset.register.models import AgreedAction, Meeting

    year = timezone.localdate().year - 1
    for code in ("friesland", "ijsselland"):
        dates = list(Meeting.objects.filter(region__code=code).values_list("held_on", flat=True))
        assert len(dates) >= 24
        assert {d.year for d in dates} == {year}
        assert max(dates) - min(dates) > datetime.timedelta(days=330)
    assert AgreedAction.objects.filter(done_on__isnull=True).exists()
    assert AgreedAction.objects.filter(done_on__gt=models.F("due_on")).exists()
    assert "Actieoverleg-register (fictief)" in demo_once


def test_de_demorapportage_krijgt_voorstellen_uit_het_register(demo_once: str) -> None:
    from werkset.demo.services import DEMO_OPEN_PERIOD
    from werkset.register.proposals import register_proposals
    from werkset.reports.models import Report

    report = Report.objects.get(region__code="friesland", period=DEMO_OPEN_PERIOD)
    section = register_proposals(report=report)
    assert section.figures.meetings >= 24
    assert len(section.proposals) == 3


# What the demo makes of the comparisons and the improvement cycle (moved here from the
# comparison and improvement apps' tests: one demo run for all of them).


def test_werkset_demo_houdt_friesland_en_dupliceert_niets(demo_once: str) -> None:
    call_command("demo", stdout=None)  # the second run
    friesland = Report.objects.filter(region__code="friesland").order_by("period", "number")
    # 2022: Noord-Nederland's own report (demo/services.py) stands for its three regions.
    assert [(r.period, r.number) for r in friesland] == [
        ("2023", 1),
        ("2024", 1),
        ("2025", 1),
    ]
    assert Report.objects.filter(network__code="noord-nederland", region=None).count() == 1
    # + Oost-Nederland's 2025 concept, report put forward and removed concept (demo/states.py).
    assert Report.objects.count() == 25 * 3 + 1 - 3 + 1 + 3
    friesland_2024 = friesland.get(period="2024")
    assert ThemeMaturity.objects.filter(report=friesland_2024).count() == 5


def test_noord_nederland_heeft_een_lopende_cyclus(demo_once: str):
    points = ImprovementPoint.objects.filter(network__code="noord-nederland")
    assert set(points.values_list("status", flat=True)) == {
        PointStatus.GEPLAND,
        PointStatus.IN_UITVOERING,
        PointStatus.GEEVALUEERD,
        PointStatus.GEBORGD,
    }
    assert points.filter(theme__key="actieoverleg", building_block="").count() == 0
    overdue = points_overdue(on=timezone.localdate())
    assert [p.owner.username for p in overdue] == ["netwerklid"]
    assert SwotEntry.objects.filter(network__code="noord-nederland").count() == 4
    assert points.filter(swot_entry__isnull=False).count() == 1
    assert "5 verbeterpunten, waarvan 1 verlopen" in demo_once


def test_friesland_2024_is_collegiaal_geaudit_door_een_ander_netwerk(demo_once: str):
    audit = PeerAudit.objects.get()
    assert audit.status == AuditStatus.AFGEROND
    assert (audit.report.region.code, audit.report.period) == ("friesland", "2024")
    assert audit.auditor_network.code == "oost-nederland"
    assert {f.kind for f in audit.findings.all()} == {"sterkte", "verbeterpunt", "vraag"}
    assert ImprovementPoint.objects.filter(finding__audit=audit).count() == 1


def test_twee_keer_draaien_maakt_niets_dubbel(demo_once: str):
    call_command("demo", stdout=StringIO())
    assert PeerAudit.objects.count() == 1
    assert ImprovementPoint.objects.count() == 5
