"""Lineage between catalogue versions: a later version names the items it continues, and
bad lineage is refused with a Dutch error before anything is loaded."""

import copy
import json
from decimal import Decimal

import pytest
import yaml

from werkset.catalogue.lineage import (
    DIRECT,
    SUM,
    Source,
    carry,
    node_of,
    resolve_sources,
    resolve_steps,
    version_path,
    version_steps,
)
from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.catalogue.services import (
    catalogue_load_documents,
    catalogue_version_publish,
    publication_order,
)
from werkset.catalogue.validation import (
    CatalogueFileError,
    parse_catalogue_text,
    read_catalogue_file,
)
from werkset.conftest import CATALOGUE_2_0, CATALOGUE_2021


@pytest.fixture(scope="module")
def data_2_0() -> dict:
    return read_catalogue_file(CATALOGUE_2_0).data


def indicator(data: dict, key: str) -> dict:
    return next(
        i
        for theme in data["themes"]
        for element in theme["elements"]
        for i in element["indicators"]
        if i["key"] == key
    )


def changed(data: dict, change) -> dict:
    copied = copy.deepcopy(data)
    change(copied)
    return copied


def problems_of(data: dict) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue_text(text, file_name="werkset-kapot.yaml")
    return [p.message for p in caught.value.problems]


# The file ----------------------------------------------------------------------------


def test_werkset_2_0_is_geldig_en_zet_2021_voort(data_2_0):
    assert data_2_0["slug"] == "werkset-2-0"
    assert data_2_0["continues"] == "werkset-2021"
    assert [t["key"] for t in data_2_0["themes"]] == [
        t["key"] for t in read_catalogue_file(CATALOGUE_2021).data["themes"]
    ]


def test_elk_thema_vraagt_volwassenheid_werkzame_elementen_en_kerncijfers(data_2_0):
    for theme in data_2_0["themes"]:
        elements = {e["element"]: e["indicators"] for e in theme["elements"]}
        assert list(elements) == ["volwassenheid", "werkzame-elementen", "kerncijfers"]
        [maturity] = elements["volwassenheid"]
        assert maturity["answer_type"] == "volwassenheid"
        assert 3 <= len(elements["werkzame-elementen"]) <= 8
        assert 2 <= len(elements["kerncijfers"]) <= 3


def test_de_volwassenheid_heeft_de_vijf_stappen_van_de_kaart_met_verplichte_motivering(data_2_0):
    from werkset.comparison.vocabulary import MATURITY_CHOICES

    scale = data_2_0["answer_types"]["volwassenheid"]
    assert [c["key"] for c in scale["choices"]] == list(MATURITY_CHOICES)
    assert scale["choices"][0]["label"].startswith("Wel op de agenda en besproken")
    assert scale["explanation_required"] is True


def test_kerncijfers_zetten_een_vraag_van_2021_voort(data_2_0):
    for theme in data_2_0["themes"]:
        figures = next(e for e in theme["elements"] if e["element"] == "kerncijfers")
        for item in figures["indicators"]:
            assert item.get("continues"), item["key"]


@pytest.mark.django_db
def test_2_0_laadt_na_2021_en_noemt_alleen_bestaande_vragen(catalogue_2_0, catalogue_2021):
    assert catalogue_2_0.continues == catalogue_2021
    keys_2021 = set(Indicator.objects.filter(version=catalogue_2021).values_list("key", flat=True))
    for item in Indicator.objects.filter(version=catalogue_2_0):
        assert {link["key"] for link in item.continues} <= keys_2021


@pytest.mark.django_db
def test_catalog_load_laadt_de_map_in_volgorde_en_is_idempotent():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("catalog", "load", stdout=out)
    assert "werkset-2021: gepubliceerd" in out.getvalue()
    assert "werkset-2-0: gepubliceerd" in out.getvalue()
    assert "werkset-2021-1: gepubliceerd" in out.getvalue()
    assert "werkset-2-0-1: gepubliceerd" in out.getvalue()
    call_command("catalog", "load", stdout=out)
    assert CatalogueVersion.objects.count() == 4


