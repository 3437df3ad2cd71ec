"""An answer to an indicator: cleaning input against its answer type, and completeness.

Pure functions (no database): the same rules serve the web form, autosave, the Excel
and JSON imports and the API. Figures are stored JSON-ready: amounts and hours as
decimal strings ("1234.50"), counts as integers, a frequency as {"aantal", "per"}.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from .limits import EXPLANATION_MAX

UNIVERSAL_CHOICE_KEYS = ("onbekend", "nvt")
FREQUENCY_PERIODS = {"week": 52, "maand": 12, "kwartaal": 4, "jaar": 1}
MAX_AMOUNT = Decimal("1000000000")  # one billion euro or hours: anything above is a typo
MAX_COUNT = 10_000_000
DECIMALS = {"euro": 2, "uren": 1}

_THOUSANDS_ONLY = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_DIGITS = re.compile(r"[0-9]+")
# Control characters (NUL, vertical tab, ...) that PostgreSQL or XML refuse; tab and newline stay.
# What clean_text removes; the archive import removes the same (outputs/archive_format.py).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


class AnswerTypeLike(Protocol):
    choices: list[dict[str, str]]
    fields: list[dict[str, Any]]
    explanation_required: bool


@dataclass(frozen=True)
class AnswerContent:
    """What an answer says; comparable, so saving the same content twice is a no-op."""

    choice: str = ""
    explanation: str = ""
    figures: dict[str, Any] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    # A network report's answers per region where its regions differ: region code →
    # {"choice", "explanation", "figures"} (Answer.regional).
    regional: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {
            "choice": self.choice,
            "explanation": self.explanation,
            "figures": self.figures,
            "perspectives": self.perspectives,
        }
        if self.regional:
            data["regional"] = self.regional
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "AnswerContent":
        return cls(
            choice=data.get("choice", ""),
            explanation=data.get("explanation", ""),
            figures=dict(data.get("figures", {})),
            perspectives=dict(data.get("perspectives", {})),
            regional={code: dict(part) for code, part in data.get("regional", {}).items()},
        )

    def for_region(self, code: str) -> "AnswerContent":
        """What the answer says for one region of the network: its own answer where the
        network's report gives one, else the network's."""
        own = self.regional.get(code)
        if own is None:
            return AnswerContent(self.choice, self.explanation, self.figures)
        return AnswerContent(
            own.get("choice", ""), own.get("explanation", ""), dict(own.get("figures", {}))
        )


def region_part_is_empty(part: Mapping[str, Any]) -> bool:
    """A region's own answer that says nothing: removed on save (the network's answer holds)."""
    return not part.get("choice") and not part.get("explanation") and not part.get("figures")


def content_of(answer: Any) -> AnswerContent:
    """The content of a stored answer (anything with the answer attributes)."""
    return AnswerContent(
        choice=answer.choice,
        explanation=answer.explanation,
        figures=answer.figures,
        perspectives=answer.perspectives,
        regional=getattr(answer, "regional", None) or {},
    )


def answer_texts(answer: Any) -> tuple[str, ...]:
    """Every free text an answer holds: its explanation, the partners' perspectives and a
    network report's explanations per region (what the privacy guard reads, wherever the
    answer is saved or shown)."""
    regional = getattr(answer, "regional", None) or {}
    return (
        answer.explanation,
        *answer.perspectives.values(),
        *(part.get("explanation", "") for part in regional.values()),
    )


class AnswerInvalid(Exception):
    """Input that does not fit the answer type; `errors` maps form field names to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(m for messages in errors.values() for m in messages))
        self.errors = errors


def clean_text(text: str) -> str:
    """Free text as stored: Windows line ends normalised, control characters removed."""
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n")).strip()


