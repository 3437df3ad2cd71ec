"""Errata: the listed differences between a corrected version and the version it continues.

A published version never changes; a correction is a new version that `continues` the old
one, whose items continue the old items one to one (lineage.py), and whose `errata` list
every difference with its place, kind and reason (docs/adr/0030-errata-as-versions.md).
Pure functions without queries, like lineage.py:

- errata_problems(data): what a file alone can show (the place exists, the corrected words
  are there, the named fields exist);
- errata_against(data, earlier): what needs the continued version's content (the typo was
  there and is gone, a silent correction was already in it, an added field is new, and
  every difference is listed).
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

TEKSTFOUT = "tekstfout"
STILLE_CORRECTIE = "stille-correctie"
VELD_TOEGEVOEGD = "veld-toegevoegd"
VRAAG_IN_DELEN = "vraag-in-delen"
KIND_LABELS = {
    TEKSTFOUT: _("Typo corrected"),
    STILLE_CORRECTIE: _("Silent correction made explicit"),
    VELD_TOEGEVOEGD: _("Field added"),
    VRAAG_IN_DELEN: _("A judgement per part of the question"),
}
# Keys that are not content of a place (lineage links, the parts below it).
_NOT_CONTENT = {"continues", "elements", "indicators"}

Places = dict[str, dict[str, Any]]


def places(data: Mapping[str, Any]) -> Places:
    """Every place an erratum can name: themes, <theme>.<element> and indicators, each with
    its own content (without the places below it), answer types resolved for indicators."""
    found: Places = {}
    answer_types = data.get("answer_types", {})
    for theme in data.get("themes", []):
        found[theme["key"]] = _own(theme)
        for element in theme.get("elements", []):
            found[f"{theme['key']}.{element['element']}"] = _own(element)
            for indicator in element.get("indicators", []):
                content = _own(indicator)
                content["answer_type"] = answer_types.get(indicator.get("answer_type"), {})
                found[indicator["key"]] = content
    return found


def _own(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in _NOT_CONTENT}


def _text(content: Mapping[str, Any]) -> str:
    """The words of a place, to look quoted words up in (answer types excluded)."""
    words = {key: value for key, value in content.items() if key != "answer_type"}
    return " ".join(_strings(words))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _field_keys(content: Mapping[str, Any]) -> set[str]:
    return {field["key"] for field in content.get("answer_type", {}).get("fields", [])}


def _quoted(text: str) -> str:
    return " ".join(text.split())


def errata_problems(data: Mapping[str, Any]) -> list[tuple[list[Any], str]]:
    """Problems a file's errata show without the version it continues, as (place, message)."""
    errata = data.get("errata", [])
    if errata and not data.get("continues"):
        return [
            (
                ["errata"],
                "errata horen bij een versie die een eerdere versie voortzet ('continues' "
                "bovenaan het bestand)",
            )
        ]
    found = places(data)
    problems: list[tuple[list[Any], str]] = []
    for index, erratum in enumerate(errata):
        where: list[Any] = ["errata", index]
        content = found.get(erratum["place"])
        if content is None:
            problems.append(
                (
                    [*where, "place"],
                    f"'{erratum['place']}' is geen thema, element of indicator van deze versie",
                )
            )
            continue
        kind = erratum["kind"]
        if kind in (TEKSTFOUT, STILLE_CORRECTIE):
            for name in ("before", "after"):
                if name not in erratum:
                    problems.append((where, f"een erratum '{kind}' noemt '{name}'"))
            after = erratum.get("after")
            if after and _quoted(after) not in _text(content):
                problems.append(
                    ([*where, "after"], f"'{after}' staat niet bij '{erratum['place']}'")
                )
        else:
            fields = erratum.get("fields", [])
            if not fields:
                problems.append((where, f"een erratum '{kind}' noemt de velden ('fields')"))
            own_fields = _field_keys(content)
            for field_index, key in enumerate(fields):
                if key not in own_fields:
                    problems.append(
                        (
                            [*where, "fields", field_index],
                            f"'{erratum['place']}' heeft geen veld '{key}'",
                        )
                    )
    return problems


def errata_against(
    data: Mapping[str, Any], earlier: Mapping[str, Any]
) -> list[tuple[list[Any], str]]:
    """Problems of a file's errata against the content of the version it continues:
    each erratum holds there, and every changed place has an erratum."""
    now, before = places(data), places(earlier)
    problems: list[tuple[list[Any], str]] = []
    listed = set()
    for index, erratum in enumerate(data.get("errata", [])):
        where: list[Any] = ["errata", index]
        place = erratum["place"]
        listed.add(place)
        old = before.get(place)
        if old is None:
            problems.append(
                (
                    [*where, "place"],
                    f"'{place}' bestaat niet in versie '{earlier['slug']}'; een erratum "
                    "verbetert iets wat er was",
                )
            )
            continue
        old_text = _text(old)
        kind = erratum["kind"]
        quoted_before = _quoted(erratum.get("before", ""))
        quoted_after = _quoted(erratum.get("after", ""))
        if kind == TEKSTFOUT and quoted_before and quoted_before not in old_text:
            problems.append(
                (
                    [*where, "before"],
                    f"'{erratum['before']}' staat niet bij '{place}' in versie '{earlier['slug']}'",
                )
            )
        if kind == TEKSTFOUT and quoted_before and quoted_before in _text(now.get(place, {})):
            problems.append(([*where, "before"], f"'{erratum['before']}' staat nog bij '{place}'"))
        if kind == STILLE_CORRECTIE and quoted_after and quoted_after not in old_text:
            problems.append(
                (
                    [*where, "after"],
                    f"een stille correctie staat al in versie '{earlier['slug']}', maar "
                    f"'{erratum['after']}' niet; is het een 'tekstfout'?",
                )
            )
        if kind in (VELD_TOEGEVOEGD, VRAAG_IN_DELEN):
            for field_index, key in enumerate(erratum.get("fields", [])):
                if key in _field_keys(old):
                    problems.append(
                        (
                            [*where, "fields", field_index],
                            f"veld '{key}' had '{place}' al in versie '{earlier['slug']}'",
                        )
                    )
    for place, content in now.items():
        old = before.get(place)
        if old is not None and _canonical(old) != _canonical(content) and place not in listed:
            problems.append(
                (
                    ["errata"],
                    f"'{place}' verschilt van versie '{earlier['slug']}' maar staat niet onder "
                    "'errata'; noem elk verschil met zijn reden",
                )
            )
    return problems


def _canonical(content: Mapping[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False)