def test_een_versie_komt_na_de_versie_die_ze_voortzet_ook_bij_een_eerdere_datum(data_2_0):
    first = read_catalogue_file(CATALOGUE_2021)
    early = copy.deepcopy(data_2_0)
    early["published"] = "2020-01-01"
    second = parse_catalogue_text(json.dumps(early), file_name="vroeg.yaml")
    assert [d.data["slug"] for d in publication_order([second, first])] == [
        "werkset-2021",
        "werkset-2-0",
    ]


# Bad lineage is refused -----------------------------------------------------------------

MERGED = "acuut.kerncijfers.investering"
SPLIT = "samenhang.werkzame-elementen.pdca-cyclus-in-het-rnzs"
SAME = "actieoverleg.kerncijfers.frequentie"


def test_samengevoegd_met_een_voorganger_wordt_geweigerd(data_2_0):
    def change(data):
        item = indicator(data, MERGED)
        item["continues"] = item["continues"][:1]

    [message] = problems_of(changed(data_2_0, change))
    assert "'samengevoegd' vraagt minstens twee voorgangers" in message


def test_een_splitsing_met_maar_een_deel_wordt_geweigerd(data_2_0):
    def change(data):
        del indicator(data, SPLIT)["continues"]

    [message] = problems_of(changed(data_2_0, change))
    assert "'samenhang.waarde.rnzs' is 'gesplitst'" in message
    assert "minstens twee delen" in message


def test_twee_keer_een_op_een_dezelfde_voorganger_wordt_geweigerd(data_2_0):
    def change(data):
        indicator(data, "actieoverleg.kerncijfers.voorzitterschap-en-facilitering")["continues"] = [
            {"key": "actieoverleg.uitvoering.frequentie", "relation": "herformuleerd"}
        ]

    [message] = problems_of(changed(data_2_0, change))
    assert "wordt al één-op-één voortgezet door 'actieoverleg.kerncijfers.frequentie'" in message


def test_gesplitst_en_tegelijk_een_op_een_wordt_geweigerd(data_2_0):
    def change(data):
        indicator(data, SAME)["continues"] = [
            {"key": "samenhang.waarde.rnzs", "relation": "zelfde"}
        ]

    [message] = problems_of(changed(data_2_0, change))
    assert "kan niet tegelijk 'gesplitst' en één-op-één voortgezet worden" in message


def test_meerdere_voorgangers_zonder_samenvoegen_wordt_geweigerd(data_2_0):
    def change(data):
        indicator(data, SAME)["continues"].append(
            {"key": "actieoverleg.uitvoering.vorm", "relation": "zelfde"}
        )

    [message] = problems_of(changed(data_2_0, change))
    assert "'zelfde' heeft precies één voorganger" in message


def test_onbekende_soort_voortzetting_noemt_de_toegestane(data_2_0):
    def change(data):
        indicator(data, SAME)["continues"][0]["relation"] = "vervangen"

    [message] = problems_of(changed(data_2_0, change))
    assert "'vervangen' is geen toegestane waarde" in message
    assert "'herformuleerd'" in message


def test_voorganger_noemen_zonder_eerdere_versie_wordt_geweigerd(data_2_0):
    def change(data):
        del data["continues"]

    messages = problems_of(changed(data_2_0, change))
    assert messages
    assert all("als de versie een eerdere versie voortzet" in m for m in messages)


@pytest.mark.django_db
def test_een_onbekende_voorganger_laadt_niets(catalogue_2021, data_2_0):
    def change(data):
        indicator(data, SAME)["continues"][0]["key"] = "actieoverleg.uitvoering.bestaat-niet"

    document = parse_catalogue_text(
        json.dumps(changed(data_2_0, change)), file_name="werkset-2.0.yaml"
    )
    with pytest.raises(CatalogueFileError) as caught:
        catalogue_version_publish(document=document)
    message = str(caught.value)
    assert "'actieoverleg.uitvoering.bestaat-niet' is geen indicator van versie" in message
    assert "er is niets gewijzigd" in message
    assert list(CatalogueVersion.objects.values_list("slug", flat=True)) == ["werkset-2021"]


