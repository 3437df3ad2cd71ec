"""Statistics against hand-computed values."""

from decimal import Decimal

import pytest

from werkset.comparison.statistics import distribution, figure_number, group_by, median

D = Decimal


def test_mediaan_oneven_aantal_is_de_middelste():
    assert median([D(5), D(1), D(3)]) == D(3)


def test_mediaan_even_aantal_is_het_gemiddelde_van_de_twee_middelste():
    assert median([D(10), D(1), D(4), D(7)]) == D("5.5")


def test_verdeling_geeft_n_min_mediaan_max():
    stats = distribution([D("1000.00"), D("250.50"), D("4000.00"), D("2000.00")])
    assert stats is not None
    assert (stats.n, stats.minimum, stats.median, stats.maximum) == (
        4,
        D("250.50"),
        D("1500.00"),
        D("4000.00"),
    )


def test_verdeling_van_niets_is_none():
    assert distribution([]) is None


@pytest.mark.parametrize(
    ("value", "per_year"),
    [
        ({"aantal": 1, "per": "week"}, 52),
        ({"aantal": 2, "per": "maand"}, 24),
        ({"aantal": 3, "per": "kwartaal"}, 12),
        ({"aantal": 5, "per": "jaar"}, 5),
    ],
)
def test_frequentie_wordt_per_jaar_genormaliseerd(value, per_year):
    assert figure_number({"kind": "frequentie"}, value) == D(per_year)


def test_keuzevelden_en_lege_waarden_zijn_geen_getal():
    assert figure_number({"kind": "keuze"}, "vt") is None
    assert figure_number({"kind": "euro"}, None) is None
    assert figure_number({"kind": "euro"}, "12.50") == D("12.50")
    assert figure_number({"kind": "aantal"}, 7) == D(7)


def test_groepen_splitsen_waarden_per_keuze():
    keys = {1: "deelnemer", 2: "deelnemer", 3: "consultatiepartij", 4: "consultatiepartij"}
    values = {1: D(10), 2: D(30), 3: D(5)}
    groups = group_by(keys, values)
    deelnemer, consultatie = groups["deelnemer"], groups["consultatiepartij"]
    assert deelnemer is not None
    assert consultatie is not None
    assert (deelnemer.n, deelnemer.median) == (2, D(20))
    assert (consultatie.n, consultatie.minimum, consultatie.maximum) == (1, D(5), D(5))
