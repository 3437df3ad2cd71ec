"""Issue 22, Proof: the 2020 inventory entered through the services gives seed 002's
national figures."""

import pytest

from werkset.inventories.demo import inventory_demo_create
from werkset.inventories.selectors import inventory_picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(regions):
    return inventory_picture(inventory=inventory_demo_create().inventory)


def names(regions):
    return sorted(r.name for r in regions)


def test_sixteen_with_an_actieoverleg_nine_without(picture):
    assert len(picture.with_actieoverleg) == 16
    assert picture.verdict("geen").n == 9
    assert picture.verdict("niet-beoordeeld").n == 0


def test_the_four_lower_frequency_regions_are_named(picture):
    assert picture.verdict("wel").n == 12
    assert names(picture.verdict("wel-lagere-frequentie").regions) == [
        "Drenthe",
        "Gelderland-Midden",
        "Limburg",
        "Midden-Brabant",
    ]


def test_oost_brabant_just_started_without_an_actieoverleg(picture):
    assert names(picture.just_started) == ["Oost-Brabant"]
    assert "Oost-Brabant" in names(picture.verdict("geen").regions)


def test_fixed_participants(picture):
    fixed = {p.partner.key: p.by_participation[0].n for p in picture.participants}
    assert fixed == {"vt": 16, "politie": 16, "om": 14, "reclassering": 10, "raad": 8}
    on_request = {p.partner.key: p.by_participation[1].n for p in picture.participants}
    assert (on_request["om"], on_request["reclassering"], on_request["raad"]) == (2, 2, 5)


def test_frequency(picture):
    counts = {f.key: f.n for f in picture.frequencies}
    assert counts == {"wekelijks": 12, "tweewekelijks": 1, "maandelijks": 3, "minder-vaak": 0}


def test_bottlenecks_with_the_seeds_n(picture):
    question = next(q for q in picture.questions if q.question.key == "knelpunten")
    assert question.n == 16
    counts = {c.key: c.n for cat in question.categories for c in cat.codes}
    assert counts == {
        "partijen-mandaat": 6,
        "capaciteit-om": 5,
        "informatiedeling": 5,
        "kennis-werkwijze": 5,
        "overlegstructuren": 5,
        "bredere-afstemming": 3,
        "uitvoeren-acties": 6,
        "instroom": 4,
        "casusgericht": 2,
        "registratiesysteem": 3,
        "monitoren": 1,
    }


def test_reasons_for_having_none_count_over_the_nine(picture):
    question = next(q for q in picture.questions if q.question.key == "redenen-geen")
    assert question.n == 9
    counts = {c.key: c.n for cat in question.categories for c in cat.codes}
    assert counts == {
        "geen-urgentie": 3,
        "capaciteitsproblemen": 4,
        "geen-kartrekker": 2,
        "inrichting-onduidelijk": 6,
    }


def test_support_needs_over_all_regions(picture):
    question = next(q for q in picture.questions if q.question.key == "ondersteuning")
    assert question.n == 25
    counts = {c.key: c.n for cat in question.categories for c in cat.codes}
    assert counts["leren-van-elkaar"] == 5
    assert counts["kartrekker-plan"] == 5
    assert counts["duidelijkheid-gegevensdeling"] == 4
    needing = question.categories[0].regions
    assert len(needing) == 14
    assert sum(1 for r in needing if r in picture.with_actieoverleg) == 7