@pytest.mark.django_db
def test_zelfde_met_een_ander_antwoordtype_wordt_geweigerd(catalogue_2021, data_2_0):
    def change(data):
        indicator(data, SAME)["answer_type"] = "aantal_per_jaar"

    document = parse_catalogue_text(
        json.dumps(changed(data_2_0, change)), file_name="werkset-2.0.yaml"
    )
    with pytest.raises(CatalogueFileError) as caught:
        catalogue_load_documents(documents=[document])
    assert "'zelfde' vraagt hetzelfde antwoordtype" in str(caught.value)
    assert "gebruik 'herformuleerd'" in str(caught.value)
    assert CatalogueVersion.objects.count() == 1


# Reading answers through lineage (pure) ------------------------------------------------

KOSTEN_UREN = [
    {"key": "kosten", "kind": "euro", "asked_when": ["ja", "deels"]},
    {"key": "uren", "kind": "uren", "asked_when": ["ja", "deels"]},
]
JA_NEE = [{"key": "ja"}, {"key": "deels"}, {"key": "nee"}]


class A:
    def __init__(self, choice="", figures=None, explanation=""):
        self.choice, self.figures, self.explanation = choice, figures or {}, explanation


def node(pk, key, version, continues=(), fields=KOSTEN_UREN, choices=JA_NEE):
    return node_of(
        indicator_id=pk,
        key=key,
        version_id=version,
        continues=[{"key": k, "relation": r} for k, r in continues],
        fields=fields,
        choices=choices,
    )


OLD = [node(1, "t.o.a", 1), node(2, "t.o.b", 1), node(3, "t.o.c", 1)]
NEW = [
    node(10, "t.n.totaal", 2, [("t.o.a", "samengevoegd"), ("t.o.b", "samengevoegd")]),
    node(11, "t.n.c1", 2, [("t.o.c", "gesplitst")]),
    node(12, "t.n.c2", 2, [("t.o.c", "gesplitst")]),
]
NODES = {n.id: n for n in [*OLD, *NEW]}


def test_pad_tussen_versies_in_beide_richtingen():
    parents = {1: None, 2: 1, 3: 2}
    assert version_path(parents, lens_id=3, source_id=1) == ([3, 2, 1], "back")
    assert version_path(parents, lens_id=1, source_id=3) == ([1, 2, 3], "forward")
    assert version_path({1: None, 2: None}, lens_id=1, source_id=2) is None


def test_twee_versies_die_dezelfde_voortzetten_lezen_elkaar_via_die_versie():
    # 2 (a corrected edition) and 3 (a new instrument) both continue 1.
    parents = {1: None, 2: 1, 3: 1}
    assert version_steps(parents, lens_id=2, source_id=3) == [(2, 1, "back"), (1, 3, "forward")]
    assert version_steps(parents, lens_id=3, source_id=1) == [(3, 1, "back")]
    assert version_steps({1: None, 2: None}, lens_id=1, source_id=2) is None
    corrected = [node(20, "t.o.a", 2, [("t.o.a", "zelfde")]), node(21, "t.o.c", 2)]
    sources = resolve_steps(
        corrected,
        {1: OLD, 2: corrected, 3: NEW},
        version_steps(parents, lens_id=2, source_id=3) or [],
    )
    assert 20 not in sources  # a merged later item holds more than this one
    assert 21 not in sources  # new in the corrected edition: its own series
    split_parent = [node(22, "t.o.c", 2, [("t.o.c", "herformuleerd")])]
    sources = resolve_steps(
        split_parent, {1: OLD, 2: split_parent, 3: NEW}, [(2, 1, "back"), (1, 3, "forward")]
    )
    assert sources[22] == Source((11, 12), SUM, "gesplitst")