def parse_dutch_decimal(text: str, *, decimals: int) -> Decimal:
    """Read a number as Dutch people write it: 1.234,50 or 1234,5 (or 1234.50)."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("€", "")
    if cleaned.startswith("-"):
        raise ValueError(_("Enter a number of zero or more."))
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not _NUMBER.match(cleaned.replace(",", ".")):
        raise ValueError(_("Enter a number, for example 1.234,50."))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("Enter a number, for example 1.234,50.")) from exc
    if value > MAX_AMOUNT:
        raise ValueError(_("This number is too large; check the input."))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        if decimals == 0:
            raise ValueError(_("Enter a whole number."))
        raise ValueError(
            _("Use at most %(decimals)s digit(s) after the comma.") % {"decimals": decimals}
        )
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def parse_count(text: str) -> int:
    """A whole number as Dutch people write it: 1500, 1 500 or 1.500 (dots only between
    groups of three: 1.5 is not fifteen)."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS_ONLY.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    if not _DIGITS.fullmatch(cleaned):
        raise ValueError(_("Enter a whole number of zero or more."))
    if len(cleaned.lstrip("0")) > len(str(MAX_COUNT)):
        raise ValueError(_("This number is too large; check the input."))
    value = int(cleaned)
    if value > MAX_COUNT:
        raise ValueError(_("This number is too large; check the input."))
    return value


