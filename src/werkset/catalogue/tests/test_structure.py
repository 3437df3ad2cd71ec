"""The catalogue structure that a process reads once per published version (ADR 0011)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.structure import catalogue_structure

pytestmark = pytest.mark.django_db


def test_thema_s_elementen_en_indicatoren_in_catalogusvolgorde(catalogue_2021):
    structure = catalogue_structure(version=catalogue_2021)
    assert [t.key for t in structure.themes] == list(
        Theme.objects.filter(version=catalogue_2021)
        .order_by("position")
        .values_list("key", flat=True)
    )
    indicators = Indicator.objects.filter(version=catalogue_2021).order_by("position")
    assert [i.pk for i in structure.indicators] == [i.pk for i in indicators]
    acuut = structure.theme("acuut")
    assert [e.position for e in structure.theme_elements(acuut)] == sorted(
        e.position for e in structure.theme_elements(acuut)
    )
    for indicator in structure.theme_indicators(acuut):
        assert indicator.theme is acuut
        assert indicator.element in structure.theme_elements(acuut)
        assert indicator.answer_type.version_id == catalogue_2021.pk


def test_een_tweede_keer_leest_niets_uit_de_database(catalogue_2021):
    catalogue_structure(version=catalogue_2021)
    again = CatalogueVersion.objects.get(pk=catalogue_2021.pk)
    with CaptureQueriesContext(connection) as queries:
        structure = catalogue_structure(version=again)
        assert structure.theme("acuut") is not None
    assert len(queries) == 0


def test_een_versie_met_een_andere_laadtijd_wordt_opnieuw_gelezen(catalogue_2021):
    # As after a fresh database in which the same version was published again, with the
    # same id: the structure read before is not used for it.
    first = catalogue_structure(version=catalogue_2021)
    CatalogueVersion.objects.filter(pk=catalogue_2021.pk).update(
        loaded_at=catalogue_2021.loaded_at + timedelta(seconds=1)
    )
    reloaded = CatalogueVersion.objects.get(pk=catalogue_2021.pk)
    with CaptureQueriesContext(connection) as queries:
        second = catalogue_structure(version=reloaded)
    assert second is not first
    assert len(queries) == 3


def test_onbekend_thema_geeft_none(catalogue_2021):
    assert catalogue_structure(version=catalogue_2021).theme("bestaat-niet") is None