def test_samengevoegd_telt_op_en_nee_telt_als_nul():
    sources = resolve_sources(NEW, {1: OLD, 2: NEW}, [2, 1], "back")
    assert sources[10] == Source((1, 2), SUM, "samengevoegd")
    answers = {1: A("ja", {"kosten": "1000", "uren": "10"}), 2: A("nee")}
    carried = carry(sources[10], lens=NODES[10], nodes=NODES, answers=answers)
    assert carried is not None
    assert carried.figures == {"kosten": "1000", "uren": "10"}
    assert carried.choice == ""  # the parts did not give the same answer


def test_samengevoegd_met_een_onbekend_deel_geeft_geen_getal():
    sources = resolve_sources(NEW, {1: OLD, 2: NEW}, [2, 1], "back")
    answers = {1: A("ja", {"kosten": "1000"}), 2: A("onbekend")}
    assert carry(sources[10], lens=NODES[10], nodes=NODES, answers=answers) is None


def test_samengevoegd_neemt_een_eensluidend_antwoord_over():
    sources = resolve_sources(NEW, {1: OLD, 2: NEW}, [2, 1], "back")
    answers = {1: A("ja", {"kosten": "5", "uren": "1"}), 2: A("ja", {"kosten": "7", "uren": "2"})}
    carried = carry(sources[10], lens=NODES[10], nodes=NODES, answers=answers)
    assert carried.choice == "ja"
    assert Decimal(carried.figures["kosten"]) == 12


def test_een_gesplitste_vraag_heeft_geen_waarde_in_de_oude_reeks():
    sources = resolve_sources(NEW, {1: OLD, 2: NEW}, [2, 1], "back")
    assert 11 not in sources
    assert 12 not in sources


def test_vooruit_gelezen_worden_de_delen_van_een_splitsing_opgeteld():
    sources = resolve_sources(OLD, {1: OLD, 2: NEW}, [1, 2], "forward")
    assert sources[3] == Source((11, 12), SUM, "gesplitst")
    assert 1 not in sources  # merged into a total: cannot be read back
    answers = {11: A("deels", {"kosten": "300", "uren": "3"}), 12: A("nvt")}
    carried = carry(sources[3], lens=NODES[3], nodes=NODES, answers=answers)
    assert carried.figures == {"kosten": "300", "uren": "3"}


def test_herformuleerd_neemt_keuze_en_toelichting_over_maar_alleen_gedeelde_velden():
    old = node(1, "t.o.a", 1)
    new = node(2, "t.n.a", 2, [("t.o.a", "herformuleerd")], fields=[])
    sources = resolve_sources([new], {1: [old], 2: [new]}, [2, 1], "back")
    assert sources[2] == Source((1,), DIRECT, "herformuleerd")
    carried = carry(
        sources[2],
        lens=new,
        nodes={1: old, 2: new},
        answers={1: A("deels", {"kosten": "10"}, "Loopt.")},
    )
    assert (carried.choice, carried.explanation, carried.figures) == ("deels", "Loopt.", {})


@pytest.mark.django_db
def test_themapagina_van_2_0_noemt_de_voorgangers(client_for, landelijk, catalogue_2_0):
    from django.urls import reverse

    url = reverse("catalogue:theme", args=[catalogue_2_0.slug, "actieoverleg"])
    html = client_for(landelijk).get(url).content.decode()
    assert "Zet voort uit versie 2021" in html
    assert (
        '<a href="/catalogus/werkset-2021/actieoverleg/#actieoverleg.uitvoering.frequentie">'
        "Frequentie</a> (zelfde)"
    ) in html
    assert "Informatiedeling</a> (samengevoegd)" in html


@pytest.mark.django_db
def test_export_van_beide_versies_is_gelijk_aan_de_bronbestanden(catalogue_2_0):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("catalog", "export", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())["versions"]
    assert [v["slug"] for v in exported] == ["werkset-2021", "werkset-2-0"]
    for version, path in zip(exported, [CATALOGUE_2021, CATALOGUE_2_0], strict=True):
        reparsed = parse_catalogue_text(json.dumps(version), file_name="export.json")
        assert reparsed.content_hash == read_catalogue_file(path).content_hash
