"""A report is about a period that has begun (issue 19): a future period is refused."""

import pytest
from django.urls import reverse

from werkset.reports.models import Report

pytestmark = pytest.mark.django_db


def test_een_periode_in_de_toekomst_wordt_geweigerd(
    client_for, rapporteur_friesland, friesland, catalogue_2021
):
    response = client_for(rapporteur_friesland).post(
        reverse("region_workspace", args=[friesland.code]),
        {"period": "2028", "catalogue_version": catalogue_2021.pk, "start_from": ""},
    )
    assert response.status_code == 200
    assert "De periode 2028 is nog niet begonnen" in response.content.decode()
    assert not Report.objects.exists()
