"""Each answer type's validation, with Dutch number formats and honest answers."""

from decimal import Decimal

import pytest

from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021
from werkset.reports.answers import (
    AnswerContent,
    AnswerInvalid,
    answer_clean,
    answer_is_complete,
    format_dutch_decimal,
    frequency_per_year,
    parse_dutch_decimal,
)

PARTNERS = frozenset({"vt", "politie", "om", "rvdk", "3ro"})


class Type:
    def __init__(self, spec):
        self.choices = spec["choices"]
        self.fields = spec["fields"]
        self.explanation_required = spec.get("explanation_required", False)


@pytest.fixture(scope="module")
def types():
    data = read_catalogue_file(CATALOGUE_2021).data
    return {key: Type(spec) for key, spec in data["answer_types"].items()}


def clean(answer_type, **raw):
    return answer_clean(answer_type=answer_type, raw=raw, organisation_codes=PARTNERS)


def errors_of(answer_type, **raw):
    with pytest.raises(AnswerInvalid) as caught:
        clean(answer_type, **raw)
    return caught.value.errors


@pytest.mark.parametrize(
    ("text", "decimals", "expected"),
    [
        ("1.234,50", 2, Decimal("1234.50")),
        ("1234,5", 2, Decimal("1234.50")),
        ("1234.50", 2, Decimal("1234.50")),
        ("12.500", 2, Decimal("12500.00")),
        ("€ 2.000", 2, Decimal("2000.00")),
        ("0", 1, Decimal("0.0")),
        ("7,5", 1, Decimal("7.5")),
    ],
)
def test_nederlandse_getallen_worden_gelezen(text, decimals, expected):
    assert parse_dutch_decimal(text, decimals=decimals) == expected


@pytest.mark.parametrize("text", ["-5", "twaalf", "1,2,3", "1e9", "∞", "NaN", "12,345"])
def test_ongeldige_getallen_geven_een_melding(text):
    with pytest.raises(ValueError, match=r"getal|komma"):
        parse_dutch_decimal(text, decimals=2)


def test_absurd_grote_bedragen_worden_geweigerd():
    with pytest.raises(ValueError, match="te groot"):
        parse_dutch_decimal("99.999.999.999", decimals=2)


def test_getallen_worden_nederlands_getoond():
    assert format_dutch_decimal("1234.5", decimals=2) == "1.234,50"
    assert format_dutch_decimal("1234567.5", decimals=1) == "1.234.567,5"
    assert format_dutch_decimal(None) == ""


def test_oordeel_met_toelichting(types):
    content = clean(types["oordeel"], choice="deels", explanation="  Zie werkplan.  ")
    assert content == AnswerContent(choice="deels", explanation="Zie werkplan.")
    assert answer_is_complete(types["oordeel"], content)


def test_onbekende_keuze_wordt_geweigerd(types):
    assert errors_of(types["oordeel"], choice="misschien") == {
        "choice": ["Kies een van de antwoorden."]
    }


def test_kosten_en_uren_bij_ja(types):
    content = clean(
        types["oordeel_kosten_uren"],
        choice="ja",
        **{"field-kosten": "12.500", "field-uren": "80,5"},
    )
    assert content.figures == {"kosten": "12500.00", "uren": "80.5"}


def test_kosten_vervallen_bij_nee(types):
    content = clean(types["oordeel_kosten_uren"], choice="nee", **{"field-kosten": "500"})
    assert content.figures == {}


def test_fout_bedrag_noemt_het_veld(types):
    errors = errors_of(types["oordeel_kosten_uren"], choice="ja", **{"field-kosten": "veel"})
    assert errors["field-kosten"][0].startswith("Kosten: Vul een getal in")


def test_uren_met_twee_decimalen_geeft_een_melding(types):
    errors = errors_of(types["oordeel_capaciteit"], choice="ja", **{"field-uren_per_jaar": "3,25"})
    assert "1 cijfer(s) achter de komma" in errors["field-uren_per_jaar"][0]


def test_aantal_per_jaar_is_compleet_met_een_getal(types):
    answer_type = types["aantal_per_jaar"]
    assert not answer_is_complete(answer_type, clean(answer_type))
    content = clean(answer_type, **{"field-aantal": "1.250"})
    assert content.figures == {"aantal": 1250}
    assert answer_is_complete(answer_type, content)


@pytest.mark.parametrize("text", ["1.5", "2.75", "1.2.3", "12. 5", "²", "٣", "1\n2", "-3"])
def test_een_aantal_dat_geen_geheel_getal_is_wordt_geweigerd(types, text):
    """A dot only separates thousands: 1.5 is refused, never read as fifteen."""
    errors = errors_of(types["aantal_per_jaar"], **{"field-aantal": text})
    assert errors["field-aantal"] == ["Aantal: Vul een geheel getal van nul of meer in."]


