"""Lineage between catalogue versions: which items of one version continue which of another,
and how an answer given with one version reads in the terms of another.

Pure functions without queries; catalogue.selectors.catalogue_lineage loads what they need.
The rules are explained in docs/adr/0010-lineage-across-versions.md:

- zelfde / herformuleerd: one-to-one, the answer carries over (choice, explanation, and
  figures that both answer types ask under the same key and kind);
- samengevoegd: several earlier items in one later item; additive figures (euro, uren,
  aantal) are added up, a choice carries over only when every part gave the same one;
- gesplitst: one earlier item split over several later items; read backwards the parts are
  added up the same way, read forwards nothing carries (a total cannot be divided).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any, Protocol

ZELFDE = "zelfde"
HERFORMULEERD = "herformuleerd"
SAMENGEVOEGD = "samengevoegd"
GESPLITST = "gesplitst"
RELATIONS = (ZELFDE, HERFORMULEERD, SAMENGEVOEGD, GESPLITST)
ONE_TO_ONE = (ZELFDE, HERFORMULEERD)
ADDITIVE_KINDS = ("euro", "uren", "aantal")
# Honest answers every answer type offers (validation.UNIVERSAL_CHOICES).
UNIVERSAL_CHOICE_KEYS = ("onbekend", "nvt")

DIRECT = "direct"
SUM = "sum"


# Rules a file can be checked against without the database ---------------------------


def lineage_problems(
    indicators: Sequence[tuple[list[Any], dict[str, Any]]], *, continues_version: str | None
) -> list[tuple[list[Any], str]]:
    """Problems with the `continues` of a version's indicators, as (place, Dutch message).

    `indicators` are (place, indicator data) in file order.
    """
    problems: list[tuple[list[Any], str]] = []
    one_to_one: dict[str, str] = {}
    split: dict[str, list[tuple[list[Any], str]]] = defaultdict(list)
    for place, indicator in indicators:
        links = indicator.get("continues", [])
        if not links:
            continue
        if continues_version is None:
            problems.append(
                (
                    [*place, "continues"],
                    "een indicator kan alleen een voorganger noemen als de versie een eerdere "
                    "versie voortzet ('continues' bovenaan het bestand)",
                )
            )
            continue
        keys = [link["key"] for link in links]
        relations = {link["relation"] for link in links}
        for index, key in enumerate(keys):
            if keys.index(key) != index:
                problems.append(
                    ([*place, "continues", index], f"'{key}' staat dubbel onder 'continues'")
                )
        if SAMENGEVOEGD in relations:
            if relations != {SAMENGEVOEGD}:
                problems.append(
                    (
                        [*place, "continues"],
                        "'samengevoegd' kan niet gemengd worden met een andere soort voortzetting",
                    )
                )
            elif len(set(keys)) < 2:
                problems.append(
                    (
                        [*place, "continues"],
                        "'samengevoegd' vraagt minstens twee voorgangers; met één voorganger is "
                        "het 'zelfde', 'herformuleerd' of 'gesplitst'",
                    )
                )
            continue
        if len(links) > 1:
            relation = links[0]["relation"]
            problems.append(
                (
                    [*place, "continues"],
                    f"'{relation}' heeft precies één voorganger; noem meerdere voorgangers "
                    "alleen bij 'samengevoegd'",
                )
            )
            continue
        key, relation = links[0]["key"], links[0]["relation"]
        if relation in ONE_TO_ONE:
            if key in one_to_one:
                problems.append(
                    (
                        [*place, "continues", 0],
                        f"'{key}' wordt al één-op-één voortgezet door '{one_to_one[key]}'; een "
                        "vraag die in delen verdergaat is 'gesplitst'",
                    )
                )
            else:
                one_to_one[key] = indicator["key"]
        elif relation == GESPLITST:
            split[key].append(([*place, "continues", 0], indicator["key"]))
    for key, parts in split.items():
        first_place = parts[0][0]
        if key in one_to_one:
            problems.append(
                (
                    first_place,
                    f"'{key}' kan niet tegelijk 'gesplitst' en één-op-één voortgezet worden "
                    f"(door '{one_to_one[key]}')",
                )
            )
        elif len(parts) < 2:
            problems.append(
                (
                    first_place,
                    f"'{key}' is 'gesplitst' maar wordt door maar één indicator voortgezet; een "
                    "splitsing heeft minstens twee delen",
                )
            )
    return problems


def answer_type_difference(new: Mapping[str, Any], old: Mapping[str, Any]) -> str | None:
    """Why two answer types do not ask the same thing (None when they do), in Dutch.

    Compared are the choice keys and the fields' keys, kinds and option keys; titles,
    labels and explanations may differ.
    """
    new_choices = [c["key"] for c in new["choices"]]
    old_choices = [c["key"] for c in old["choices"]]
    if new_choices != old_choices:
        return f"andere keuzes ({', '.join(new_choices) or 'geen'} in plaats van " + (
            f"{', '.join(old_choices) or 'geen'})"
        )

    def shape(fields: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, tuple[str, ...]]]:
        return [
            (f["key"], f["kind"], tuple(o["key"] for o in f.get("options", []))) for f in fields
        ]

    if shape(new["fields"]) != shape(old["fields"]):
        return "andere velden (sleutel, soort of opties)"
    return None


# Resolving one version's items in the terms of another --------------------------------


@dataclass(frozen=True)
class Node:
    """What lineage needs of an indicator."""

    id: int
    key: str
    version_id: int
    continues: tuple[tuple[str, str], ...]
    fields: tuple[Mapping[str, Any], ...]
    choices: frozenset[str]

    def field(self, key: str, kind: str) -> Mapping[str, Any] | None:
        return next((f for f in self.fields if f["key"] == key and f["kind"] == kind), None)


@dataclass(frozen=True)
class Source:
    """Where the value of a lens indicator is found in a report of another version."""

    indicator_ids: tuple[int, ...]
    combine: str  # DIRECT: one indicator as it is; SUM: several added up
    relation: str  # the kind of continuation, as a reader should be told it


def _step_back(node: Node, older: Mapping[str, Node]) -> Source | None:
    """A node of the later version read from the version it continues."""
    links = [(key, relation) for key, relation in node.continues if key in older]
    if not links or len(links) != len(node.continues):
        return None
    relations = {relation for _key, relation in links}
    if relations == {SAMENGEVOEGD}:
        return Source(tuple(older[key].id for key, _r in links), SUM, SAMENGEVOEGD)
    if len(links) == 1 and links[0][1] in ONE_TO_ONE:
        return Source((older[links[0][0]].id,), DIRECT, links[0][1])
    return None  # gesplitst: a part cannot be read from the undivided whole


def _step_forward(node: Node, successors: Mapping[str, list[tuple[Node, str]]]) -> Source | None:
    """A node of the earlier version read from the version that continues it."""
    found = successors.get(node.key, [])
    one_to_one = [(n, r) for n, r in found if r in ONE_TO_ONE]
    if len(one_to_one) == 1:
        successor, relation = one_to_one[0]
        return Source((successor.id,), DIRECT, relation)
    parts = [n for n, r in found if r == GESPLITST]
    if len(parts) >= 2 and not one_to_one:
        return Source(tuple(n.id for n in parts), SUM, GESPLITST)
    return None  # samengevoegd: the later item holds more than this one


WEIGHT = {ZELFDE: 0, HERFORMULEERD: 1, SAMENGEVOEGD: 2, GESPLITST: 2}


def _compose(first: Source, then: Mapping[int, Source | None]) -> Source | None:
    """`first` leads to indicators of an intermediate version; `then` maps each further."""
    ids: list[int] = []
    relation = first.relation
    combine = first.combine
    for indicator_id in first.indicator_ids:
        step = then.get(indicator_id)
        if step is None:
            return None
        ids.extend(step.indicator_ids)
        if step.combine == SUM:
            combine = SUM
        if WEIGHT[step.relation] >= WEIGHT[relation]:
            relation = step.relation
    return Source(tuple(ids), combine, relation)


def version_path(
    parents: Mapping[int, int | None], *, lens_id: int, source_id: int
) -> tuple[list[int], str] | None:
    """The versions from the lens to the source (both included) and the direction:
    'back' when the source is an earlier version, 'forward' when it is a later one."""
    lens_chain = _ancestors(parents, lens_id)
    if source_id in lens_chain:
        return lens_chain[: lens_chain.index(source_id) + 1], "back"
    source_chain = _ancestors(parents, source_id)
    if lens_id in source_chain:
        return list(reversed(source_chain[: source_chain.index(lens_id) + 1])), "forward"
    return None


def version_steps(
    parents: Mapping[int, int | None], *, lens_id: int, source_id: int
) -> list[tuple[int, int, str]] | None:
    """The steps (from, to, 'back' or 'forward') from the lens to the source version: along
    one line, or back to the nearest common ancestor and forward from there, so that two
    versions that continue the same one (a corrected edition and a new instrument) read
    each other through it. None when they are not connected."""
    direct = version_path(parents, lens_id=lens_id, source_id=source_id)
    if direct is not None:
        path, direction = direct
        return [(here, there, direction) for here, there in pairwise(path)]
    lens_chain = _ancestors(parents, lens_id)
    source_chain = _ancestors(parents, source_id)
    common = next((v for v in lens_chain if v in source_chain), None)
    if common is None:
        return None
    up = lens_chain[: lens_chain.index(common) + 1]
    down = list(reversed(source_chain[: source_chain.index(common) + 1]))
    return [(here, there, "back") for here, there in pairwise(up)] + [
        (here, there, "forward") for here, there in pairwise(down)
    ]


def _ancestors(parents: Mapping[int, int | None], version_id: int) -> list[int]:
    chain = [version_id]
    seen = {version_id}
    while (parent := parents.get(chain[-1])) is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
    return chain


def resolve_sources(
    lens_nodes: Sequence[Node],
    nodes_by_version: Mapping[int, Sequence[Node]],
    path: Sequence[int],
    direction: str,
) -> dict[int, Source]:
    """Per lens indicator id, where its value is found in the last version of `path`."""
    steps = [(here, there, direction) for here, there in pairwise(path)]
    return resolve_steps(lens_nodes, nodes_by_version, steps)


def resolve_steps(
    lens_nodes: Sequence[Node],
    nodes_by_version: Mapping[int, Sequence[Node]],
    steps: Sequence[tuple[int, int, str]],
) -> dict[int, Source]:
    """Per lens indicator id, where its value is found in the last version of `steps`."""
    current: dict[int, Source] = {n.id: Source((n.id,), DIRECT, ZELFDE) for n in lens_nodes}
    for here, there, direction in steps:
        there_nodes = nodes_by_version.get(there, ())
        here_nodes = nodes_by_version.get(here, ())
        step: dict[int, Source | None]
        if direction == "back":
            older = {n.key: n for n in there_nodes}
            step = {n.id: _step_back(n, older) for n in here_nodes}
        else:
            successors: dict[str, list[tuple[Node, str]]] = defaultdict(list)
            for n in there_nodes:
                for key, relation in n.continues:
                    successors[key].append((n, relation))
            step = {n.id: _step_forward(n, successors) for n in here_nodes}
        composed = {lens_id: _compose(source, step) for lens_id, source in current.items()}
        current = {lens_id: s for lens_id, s in composed.items() if s is not None}
    return current


# Reading an answer through a Source -------------------------------------------------


class AnswerLike(Protocol):
    choice: str
    explanation: str
    figures: dict[str, Any]


@dataclass(frozen=True)
class Carried:
    """An answer as it reads in the lens version."""

    choice: str
    explanation: str
    figures: dict[str, Any]
    relation: str


def _number(value: Any) -> Decimal | None:
    if value in (None, "", [], {}) or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _part_value(answer: AnswerLike | None, field: Mapping[str, Any]) -> Decimal | None:
    """A part's contribution to a sum: its figure, or 0 where the figure was not asked
    (a choice outside the field's asked_when, or n.v.t.); None when it is not known
    (onbekend, or not answered)."""
    if answer is None or answer.choice == "onbekend":
        return None
    number = _number(answer.figures.get(field["key"]))
    if number is not None:
        return number
    asked_when = field.get("asked_when")
    if answer.choice == "nvt" or (answer.choice and asked_when and answer.choice not in asked_when):
        return Decimal(0)
    return None


def _as_stored(kind: str, value: Decimal) -> Any:
    return int(value) if kind == "aantal" else str(value)


def carry(
    source: Source,
    *,
    lens: Node,
    nodes: Mapping[int, Node],
    answers: Mapping[int, AnswerLike],
) -> Carried | None:
    """The answer to `lens` as found through `source` in one report's answers (per
    indicator id); None when nothing carries over."""
    if source.combine == DIRECT:
        (source_id,) = source.indicator_ids
        answer = answers.get(source_id)
        if answer is None:
            return None
        origin = nodes[source_id]
        figures = {}
        for field in lens.fields:
            if origin.field(field["key"], field["kind"]) is None:
                continue
            value = answer.figures.get(field["key"])
            if value not in (None, "", [], {}):
                figures[field["key"]] = value
        choice = answer.choice if answer.choice in lens.choices else ""
        return Carried(choice, answer.explanation, figures, source.relation)

    parts = [(nodes[i], answers.get(i)) for i in source.indicator_ids]
    figures = {}
    for field in lens.fields:
        if field["kind"] not in ADDITIVE_KINDS:
            continue
        total = Decimal(0)
        counted = False
        for node, answer in parts:
            part_field = node.field(field["key"], field["kind"])
            if part_field is None:
                continue
            value = _part_value(answer, part_field)
            if value is None:
                break
            total += value
            counted = True
        else:
            if counted:
                figures[field["key"]] = _as_stored(field["kind"], total)
    choices = {answer.choice if answer else "" for _node, answer in parts}
    choice = choices.pop() if len(choices) == 1 else ""
    if choice not in lens.choices:
        choice = ""
    if not figures and not choice:
        return None
    return Carried(choice, "", figures, source.relation)


def node_of(
    *,
    indicator_id: int,
    key: str,
    version_id: int,
    continues: Iterable[Mapping[str, str]],
    fields: Iterable[Mapping[str, Any]],
    choices: Iterable[Mapping[str, str]],
) -> Node:
    return Node(
        id=indicator_id,
        key=key,
        version_id=version_id,
        continues=tuple((link["key"], link["relation"]) for link in continues),
        fields=tuple(fields),
        choices=frozenset([*(c["key"] for c in choices), *UNIVERSAL_CHOICE_KEYS]),
    )
