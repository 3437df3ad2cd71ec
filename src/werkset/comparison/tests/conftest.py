"""Reports made directly in the database (only the answers a test needs), fast enough to
make 25 of them; the report workflow itself is tested in the reports app."""

import pytest
from django.core.cache import cache

from werkset.catalogue.models import Indicator
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Answer, Report, ReportStatus

TAFEL = "vt-zsm.ontwikkel.vt-aan-zsm-tafel"
KOSTEN = "vt-zsm.ontwikkel.kosten-randvoorwaarden"
FREQUENTIE = "actieoverleg.uitvoering.frequentie"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The trend caches national figures per period; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_report(catalogue_2021, regions):
    indicators = {i.key: i for i in Indicator.objects.filter(version=catalogue_2021)}

    def make(
        region: str,
        period: str = "2024",
        *,
        status: str = ReportStatus.VASTGESTELD,
        number: int = 1,
        answers: dict | None = None,
        network: str = "",
    ) -> Report:
        """A region's report, or with `network` (region "") that network's own report,
        whose answers may give `regional` answers per region code."""
        report = Report.objects.create(
            region=Region.objects.get(code=region) if region else None,
            network=RegionalNetwork.objects.get(code=network) if network else None,
            period=period,
            catalogue_version=catalogue_2021,
            number=number,
            status=status,
        )
        Answer.objects.bulk_create(
            Answer(
                report=report,
                indicator=indicators[key],
                choice=content.get("choice", ""),
                explanation=content.get("explanation", ""),
                figures=content.get("figures", {}),
                regional=content.get("regional", {}),
            )
            for key, content in (answers or {}).items()
        )
        return report

    return make


def kosten(amount: str, choice: str = "ja") -> dict:
    return {KOSTEN: {"choice": choice, "figures": {"kosten": amount}}}
