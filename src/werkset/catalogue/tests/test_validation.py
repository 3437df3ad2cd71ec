"""A broken catalogue file gives an error naming file, place and problem, and loads nothing."""

import copy
import json
from pathlib import Path

import pytest
import yaml

from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.catalogue.services import catalogue_load_directory, catalogue_version_publish
from werkset.catalogue.validation import (
    CatalogueFileError,
    parse_catalogue_text,
    read_catalogue_file,
)
from werkset.conftest import CATALOGUE_2021


@pytest.fixture(scope="module")
def source_data() -> dict:
    return read_catalogue_file(CATALOGUE_2021).data


def broken(data: dict, change) -> str:
    copied = copy.deepcopy(data)
    change(copied)
    return yaml.safe_dump(copied, allow_unicode=True, sort_keys=False)


def problems_of(text: str) -> list:
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue_text(text, file_name="kapot.yaml")
    return caught.value.problems


def test_het_echte_bestand_is_geldig():
    document = read_catalogue_file(CATALOGUE_2021)
    assert document.data["slug"] == "werkset-2021"
    assert len(document.content_hash) == 64


def test_ongeldige_yaml_noemt_bestand_en_regel():
    text = "format: 1\nslug: werkset-x\ntitle: [niet gesloten\n"
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue_text(text, file_name="kapot.yaml")
    message = str(caught.value)
    assert "kapot.yaml, regel" in message
    assert "geen geldige YAML" in message
    assert "er is niets gewijzigd" in message


def test_onbekend_antwoordtype_noemt_plaats_regel_en_bekende_typen(source_data):
    def change(data):
        data["themes"][1]["elements"][0]["indicators"][2]["answer_type"] = "jaa_nee"

    text = broken(source_data, change)
    [problem] = problems_of(text)
    assert problem.place == "themes[1].elements[0].indicators[2].answer_type"
    assert "onbekend antwoordtype 'jaa_nee'" in problem.message
    assert "oordeel_kosten_uren" in problem.message
    assert text.splitlines()[problem.line - 1].strip() == "answer_type: jaa_nee"


def test_ontbrekende_vraag_wordt_in_het_nederlands_gemeld(source_data):
    def change(data):
        del data["themes"][0]["elements"][1]["indicators"][0]["question"]

    [problem] = problems_of(broken(source_data, change))
    assert problem.place == "themes[0].elements[1].indicators[0]"
    assert problem.message == "verplicht veld ontbreekt: 'question'"


def test_onbekende_veldsoort_noemt_toegestane_waarden(source_data):
    def change(data):
        data["answer_types"]["oordeel_kosten_uren"]["fields"][0]["kind"] = "geld"

    [problem] = problems_of(broken(source_data, change))
    assert problem.place == "answer_types.oordeel_kosten_uren.fields[0].kind"
    assert "'geld' is geen toegestane waarde" in problem.message
    assert "'euro'" in problem.message


def test_onbekend_veld_wordt_gemeld_in_plaats_van_genegeerd(source_data):
    def change(data):
        data["themes"][2]["elements"][2]["indicators"][0]["vraag"] = "extra"

    [problem] = problems_of(broken(source_data, change))
    assert problem.message == "onbekend veld: 'vraag'"


def test_dubbele_indicatorsleutel_wordt_gemeld(source_data):
    def change(data):
        indicators = data["themes"][3]["elements"][0]["indicators"]
        indicators[1]["key"] = indicators[0]["key"]

    problems = problems_of(broken(source_data, change))
    assert any("staat dubbel" in p.message for p in problems)


def test_verkeerde_sleutelvorm_legt_de_vorm_uit(source_data):
    def change(data):
        data["themes"][0]["elements"][0]["indicators"][0]["key"] = "Samenhang afspraken"

    [problem] = problems_of(broken(source_data, change))
    assert "<thema>.<element>.<naam>" in problem.message


def test_alle_problemen_worden_tegelijk_gemeld(source_data):
    def change(data):
        data["themes"][0]["elements"][0]["indicators"][0]["answer_type"] = "x"
        data["themes"][4]["elements"][2]["indicators"][0]["value_category"] = "y"

    problems = problems_of(broken(source_data, change))
    assert len(problems) == 2


def test_elementen_in_verkeerde_volgorde(source_data):
    def change(data):
        elements = data["themes"][0]["elements"]
        elements[0], elements[1] = elements[1], elements[0]

    problems = problems_of(broken(source_data, change))
    assert any("ontwikkel, uitvoering, waarde" in p.message for p in problems)


def test_opmaak_en_commentaar_veranderen_de_inhoud_niet():
    text = CATALOGUE_2021.read_text(encoding="utf-8")
    original = parse_catalogue_text(text, file_name="a.yaml")
    reformatted = parse_catalogue_text("# extra commentaar\n" + text, file_name="b.yaml")
    assert original.content_hash == reformatted.content_hash


@pytest.mark.django_db
def test_een_kapot_bestand_laadt_niets_ook_niet_de_goede(tmp_path: Path, source_data):
    (tmp_path / "a-goed.yaml").write_text(CATALOGUE_2021.read_text(encoding="utf-8"))
    bad = copy.deepcopy(source_data)
    bad["slug"] = "werkset-kapot"
    bad["themes"][0]["elements"][0]["indicators"][0]["answer_type"] = "bestaat-niet"
    (tmp_path / "b-kapot.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True))

    with pytest.raises(CatalogueFileError) as caught:
        catalogue_load_directory(directory=tmp_path)
    assert caught.value.file_name == "b-kapot.yaml"
    assert CatalogueVersion.objects.count() == 0
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_opnieuw_publiceren_van_dezelfde_inhoud_verandert_niets(catalogue_2021):
    result = catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
    assert result.created is False
    assert result.version.pk == catalogue_2021.pk
    assert CatalogueVersion.objects.count() == 1


@pytest.mark.django_db
def test_een_gepubliceerde_versie_verandert_nooit(catalogue_2021, source_data):
    changed = copy.deepcopy(source_data)
    changed["themes"][0]["elements"][0]["indicators"][0]["question"] = "Een andere vraag?"
    document = parse_catalogue_text(json.dumps(changed), file_name="gewijzigd.yaml")

    with pytest.raises(CatalogueFileError) as caught:
        catalogue_version_publish(document=document)
    assert "verandert nooit" in str(caught.value)
    first = Indicator.objects.get(version=catalogue_2021, position=0)
    assert first.question == source_data["themes"][0]["elements"][0]["indicators"][0]["question"]


@pytest.mark.django_db
def test_publiceren_wordt_in_het_auditlog_vastgelegd(catalogue_2021):
    from werkset.core.models import AuditAction, AuditEvent

    event = AuditEvent.objects.get(action=AuditAction.CATALOGUE_PUBLISHED)
    assert event.target_id == str(catalogue_2021.pk)
    assert event.actor_name == "systeem"
