"""The 2021 Werkset as published: themes, elements and every question of seed 000."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from werkset.catalogue.models import Indicator
from werkset.catalogue.validation import parse_catalogue_text, read_catalogue_file
from werkset.conftest import CATALOGUE_2021

pytestmark = pytest.mark.django_db

# Per theme the number of questions in each element, counted in the seed's
# "Samenvatting indicatoren" table and its chapters 2-6.
EXPECTED_COUNTS = {
    "samenhang": {"ontwikkel": 2, "uitvoering": 6, "waarde": 6},
    "acuut": {"ontwikkel": 5, "uitvoering": 7, "waarde": 11},
    "actieoverleg": {"ontwikkel": 4, "uitvoering": 11, "waarde": 12},
    "vt-zsm": {"ontwikkel": 6, "uitvoering": 7, "waarde": 14},
    "ssk": {"ontwikkel": 5, "uitvoering": 8, "waarde": 10},
}

# A sample of questions that must stand in the seed's own words.
SEED_QUESTIONS = [
    "Hoeveel crisismeldingen worden er bij VT gedaan door de politie?",
    "Hoe vaak is het Actie-overleg?",
    "Welke vorm heeft het Actie-overleg (digitaal, fysiek, hybride)?",
    "Hebben de deelnemers voldoende mandaat?",
    "Hoe vaak wordt gebruik gemaakt van de mogelijkheid tot anoniem overleg?",
    "Zijn hoog-risicogezinnen beter in beeld door de gezamenlijke aanpak HG door VT & ZSM?",
    "Hoe zou de samenwerking in de regio verlopen als er geen Actie-overleg was geweest?",
    "Wordt daar ervaringsdeskundigheid bij betrokken en is dat wenselijk?",
]


def test_vijf_themas_in_de_volgorde_van_de_werkset(catalogue_2021):
    titles = list(catalogue_2021.themes.values_list("title", flat=True))
    assert titles == [
        "Samenhang, kennisontwikkeling en blijvend verbeteren",
        "Samen op in Acuut",
        "Actie-overleg",
        "Gezamenlijke aanpak huiselijk geweld door VT & ZSM",
        "Samenwerken bij Strafbare Kindermishandeling",
    ]


def test_elk_thema_heeft_de_drie_elementen_met_het_juiste_aantal_vragen(catalogue_2021):
    counts: dict[str, dict[str, int]] = {}
    for indicator in Indicator.objects.filter(version=catalogue_2021).select_related(
        "theme", "element"
    ):
        theme_counts = counts.setdefault(indicator.theme.key, {})
        theme_counts[indicator.element.key] = theme_counts.get(indicator.element.key, 0) + 1
    assert counts == EXPECTED_COUNTS


def test_de_verbeteracties_hebben_hun_context(catalogue_2021):
    for theme in catalogue_2021.themes.filter(kind="verbeteractie"):
        for part in ("introduction", "goal", "occasion", "form", "expected_value", "impact"):
            assert theme.context.get(part), f"{theme.key} mist {part}"
    acuut = catalogue_2021.themes.get(key="acuut")
    assert len(acuut.context["process_steps"]) == 5


def test_vragen_staan_er_in_de_woorden_van_de_werkset(catalogue_2021):
    questions = set(Indicator.objects.values_list("question", flat=True))
    for question in SEED_QUESTIONS:
        assert question in questions


def test_tikfouten_uit_de_bron_zijn_verbeterd(catalogue_2021):
    for question in Indicator.objects.values_list("question", flat=True):
        for typo in ("Acuuu", "Acuu ", "Acut"):
            assert typo not in question


def test_waarde_van_verbeteracties_heeft_een_waardecategorie(catalogue_2021):
    waarde = Indicator.objects.filter(element__key="waarde", theme__kind="verbeteractie")
    assert set(waarde.values_list("value_category", flat=True)) == {
        "kwaliteit",
        "efficientie",
        "effectiviteit",
        "samenwerking",
    }
    ontwikkel = Indicator.objects.filter(element__key="ontwikkel")
    assert set(ontwikkel.values_list("value_category", flat=True)) == {""}


@pytest.mark.parametrize(
    ("key", "answer_type"),
    [
        ("vt-zsm.ontwikkel.vt-aan-zsm-tafel", "vt_zsm_rol"),
        ("actieoverleg.uitvoering.vorm", "vorm_overleg"),
        ("actieoverleg.uitvoering.frequentie", "frequentie"),
        ("acuut.uitvoering.crisismeldingen", "aantal_per_jaar"),
        ("acuut.ontwikkel.voorlichting-politie", "oordeel_kosten_uren"),
        ("actieoverleg.uitvoering.voorzitterschap-en-facilitering", "uren_per_overleg"),
    ],
)
def test_antwoordtype_past_bij_de_vraag(catalogue_2021, key, answer_type):
    indicator = Indicator.objects.select_related("answer_type").get(key=key)
    assert indicator.answer_type.key == answer_type


def test_elk_antwoordtype_kent_onbekend_en_nvt(catalogue_2021):
    for answer_type in catalogue_2021.answer_types.all():
        keys = [choice["key"] for choice in answer_type.all_choices]
        assert keys[-2:] == ["onbekend", "nvt"]


def test_veldlabels_van_de_indicator_gaan_voor(catalogue_2021):
    indicator = Indicator.objects.get(key="actieoverleg.uitvoering.aanwezige-partners")
    assert indicator.fields[0]["label"] == "Aanwezige organisaties"


def test_export_bevat_elke_vraag_en_is_gelijk_aan_het_bronbestand(catalogue_2021):
    out = StringIO()
    call_command("catalog", "export", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())

    [version] = exported["versions"]
    exported_questions = [
        indicator["question"]
        for theme in version["themes"]
        for element in theme["elements"]
        for indicator in element["indicators"]
    ]
    stored = list(Indicator.objects.order_by("position").values_list("question", flat=True))
    assert exported_questions == stored
    assert len(exported_questions) == 114

    reparsed = parse_catalogue_text(json.dumps(version), file_name="export.json")
    assert reparsed.content_hash == read_catalogue_file(CATALOGUE_2021).content_hash


def test_export_van_onbekende_versie_geeft_een_nette_fout(catalogue_2021):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("catalog", "export", "--version", "werkset-1999")