@pytest.mark.parametrize(("text", "value"), [("1.500", 1500), ("1 500", 1500), ("007", 7)])
def test_een_aantal_met_duizendtallen(types, text, value):
    content = clean(types["aantal_per_jaar"], **{"field-aantal": text})
    assert content.figures == {"aantal": value}


def test_een_aantal_van_duizenden_cijfers_is_te_groot(types):
    errors = errors_of(types["aantal_per_jaar"], **{"field-aantal": "9" * 5000})
    assert errors["field-aantal"] == ["Aantal: Dit getal is te groot; controleer de invoer."]


def test_aantal_moet_geheel_zijn(types):
    errors = errors_of(types["aantal_per_jaar"], **{"field-aantal": "12,5"})
    assert "geheel getal" in errors["field-aantal"][0]


def test_frequentie_wordt_per_jaar_genormaliseerd(types):
    content = clean(
        types["frequentie"], **{"field-frequentie-aantal": "2", "field-frequentie-per": "maand"}
    )
    assert content.figures == {"frequentie": {"aantal": 2, "per": "maand"}}
    assert frequency_per_year(content.figures["frequentie"]) == 24


def test_frequentie_zonder_periode_geeft_een_melding(types):
    errors = errors_of(types["frequentie"], **{"field-frequentie-aantal": "2"})
    assert "per week, maand, kwartaal of jaar" in errors["field-frequentie"][0]


def test_keuzetype_vorm_overleg(types):
    answer_type = types["vorm_overleg"]
    assert clean(answer_type, choice="hybride").choice == "hybride"
    assert "choice" in errors_of(answer_type, choice="ja")


def test_vt_aan_de_zsm_tafel(types):
    assert clean(types["vt_zsm_rol"], choice="consultatiepartij").choice == "consultatiepartij"


def test_meerkeuze_organisaties_in_vaste_volgorde(types):
    content = clean(
        types["oordeel_organisaties"], choice="deels", **{"field-organisaties": ["om", "vt"]}
    )
    assert content.figures == {"organisaties": ["vt", "om"]}
    errors = errors_of(
        types["oordeel_organisaties"], choice="ja", **{"field-organisaties": ["nasa"]}
    )
    assert "nasa" in errors["field-organisaties"][0]


def test_uren_per_overleg_met_organisatie(types):
    content = clean(
        types["uren_per_overleg"],
        **{"field-uren_per_overleg": "3", "field-organisatie": "vt"},
    )
    assert content.figures == {"uren_per_overleg": "3.0", "organisatie": "vt"}


def test_open_vraag_is_compleet_met_toelichting(types):
    answer_type = types["open"]
    assert not answer_is_complete(answer_type, clean(answer_type))
    assert answer_is_complete(
        answer_type, clean(answer_type, explanation="Zonder AO: losse lijnen.")
    )


@pytest.mark.parametrize("choice", ["onbekend", "nvt"])
def test_onbekend_en_nvt_zijn_eerlijke_antwoorden(types, choice):
    for answer_type in types.values():
        content = clean(answer_type, choice=choice, **{"field-aantal": "5"})
        assert content.figures == {}
        assert answer_is_complete(answer_type, content)


def test_nog_niet_beantwoord_is_iets_anders_dan_onbekend(types):
    assert not answer_is_complete(types["oordeel"], AnswerContent())


def test_perspectief_van_een_partnerorganisatie(types):
    content = clean(types["oordeel"], choice="ja", **{"perspective-om": "Het OM ziet ..."})
    assert content.perspectives == {"om": "Het OM ziet ..."}
    assert "perspective-fbi" in errors_of(types["oordeel"], **{"perspective-fbi": "x"})


def test_alle_fouten_tegelijk(types):
    errors = errors_of(
        types["oordeel_kosten_uren"],
        choice="ja",
        **{"field-kosten": "abc", "field-uren": "-3"},
    )
    assert set(errors) == {"field-kosten", "field-uren"}


def test_te_lange_toelichting(types):
    assert "explanation" in errors_of(types["oordeel"], explanation="x" * 20_001)


def test_stuurtekens_en_nul_worden_uit_tekst_gehaald(types):
    content = clean(
        types["oordeel"],
        choice="ja",
        explanation="a\x00b\x0bc\r\nd\te",
        **{"perspective-om": "x\x00y"},
    )
    assert content.explanation == "abc\nd\te"
    assert content.perspectives == {"om": "xy"}
