"""Errata as a new version (issue 23): the corrected 2021 catalogue continues the 2021 one
item by item, lists every difference with its reason, is checked by `werkset catalog
check`, and shows its errata in the catalogue browser."""

import copy
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from werkset.catalogue.errata import errata_against, errata_problems
from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import (
    CatalogueDocument,
    CatalogueFileError,
    check_against_earlier,
    read_catalogue_file,
)
from werkset.conftest import CATALOGUE_2021, CATALOGUE_2021_1


@pytest.fixture
def corrected():
    return copy.deepcopy(read_catalogue_file(CATALOGUE_2021_1).data)


@pytest.fixture
def original():
    return read_catalogue_file(CATALOGUE_2021).data


def indicator(data, key):
    return next(
        i
        for theme in data["themes"]
        for element in theme["elements"]
        for i in element["indicators"]
        if i["key"] == key
    )


def messages(problems):
    return " | ".join(message for _place, message in problems)


def test_catalog_check_controleert_elke_versie_en_haar_errata():
    out = StringIO()
    call_command("catalog", "check", stdout=out)
    text = out.getvalue()
    assert "werkset-2021.yaml: in orde." in text
    assert "werkset-2.0.yaml: in orde." in text
    assert "werkset-2021-1.yaml: in orde (14 errata)." in text


