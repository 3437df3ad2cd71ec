"""Plain reads (core.reads): the ORM's rows, order and locks without its query compiler."""

import pytest
from django.db import connection
from django.db.models import F

from werkset.core.reads import Read, _sql, read_together
from werkset.regions.models import Organisation, Region
from werkset.reports.models import AnswerChange, Report

pytestmark = pytest.mark.django_db


def test_rijen_komen_in_de_standaardvolgorde_van_het_model(regions):
    Organisation.objects.update(position=F("position") + 1)
    Organisation.objects.filter(code="politie").update(position=0)
    [partners] = read_together(Read(Organisation, "core_partner = %s", [True]))
    assert [o.pk for o in partners] == [
        o.pk for o in Organisation.objects.filter(core_partner=True)
    ]
    assert partners[0].code == "politie"


def test_eigen_volgorde_en_limiet(regions):
    [found] = read_together(Read(Region, "1 = 1", [], order_by=("-position", "-id"), limit=2))
    assert [r.pk for r in found] == list(
        Region.objects.order_by("-position", "-id").values_list("pk", flat=True)[:2]
    )


def test_een_volgorde_met_een_join_kiest_de_databasevolgorde():
    """AnswerChange orders by its answer (the answer's own ordering, a join): left out."""
    assert "ORDER BY" not in _sql(Read(AnswerChange, "answer_id = %s", [1]))


def test_een_gevraagde_volgorde_buiten_de_eigen_kolommen_is_een_fout():
    with pytest.raises(ValueError, match="own columns"):
        _sql(Read(AnswerChange, "answer_id = %s", [1], order_by=("answer",)))


def test_een_vergrendeling_geldt_alleen_de_eigen_tabel_en_niet_op_sqlite():
    sql = _sql(Read(Report, "reports_report.id = %s", [1], joined=("region",), lock="FOR SHARE"))
    if connection.features.has_select_for_update:
        assert sql.endswith('FOR SHARE OF "reports_report"')
    else:
        assert "FOR SHARE" not in sql
