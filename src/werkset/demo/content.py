"""Fictitious, plausible report content for the demo, generated from a fixed seed.

Nothing here describes a real region, case or person: texts speak of cooperation
between organisations in general terms, and figures are drawn at random within
sensible ranges so that comparisons have something to show.
"""

import random
from decimal import Decimal
from typing import Any

from werkset.catalogue.models import Indicator
from werkset.reports.answers import AnswerContent

FICTITIOUS = "Fictief demovoorbeeld."

EXPLANATIONS = {
    "ontwikkel": [
        "Een werkgroep van Veilig Thuis, politie en OM heeft de werkafspraken opgesteld; "
        "de uren zijn binnen de bestaande formatie gemaakt.",
        "De projectleider is in de eerste twee jaar gefinancierd uit regionale middelen; "
        "daarna is de taak belegd bij de teamleiders.",
        "Er zijn twee gezamenlijke bijeenkomsten georganiseerd met een externe trainer; "
        "de kosten zijn gedeeld door de partners.",
        "De afspraken zijn vastgelegd in een convenant en een werkinstructie die elk jaar "
        "in het RNZS wordt geëvalueerd.",
    ],
    "uitvoering": [
        "De voorbereiding vraagt vooral tijd van Veilig Thuis; de andere partners schuiven "
        "aan zonder veel extra werk.",
        "Informatie delen loopt goed binnen de afspraken, maar het vastleggen gebeurt nog "
        "in de eigen systemen van elke partner.",
        "Er zijn minder losse één-op-één afstemmingen nodig, wat tijd scheelt bij OM en politie.",
        "Knelpunten zitten in de bezetting in de avonduren en in wisselende contactpersonen.",
    ],
    "waarde": [
        "In casusreviews zien de partners dat de veiligheid eerder gezamenlijk in beeld is.",
        "Professionals noemen de korte lijnen en het onderling vertrouwen als grootste winst.",
        "Het effect op herhaling is nog niet te meten; de indruk van de partners is positief.",
        "Afspraken over interventies worden sneller gemaakt en beter opgevolgd.",
    ],
}

PRACTICE_ITEMS = [
    (
        "casusreview",
        "Casusreview: eerder samen aan tafel",
        "In een gezamenlijke casusreview keken de partners terug op de samenwerking. "
        "**Les:** door al in de eerste week af te stemmen, liepen de interventies van zorg "
        "en straf niet langs elkaar heen.\n\n" + FICTITIOUS,
        "Casusreview RNZS (fictief)",
    ),
    (
        "what-if",
        "Wat als er geen Actie-overleg was geweest?",
        "Zonder het overleg waren er volgens de deelnemers minstens vier losse contacten "
        "nodig geweest, verspreid over twee weken.\n\n" + FICTITIOUS,
        "Bijeenkomst RNZS (fictief)",
    ),
    (
        "werkplan",
        "Werkplan van het regionaal netwerk",
        "Het werkplan noemt per verbeteractie de stand van zaken, de eigenaar en de "
        "volgende stap.\n\n" + FICTITIOUS,
        "Werkplan RNZS (fictief)",
    ),
]

QUOTES = [
    "Je hebt gewoon tijd nodig om elkaar te leren kennen. Nu bellen we elkaar meteen.",
    "Het scheelt ons veel uitzoekwerk dat de informatie al op tafel ligt.",
    "We moeten het er wel een beetje bij doen, maar het levert meer op dan het kost.",
]

SOURCES = [
    ("Werkafspraken samenwerking zorg en straf (fictief)", "Regionaal convenant, versie 2."),
    ("Evaluatie Actie-overleg (fictief)", "Interne evaluatie door het RNZS."),
]


def _decimal(rng: random.Random, low: int, high: int, step: int) -> str:
    return str(Decimal(rng.randrange(low, high, step)).quantize(Decimal("0.01")))


def _figure(rng: random.Random, spec: dict[str, Any], element: str) -> Any:
    kind = spec["kind"]
    if kind == "euro":
        return _decimal(rng, 1000, 60000, 500)
    if kind == "uren":
        per = spec.get("unit", "")
        high = 12 if "overleg" in per else (2000 if "jaar" in per else 600)
        return f"{rng.randrange(1, high)}.0"
    if kind == "aantal":
        return rng.randrange(20, 1500)
    if kind == "frequentie":
        return rng.choice(
            [
                {"aantal": 1, "per": "week"},
                {"aantal": 2, "per": "maand"},
                {"aantal": 1, "per": "maand"},
            ]
        )
    if kind == "keuze":
        return rng.choice(spec["options"])["key"]
    options = [option["key"] for option in spec["options"] if option["key"] != "anders"]
    return sorted(rng.sample(options, rng.randrange(2, min(5, len(options)) + 1)))


def demo_answer(
    indicator: Indicator, rng: random.Random, *, completeness: float = 1.0
) -> AnswerContent:
    """A plausible answer for the indicator's answer type; empty with 1 - completeness chance."""
    if rng.random() > completeness:
        return AnswerContent()
    answer_type = indicator.answer_type
    element = indicator.element.key
    if rng.random() < 0.06:
        return AnswerContent(choice="onbekend", explanation="Dit wordt (nog) niet geregistreerd.")
    choice = ""
    if answer_type.choices:
        keys = [c["key"] for c in answer_type.choices]
        weights = [5, 3, 2] if keys[:3] == ["ja", "deels", "nee"] else [1] * len(keys)
        choice = rng.choices(keys, weights=weights[: len(keys)])[0]
    figures = {}
    for spec in indicator.answer_type.fields:
        if "asked_when" in spec and choice not in spec["asked_when"]:
            continue
        if spec.get("required") or rng.random() < 0.85:
            figures[spec["key"]] = _figure(rng, spec, element)
    explanation = rng.choice(EXPLANATIONS.get(element, EXPLANATIONS["waarde"]))
    return AnswerContent(choice=choice, explanation=explanation, figures=figures)
