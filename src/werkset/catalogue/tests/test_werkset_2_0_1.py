"""Werkset 2.0 met resultaten (issue 23 item 3, ADR 32): the network's self-audit with value
questions per theme, each naming its source or marked as the product's own proposal, and
linked to the Waarde questions of 2021 by lineage."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from werkset.catalogue.validation import (
    CatalogueFileError,
    parse_catalogue_text,
    read_catalogue_file,
)
from werkset.conftest import CATALOGUE_2_0_1, CATALOGUE_2021


@pytest.fixture(scope="module")
def data() -> dict:
    return read_catalogue_file(CATALOGUE_2_0_1).data


@pytest.fixture(scope="module")
def data_2021() -> dict:
    return read_catalogue_file(CATALOGUE_2021).data


def indicators(data: dict, element: str | None = None) -> list[dict]:
    return [
        indicator
        for theme in data["themes"]
        for item in theme["elements"]
        if element is None or item["element"] == element
        for indicator in item["indicators"]
    ]


def test_catalog_check_keurt_alle_versies_goed(settings) -> None:
    out = StringIO()
    call_command("catalog", "check", stdout=out)
    lines = out.getvalue().splitlines()
    assert "werkset-2.0.1.yaml: in orde." in lines
    files = sorted(p.name for p in CATALOGUE_2_0_1.parent.glob("*.yaml"))
    assert sorted(line.split(":")[0] for line in lines if "in orde" in line) == files


def test_elke_vraag_noemt_haar_bron_of_is_een_eigen_voorstel(data: dict) -> None:
    documents = {document["key"] for document in data["source_documents"]}
    for indicator in indicators(data):
        source = indicator.get("source")
        assert source, indicator["key"]
        if "own_proposal" in source:
            assert len(source["own_proposal"]) > 40, indicator["key"]
        else:
            assert source["document"] in documents, indicator["key"]
            assert source["passage"].strip(), indicator["key"]


def test_elk_thema_vraagt_naar_de_vier_waardecategorieen(data: dict) -> None:
    for theme in data["themes"]:
        (value,) = [e for e in theme["elements"] if e["element"] == "waarde"]
        categories = [i["value_category"] for i in value["indicators"]]
        assert sorted(categories) == ["effectiviteit", "efficientie", "kwaliteit", "samenwerking"]


def test_waardevragen_zetten_de_waardevragen_van_2021_voort(data: dict, data_2021: dict) -> None:
    waarde_2021 = {i["key"]: i for i in indicators(data_2021, "waarde")}
    continued = 0
    for indicator in indicators(data, "waarde"):
        links = indicator.get("continues", [])
        if not links:
            # New in this version: named in the seeds or the product's own proposal.
            assert indicator["source"], indicator["key"]
            continue
        (link,) = links
        assert link["relation"] == "zelfde"
        earlier = waarde_2021[link["key"]]
        assert indicator["answer_type"] == earlier["answer_type"]
        assert indicator["source"] == {"document": "000", "passage": earlier["question"].strip()}
        continued += 1
    assert continued == 18


def test_de_versie_is_van_het_netwerk_en_zet_2021_voort(catalogue_2_0_1) -> None:
    assert catalogue_2_0_1.unit == "network"
    assert catalogue_2_0_1.continues.slug == "werkset-2021"
    value = catalogue_2_0_1.indicators.get(key="acuut.waarde.lagere-kans-op-herhaling-of-escalatie")
    assert value.continues == [
        {"key": "acuut.waarde.lagere-kans-op-herhaling-of-escalatie", "relation": "zelfde"}
    ]
    assert value.source["title"].startswith("Werkset Indicatoren Kwaliteit en Impact")


def test_onbekend_brondocument_wordt_geweigerd(data: dict) -> None:
    broken = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    broken["themes"][0]["elements"][0]["indicators"][0]["source"] = {
        "document": "099",
        "passage": "Een passage.",
    }
    text = yaml.safe_dump(broken, allow_unicode=True, sort_keys=False)
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue_text(text, file_name="werkset-kapot.yaml")
    assert "onbekend brondocument '099'" in str(caught.value)


def test_bron_zonder_passage_wordt_geweigerd(data: dict) -> None:
    broken = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    broken["themes"][0]["elements"][0]["indicators"][0]["source"] = {"document": "000"}
    text = yaml.safe_dump(broken, allow_unicode=True, sort_keys=False)
    with pytest.raises(CatalogueFileError):
        parse_catalogue_text(text, file_name="werkset-kapot.yaml")


def test_catalogus_toont_de_bron_van_een_vraag(client_for, netwerklid_noord, catalogue_2_0_1):
    url = reverse("catalogue:theme", args=[catalogue_2_0_1.slug, "samenhang"])
    html = client_for(netwerklid_noord).get(url).content.decode()
    assert "Bron" in html
    assert "Werkset Indicatoren Kwaliteit en Impact Veiligheid Voorop (2021)" in html
    assert "Eigen voorstel van werkset" in html


def test_export_geeft_de_bronnen_en_de_eenheid_terug(catalogue_2_0_1, data: dict) -> None:
    from werkset.catalogue.selectors import catalogue_version_document

    document = catalogue_version_document(version=catalogue_2_0_1)
    assert document["unit"] == "network"
    assert document["source_documents"] == data["source_documents"]
    assert [i.get("source") for i in indicators(document)] == [
        i.get("source") for i in indicators(data)
    ]


def test_versiepagina_noemt_het_netwerk_als_eenheid(client_for, netwerklid_noord, catalogue_2_0_1):
    url = reverse("catalogue:version", args=[catalogue_2_0_1.slug])
    html = client_for(netwerklid_noord).get(url).content.decode()
    assert "de zelf-audit van een Regionaal Netwerk Zorg-Straf" in html