def format_dutch_decimal(value: str | Decimal | int | None, *, decimals: int = 2) -> str:
    """1234.5 → '1.234,50' (euro) or '1.234,5' (hours)."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    whole, _sep, fraction = f"{number:,.{decimals}f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if decimals else whole


def frequency_per_year(value: Mapping[str, Any]) -> int:
    return int(value["aantal"]) * FREQUENCY_PERIODS[value["per"]]


def asked_fields(answer_type: AnswerTypeLike, choice: str) -> list[dict[str, Any]]:
    """The fields that belong with this choice ("Zo ja, ..."): none for onbekend/n.v.t."""
    if choice in UNIVERSAL_CHOICE_KEYS:
        return []
    return [f for f in answer_type.fields if "asked_when" not in f or choice in f["asked_when"]]


def _raw_text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return clean_text(str(value))


def _raw_list(raw: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(raw, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(key)]
    value = raw.get(key, [])
    return [str(v) for v in (value if isinstance(value, list) else [value]) if v != ""]


def _clean_field(spec: dict[str, Any], raw: Mapping[str, Any], name: str) -> Any:
    kind = spec["kind"]
    if kind == "frequentie":
        amount_text = _raw_text(raw, f"{name}-aantal")
        period = _raw_text(raw, f"{name}-per")
        if not amount_text and not period:
            return None
        if period not in FREQUENCY_PERIODS:
            raise ValueError(_("Choose per week, month, quarter or year."))
        return {"aantal": parse_count(amount_text), "per": period}
    if kind == "meerkeuze":
        values = _raw_list(raw, name)
        allowed = [option["key"] for option in spec["options"]]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValueError(_("Unknown option: %(value)s.") % {"value": ", ".join(unknown)})
        return [key for key in allowed if key in values] or None
    text = _raw_text(raw, name)
    if not text:
        return None
    if kind == "keuze":
        if text not in [option["key"] for option in spec["options"]]:
            raise ValueError(_("Choose one of the options."))
        return text
    if kind == "aantal":
        return parse_count(text)
    return str(parse_dutch_decimal(text, decimals=DECIMALS[kind]))


def answer_clean(
    *,
    answer_type: AnswerTypeLike,
    raw: Mapping[str, Any],
    field_labels: Mapping[str, str] | None = None,
    organisation_codes: frozenset[str] = frozenset(),
) -> AnswerContent:
    """Turn form input into an answer, or raise AnswerInvalid with Dutch messages per field.

    Input names: `choice`, `explanation`, `field-<key>` (a frequency as `field-<key>-aantal`
    and `field-<key>-per`), and `perspective-<organisation code>`. A field that does not
    belong with the chosen answer is dropped, so a changed choice leaves no stale figures.
    """
    errors: dict[str, list[str]] = {}
    labels = field_labels or {}
    choice = _raw_text(raw, "choice")
    valid_choices = [c["key"] for c in answer_type.choices] + list(UNIVERSAL_CHOICE_KEYS)
    if choice and choice not in valid_choices:
        errors["choice"] = [_("Choose one of the answers.")]
        choice = ""

    explanation = clean_text(str(raw.get("explanation", "") or ""))
    if len(explanation) > EXPLANATION_MAX:
        errors["explanation"] = [
            _("The explanation is too long (at most %(max)s characters).")
            % {"max": EXPLANATION_MAX}
        ]

    figures: dict[str, Any] = {}
    for spec in asked_fields(answer_type, choice):
        name = f"field-{spec['key']}"
        try:
            value = _clean_field(spec, raw, name)
        except ValueError as exc:
            label = labels.get(spec["key"], spec["label"])
            errors[name] = [f"{label}: {exc}"]
            continue
        if value is not None:
            figures[spec["key"]] = value

    perspectives: dict[str, str] = {}
    for key in raw:
        if key.startswith("perspective-"):
            code = key.removeprefix("perspective-")
            text = _raw_text(raw, key)
            if code not in organisation_codes:
                errors[key] = [_("Unknown organisation.")]
            elif len(text) > EXPLANATION_MAX:
                errors[key] = [_("This text is too long.")]
            elif text:
                perspectives[code] = text

    if errors:
        raise AnswerInvalid(errors)
    return AnswerContent(
        choice=choice, explanation=explanation, figures=figures, perspectives=perspectives
    )


def answer_is_complete(answer_type: AnswerTypeLike, content: AnswerContent) -> bool:
    """Answered: onbekend/n.v.t., or the choice (if the type has any) with its required parts.

    Unanswered is different from onbekend: it means nobody has said anything yet.
    """
    if content.choice in UNIVERSAL_CHOICE_KEYS:
        return True
    if answer_type.choices and not content.choice:
        return False
    for spec in asked_fields(answer_type, content.choice):
        if spec.get("required") and spec["key"] not in content.figures:
            return False
    if answer_type.explanation_required and not content.explanation:
        return False
    if not answer_type.choices:
        required = [f for f in answer_type.fields if f.get("required")]
        return bool(required) or bool(content.explanation)
    return True


def _values(raw: Any, key: str) -> list[Any]:
    if hasattr(raw, "getlist"):
        return list(raw.getlist(key))
    value = raw[key]
    return list(value) if isinstance(value, list) else [value]


def region_prefix(code: str) -> str:
    """The input names of a region's own answer in a network report's form."""
    return f"regio-{code}-"


def regional_clean(
    *,
    answer_type: AnswerTypeLike,
    raw: Any,
    field_labels: Mapping[str, str],
    region_codes: Sequence[str],
) -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    """The regions' own answers in an input (names prefixed `regio-<code>-`), cleaned as an
    answer is, and the regions the input mentions. AnswerInvalid with the prefixed names."""
    regional: dict[str, dict[str, Any]] = {}
    mentioned: set[str] = set()
    errors: dict[str, list[str]] = {}
    for code in region_codes:
        prefix = region_prefix(code)
        own = MultiValueDict(
            {key.removeprefix(prefix): _values(raw, key) for key in raw if key.startswith(prefix)}
        )
        if not own:
            continue
        mentioned.add(code)
        try:
            content = answer_clean(
                answer_type=answer_type,
                raw=own,
                field_labels=field_labels,
                organisation_codes=frozenset(),
            )
        except AnswerInvalid as exc:
            errors.update({f"{prefix}{name}": found for name, found in exc.errors.items()})
            continue
        regional[code] = {
            "choice": content.choice,
            "explanation": content.explanation,
            "figures": content.figures,
        }
    if errors:
        raise AnswerInvalid(errors)
    return regional, frozenset(mentioned)


def answer_input_clean(
    *,
    answer: Any,
    raw: Any,
    organisation_codes: frozenset[str],
    regions: Sequence[Any],
) -> tuple[AnswerContent, frozenset[str] | None]:
    """An input for an answer (the web form's or the API's), with a network report's
    answers per region and the regions the input mentions (None in a region's report, which
    has none). AnswerInvalid with every error of the answer and of its regions."""
    indicator = answer.indicator
    errors: dict[str, list[str]] = {}
    content = AnswerContent()
    try:
        content = answer_clean(
            answer_type=indicator.answer_type,
            raw=raw,
            field_labels=indicator.field_labels,
            organisation_codes=organisation_codes,
        )
    except AnswerInvalid as exc:
        errors.update(exc.errors)
    if not regions:
        if errors:
            raise AnswerInvalid(errors)
        return content, None
    regional: dict[str, dict[str, Any]] = {}
    mentioned: frozenset[str] = frozenset()
    try:
        regional, mentioned = regional_clean(
            answer_type=indicator.answer_type,
            raw=raw,
            field_labels=indicator.field_labels,
            region_codes=[region.code for region in regions],
        )
    except AnswerInvalid as exc:
        errors.update(exc.errors)
    if errors:
        raise AnswerInvalid(errors)
    return replace(content, regional=regional), mentioned
