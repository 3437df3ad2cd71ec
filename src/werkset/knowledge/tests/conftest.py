import pytest

from werkset.accounts.models import Role, User
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from werkset.reports.models import PracticeItem, Quote, Report, SectionText, SourceDocument
from werkset.reports.services import report_start
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition

# A word only the concept holds (test: concept text never appears).
CONCEPT_WORD = "paardensprong"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and deliver its domain events, as a real commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def finalised(
    report: Report, rapporteur_friesland: User, catalogue_2021: CatalogueVersion, committed
) -> Report:
    """Friesland's 2025 report with a practice item, a quote, a source and a running text,
    finalised by its network (Noord-Nederland)."""
    theme = catalogue_2021.themes.get(key="actieoverleg")
    PracticeItem.objects.create(
        report=report,
        theme=theme,
        kind="casusreview",
        title="Casusreview: eerder samen aan tafel",
        text="De partners maakten **samenwerkingsafspraken** over de eerste week. "
        "Zij <script>alert(1)</script> bespraken de gesprekken met de reclassering.",
    )
    Quote.objects.create(report=report, theme=theme, text="Wij kennen elkaar nu bij naam.")
    SourceDocument.objects.create(report=report, theme=theme, title="Jaarplan Actieoverleg")
    SectionText.objects.create(report=report, theme=theme, text="Het overleg kwam elf keer bijeen.")
    with committed():
        report_transition(report=report, name="submit", user=rapporteur_friesland)
        report_decided(report, rapporteur_friesland)
    report.refresh_from_db()
    return report


@pytest.fixture
def concept_utrecht(
    report: Report, make_user, utrecht: Region, catalogue_2021: CatalogueVersion
) -> Report:
    """Utrecht's concept for 2025 (the `report` fixture opens the round of 2025)."""
    rapporteur = make_user(Role.RAPPORTEUR, region=utrecht)
    concept = report_start(
        region=utrecht, period="2025", catalogue_version=catalogue_2021, user=rapporteur
    )
    PracticeItem.objects.create(
        report=concept,
        theme=catalogue_2021.themes.get(key="actieoverleg"),
        kind="interview",
        title="Interview in concept",
        text=f"Een {CONCEPT_WORD} in de samenwerking.",
    )
    return concept