def test_catalog_check_weigert_een_bestand_met_een_niet_vermeld_verschil(tmp_path, corrected):
    import yaml

    indicator(corrected, "acuut.uitvoering.crisismeldingen")["label"] = "Crisismeldingen (VT)"
    path = tmp_path / "werkset-2021-1.yaml"
    path.write_text(yaml.safe_dump(corrected, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("catalog", "check", str(path), stdout=StringIO())
    assert "'acuut.uitvoering.crisismeldingen' verschilt van versie 'werkset-2021'" in str(
        raised.value
    )


def test_elke_vraag_zet_haar_vraag_van_2021_een_op_een_voort(original, corrected):
    old = [i["key"] for t in original["themes"] for e in t["elements"] for i in e["indicators"]]
    new = [
        (i["key"], i["continues"])
        for t in corrected["themes"]
        for e in t["elements"]
        for i in e["indicators"]
    ]
    assert [key for key, _links in new] == old
    assert all(
        links == [{"key": key, "relation": links[0]["relation"]}]
        and links[0]["relation"] in ("zelfde", "herformuleerd")
        for key, links in new
    )


def test_de_tikfouten_uit_de_bron_zijn_verbeterd(original, corrected):
    old, new = str(original["themes"]), str(corrected["themes"])
    assert "buijkpijn" in old
    assert "buijkpijn" not in new
    assert "zorg-straft" in old
    assert "zorg-straft" not in new
    assert errata_against(corrected, original) == []


def test_een_tikfout_die_er_niet_was_wordt_geweigerd(original, corrected):
    corrected["errata"][0]["before"] = "buikpijjn"
    assert "'buikpijjn' staat niet bij 'actieoverleg'" in messages(
        errata_against(corrected, original)
    )


def test_een_stille_correctie_moet_al_in_de_vorige_versie_staan(original, corrected):
    silent = next(e for e in corrected["errata"] if e["kind"] == "stille-correctie")
    silent["after"] = silent["before"]
    assert "een stille correctie staat al in versie 'werkset-2021'" in messages(
        errata_against(corrected, original)
    )


def test_een_toegevoegd_veld_moet_nieuw_zijn(original, corrected):
    added = next(e for e in corrected["errata"] if e["kind"] == "veld-toegevoegd")
    added["fields"].append("uren_per_jaar")
    assert "veld 'uren_per_jaar' had" in messages(errata_against(corrected, original))


def test_een_erratum_op_een_onbekende_plaats_of_veld_wordt_geweigerd(corrected):
    corrected["errata"][0]["place"] = "actieoverleg.bestaat-niet"
    corrected["errata"][-1]["fields"] = ["geen-veld"]
    text = messages(errata_problems(corrected))
    assert "'actieoverleg.bestaat-niet' is geen thema, element of indicator" in text
    assert "heeft geen veld 'geen-veld'" in text


def test_errata_zonder_voortgezette_versie_worden_geweigerd(corrected):
    del corrected["continues"]
    assert "errata horen bij een versie die een eerdere versie voortzet" in messages(
        errata_problems(corrected)
    )


@pytest.mark.django_db
def test_publiceren_weigert_errata_die_niet_kloppen_en_laadt_niets(catalogue_2021, corrected):
    indicator(corrected, "acuut.uitvoering.crisismeldingen")["label"] = "Iets anders"
    document = CatalogueDocument("werkset-2021-1.yaml", corrected, "x" * 64)
    with pytest.raises(CatalogueFileError) as raised:
        catalogue_version_publish(document=document)
    assert "staat niet onder 'errata'" in str(raised.value)
    assert not CatalogueVersion.objects.filter(slug="werkset-2021-1").exists()


@pytest.mark.django_db
def test_gepubliceerde_errata_staan_bij_de_versie_en_in_de_export(catalogue_2021_1):
    assert len(catalogue_2021_1.errata) == 14
    assert catalogue_2021_1.continues.slug == "werkset-2021"
    out = StringIO()
    call_command("catalog", "export", "--version", "werkset-2021-1", stdout=out)
    import json

    exported = json.loads(out.getvalue())
    assert exported == read_catalogue_file(CATALOGUE_2021_1).data


def test_check_tegen_de_vorige_versie_geeft_een_nederlandse_melding(original, corrected):
    corrected["errata"][0]["before"] = "nergens"
    document = CatalogueDocument("werkset-2021-1.yaml", corrected, "")
    with pytest.raises(CatalogueFileError) as raised:
        check_against_earlier(document, original)
    assert "is niet geladen; er is niets gewijzigd" in str(raised.value)


@pytest.mark.django_db
def test_catalogus_toont_de_errata_van_de_herziene_uitgave(
    client_for, rapporteur_friesland, catalogue_2021_1
):
    client = client_for(rapporteur_friesland)
    html = client.get(reverse("catalogue:version", args=[catalogue_2021_1.slug])).content.decode()
    assert "Errata" in html
    assert "De 14 verschillen, elk met de reden" in html
    assert "<del>&#x27;buijkpijn&#x27;</del>" in html
    assert "Stille correctie zichtbaar gemaakt" in html
    assert "aan de VT-tafel te laten deelnemen" in html
    theme = client.get(
        reverse("catalogue:theme", args=[catalogue_2021_1.slug, "samenhang"])
    ).content.decode()
    assert "Errata in dit thema" in theme
    assert "Een oordeel per deel van de vraag" in theme
    assert "Er is een kartrekker" in theme
    assert "buijkpijn" not in theme


@pytest.mark.django_db
def test_de_versie_van_2021_toont_geen_errata(client_for, rapporteur_friesland, catalogue_2021):
    url = reverse("catalogue:version", args=[catalogue_2021.slug])
    assert "Errata" not in client_for(rapporteur_friesland).get(url).content.decode()


@pytest.mark.django_db
def test_meerdelige_vragen_hebben_een_oordeel_per_deel(catalogue_2021_1):
    rnzs = Indicator.objects.get(version=catalogue_2021_1, key="samenhang.waarde.rnzs")
    assert [f["key"] for f in rnzs.fields] == ["aandacht", "kartrekker", "pdca"]
    assert {f["kind"] for f in rnzs.fields} == {"keuze"}
    present = Indicator.objects.get(
        version=catalogue_2021_1, key="actieoverleg.uitvoering.aanwezige-partners"
    )
    participation = next(f for f in present.fields if f["key"] == "deelname_politie")
    assert [o["key"] for o in participation["options"]] == ["vast", "afroep", "niet"]
