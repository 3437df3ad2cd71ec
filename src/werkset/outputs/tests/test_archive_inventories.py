"""What national inventories recorded about the report's region, in its JSON archive
(issue 22): exported, and the archive still imports (the part is informational)."""

import json

import pytest

from werkset.inventories.demo import inventory_demo_create
from werkset.inventories.models import InventoryRecord
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_archive_carries_the_regions_inventory_and_imports(report):
    inventory_demo_create()
    document = report_json(report=report)
    (item,) = document["inventories"]
    assert item["region"] == "friesland"
    assert item["verdict"] == "wel"
    assert "monitoren" in item["codes"]
    Report.objects.filter(pk__in=Report.objects.values("pk")).delete()
    report_json_import(data=json.dumps(document), user=None, keep_status=True, map_users=True)
    assert Report.objects.count() == 1
    assert InventoryRecord.objects.count() == 25
