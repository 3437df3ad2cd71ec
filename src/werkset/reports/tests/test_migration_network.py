"""The migration to network reports (issue 18) keeps every region's report as it was and
gives it its region's network."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

# The catalogue goes back too: the test writes a catalogue version with the models of then.
BEFORE = [
    ("reports", "0002_report_story"),
    ("accounts", "0001_initial"),
    ("catalogue", "0001_initial"),
]
AFTER = [("reports", "0003_network_reports")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_een_regiorapportage_krijgt_het_netwerk_van_haar_regio_en_verliest_niets():
    from werkset.conftest import regions_create

    try:
        old = _migrate(BEFORE)
        regions_create()
        Region = old.get_model("regions", "Region")
        CatalogueVersion = old.get_model("catalogue", "CatalogueVersion")
        catalogue = CatalogueVersion.objects.create(
            slug="proef", title="Proef", edition="proef", published_on="2021-01-01"
        )
        friesland = Region.objects.get(code="friesland")
        report = old.get_model("reports", "Report").objects.create(
            region=friesland, period="2024", catalogue_version=catalogue, status="vastgesteld"
        )
        new = _migrate(AFTER)
        moved = new.get_model("reports", "Report").objects.get(pk=report.pk)
        assert moved.network_id == friesland.network_id
        assert (moved.region_id, moved.period, moved.status) == (
            friesland.pk,
            "2024",
            "vastgesteld",
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
