"""A whole report as a JSON document, for archives and migrations, and checking one.

The document holds no database ids: the region, catalogue, indicators, themes and elements
are named by their stable keys and people by their username, so it can be imported into any
database with the same catalogue and regions. Exporting, importing into an empty database
and exporting again gives the same document. Writing is in importing.py.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion, Element, Indicator, Theme
from werkset.privacy.models import PrivacyClearance
from werkset.regions.models import Organisation, Region
from werkset.reports.answers import AnswerContent, AnswerInvalid, answer_clean
from werkset.reports.models import (
    Answer,
    AnswerChange,
    ChangeSource,
    CommentKind,
    PracticeKind,
    Report,
    ReportStatus,
    validate_period,
)

from .importing import ImportProblem, ImportRefused

ARCHIVE_FORMAT = "werkset-rapport"
ARCHIVE_FORMAT_VERSION = 1


# --- export ------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _username(user: User | None) -> str | None:
    return user.get_username() if user is not None else None


def _key(obj: Any) -> str | None:
    return obj.key if obj is not None else None


def _item_place(item: Any) -> dict[str, Any]:
    return {
        "theme": _key(item.theme),
        "element": _key(item.element),
        "position": item.position,
        "created_at": _time(item.created_at),
    }


def report_json(*, report: Report) -> dict[str, Any]:
    """The whole report, JSON-ready: answers with their history, texts, items, comments and
    status changes, in a fixed order so the same report always gives the same document."""
    report = Report.objects.select_related(
        "region", "catalogue_version", "created_by", "corrects", "started_from__catalogue_version"
    ).get(pk=report.pk)
    answers = (
        report.answers.select_related("indicator", "updated_by")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=AnswerChange.objects.select_related("changed_by").order_by(
                    "revision", "id"
                ),
            )
        )
        .order_by("indicator__position")
    )
    started_from = report.started_from
    return {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_FORMAT_VERSION,
        "catalogue": report.catalogue_version.slug,
        "region": report.region.code,
        "period": report.period,
        "number": report.number,
        "status": report.status,
        "created_at": _time(report.created_at),
        "created_by": _username(report.created_by),
        "finalised_at": _time(report.finalised_at),
        "corrects": report.corrects.number if report.corrects is not None else None,
        "started_from": {
            "catalogue": started_from.catalogue_version.slug,
            "period": started_from.period,
            "number": started_from.number,
        }
        if started_from is not None
        else None,
        "answers": {
            answer.indicator.key: {
                "choice": answer.choice,
                "explanation": answer.explanation,
                "figures": answer.figures,
                "perspectives": answer.perspectives,
                "revision": answer.revision,
                "carried_over": answer.carried_over,
                "updated_at": _time(answer.updated_at),
                "updated_by": _username(answer.updated_by),
                "history": [
                    {
                        "revision": change.revision,
                        "changed_at": _time(change.changed_at),
                        "changed_by": _username(change.changed_by),
                        "changed_by_name": change.changed_by_name,
                        "source": change.source,
                        "before": change.before,
                        "after": change.after,
                    }
                    for change in answer.changes.all()
                ],
            }
            for answer in answers
        },
        "section_texts": [
            {
                "theme": text.theme.key,
                "element": _key(text.element),
                "text": text.text,
                "revision": text.revision,
                "updated_at": _time(text.updated_at),
                "updated_by": _username(text.updated_by),
            }
            for text in report.section_texts.select_related(
                "theme", "element", "updated_by"
            ).order_by("theme__position", F("element__position").asc(nulls_first=True), "id")
        ],
        "practice_items": [
            {
                **_item_place(item),
                "kind": item.kind,
                "title": item.title,
                "text": item.text,
                "source": item.source,
            }
            for item in report.practice_items.select_related("theme", "element").order_by(
                "position", "id"
            )
        ],
        "quotes": [
            {**_item_place(item), "text": item.text, "attribution": item.attribution}
            for item in report.quotes.select_related("theme", "element").order_by("position", "id")
        ],
        "sources": [
            {**_item_place(item), "title": item.title, "description": item.description}
            for item in report.sources.select_related("theme", "element").order_by("position", "id")
        ],
        "comments": [
            {
                "indicator": _key(comment.answer.indicator) if comment.answer else None,
                "theme": _key(comment.theme),
                "kind": comment.kind,
                "text": comment.text,
                "author": _username(comment.author),
                "author_name": comment.author_name,
                "created_at": _time(comment.created_at),
                "resolved_at": _time(comment.resolved_at),
                "resolved_by": _username(comment.resolved_by),
                "resolution": comment.resolution,
            }
            for comment in report.comments.select_related(
                "answer__indicator", "theme", "author", "resolved_by"
            ).order_by("created_at", "id")
        ],
        "status_changes": [
            {
                "from": change.from_status,
                "to": change.to_status,
                "changed_at": _time(change.changed_at),
                "changed_by": _username(change.changed_by),
                "changed_by_name": change.changed_by_name,
                "note": change.note,
            }
            for change in report.status_changes.select_related("changed_by").order_by(
                "changed_at", "id"
            )
        ],
        "privacy_clearances": [
            {
                "kind": clearance.kind,
                "text": clearance.text,
                "reason": clearance.reason,
                "cleared_by": _username(clearance.cleared_by),
                "cleared_by_name": clearance.cleared_by_name,
                "cleared_at": _time(clearance.cleared_at),
            }
            for clearance in PrivacyClearance.objects.filter(report=report)
            .select_related("cleared_by")
            .order_by("cleared_at", "id")
        ],
    }


# --- the shape ---------------------------------------------------------------------------


def _string(max_length: int | None = None, *, null: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "null"] if null else "string"}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_TIME = _string(64)
_TIME_OR_NULL = _string(64, null=True)
_USER = _string(150, null=True)
_KEY = {"type": "string", "minLength": 1, "maxLength": 150}
_KEY_OR_NULL = _string(150, null=True)
_COUNT = {"type": "integer", "minimum": 0, "maximum": 2_147_483_647}
_STATUSES = [str(s) for s in ReportStatus.values]
_ITEM = {"theme": _KEY_OR_NULL, "element": _KEY_OR_NULL, "position": _COUNT, "created_at": _TIME}

ARCHIVE_SCHEMA: dict[str, Any] = _object(
    {
        "format": {"const": ARCHIVE_FORMAT},
        "format_version": {"const": ARCHIVE_FORMAT_VERSION},
        "catalogue": _KEY,
        "region": _KEY,
        "period": _string(7),
        "number": {"type": "integer", "minimum": 1, "maximum": 32767},
        "status": {"enum": _STATUSES},
        "created_at": _TIME,
        "created_by": _USER,
        "finalised_at": _TIME_OR_NULL,
        "corrects": {"type": ["integer", "null"], "minimum": 1, "maximum": 32767},
        "started_from": {
            "oneOf": [
                {"type": "null"},
                _object(
                    {
                        "catalogue": _KEY,
                        "period": _string(7),
                        "number": {"type": "integer", "minimum": 1, "maximum": 32767},
                    }
                ),
            ]
        },
        "answers": {
            "type": "object",
            "additionalProperties": _object(
                {
                    "choice": _string(50),
                    "explanation": _string(),
                    "figures": {"type": "object"},
                    "perspectives": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                    },
                    "revision": _COUNT,
                    "carried_over": {"type": "boolean"},
                    "updated_at": _TIME_OR_NULL,
                    "updated_by": _USER,
                    "history": {
                        "type": "array",
                        "items": _object(
                            {
                                "revision": _COUNT,
                                "changed_at": _TIME,
                                "changed_by": _USER,
                                "changed_by_name": _string(150),
                                "source": {"enum": [str(s) for s in ChangeSource.values]},
                                "before": {"type": "object"},
                                "after": {"type": "object"},
                            }
                        ),
                    },
                }
            ),
        },
        "section_texts": {
            "type": "array",
            "items": _object(
                {
                    "theme": _KEY,
                    "element": _KEY_OR_NULL,
                    "text": _string(),
                    "revision": _COUNT,
                    "updated_at": _TIME_OR_NULL,
                    "updated_by": _USER,
                }
            ),
        },
        "practice_items": {
            "type": "array",
            "items": _object(
                {
                    **_ITEM,
                    "kind": {"enum": [str(k) for k in PracticeKind.values]},
                    "title": _string(300),
                    "text": _string(),
                    "source": _string(500),
                }
            ),
        },
        "quotes": {
            "type": "array",
            "items": _object({**_ITEM, "text": _string(), "attribution": _string(200)}),
        },
        "sources": {
            "type": "array",
            "items": _object({**_ITEM, "title": _string(500), "description": _string()}),
        },
        "comments": {
            "type": "array",
            "items": _object(
                {
                    "indicator": _KEY_OR_NULL,
                    "theme": _KEY_OR_NULL,
                    "kind": {"enum": [str(k) for k in CommentKind.values]},
                    "text": _string(),
                    "author": _USER,
                    "author_name": _string(150),
                    "created_at": _TIME,
                    "resolved_at": _TIME_OR_NULL,
                    "resolved_by": _USER,
                    "resolution": _string(),
                }
            ),
        },
        "status_changes": {
            "type": "array",
            "items": _object(
                {
                    "from": {"enum": ["", *_STATUSES]},
                    "to": {"enum": _STATUSES},
                    "changed_at": _TIME,
                    "changed_by": _USER,
                    "changed_by_name": _string(150),
                    "note": _string(),
                }
            ),
        },
        "privacy_clearances": {
            "type": "array",
            "items": _object(
                {
                    "kind": _string(30),
                    "text": _string(500),
                    "reason": _string(),
                    "cleared_by": _USER,
                    "cleared_by_name": _string(150),
                    "cleared_at": _TIME,
                }
            ),
        },
    }
)


def _path(parts: Any) -> str:
    return "/".join(str(part) for part in parts)


def _schema_message(error: SchemaError) -> str:
    """A Dutch message for a shape error (jsonschema's own messages are English)."""
    instance: Any = error.instance
    schema: Any = error.schema
    wanted: Any = error.validator_value
    if error.validator == "required":
        missing = [k for k in wanted if k not in instance]
        return _("Missing field(s): %(fields)s.") % {"fields": ", ".join(missing)}
    if error.validator == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(k for k in instance if k not in known)
        return _("Unknown field(s): %(fields)s.") % {"fields": ", ".join(extra)}
    if error.validator == "type":
        names = {
            "string": _("text"),
            "integer": _("a whole number"),
            "boolean": _("true or false"),
            "object": _("an object"),
            "array": _("a list"),
            "null": _("null"),
        }
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return _("Expected %(type)s.") % {"type": _(" or ").join(names[w] for w in wanted)}
    if error.validator == "maxLength":
        return _("Too long (at most %(max)s characters).") % {"max": wanted}
    if error.validator in ("enum", "const", "minimum", "maximum", "minLength", "oneOf"):
        return _("Value not allowed: %(value)s.") % {"value": json.dumps(instance)[:80]}
    return _("Invalid value.")


def _refused(message: str, path: str | None = None) -> ImportRefused:
    return ImportRefused([ImportProblem(None, path, message)])


def archive_load(data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    """Read the document and check its shape; every shape error is reported at once."""
    if isinstance(data, dict):
        document: Any = data
    else:
        try:
            text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
            document = json.loads(text)
        except UnicodeDecodeError as exc:
            raise _refused(_("This file is not a text file in UTF-8.")) from exc
        except json.JSONDecodeError as exc:
            raise _refused(
                _("This file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
    if not isinstance(document, dict) or document.get("format") != ARCHIVE_FORMAT:
        raise _refused(_("This file is not a werkset report archive."))
    if document.get("format_version") != ARCHIVE_FORMAT_VERSION:
        raise _refused(
            _("This archive has format version %(version)s; werkset reads version %(ours)s.")
            % {"version": document.get("format_version"), "ours": ARCHIVE_FORMAT_VERSION}
        )
    errors = sorted(
        Draft202012Validator(ARCHIVE_SCHEMA).iter_errors(document),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if errors:
        raise ImportRefused(
            [
                ImportProblem(None, _path(e.absolute_path) or None, _schema_message(e))
                for e in errors
            ]
        )
    return document


# --- the content -------------------------------------------------------------------------


@dataclass
class ArchivePlan:
    """A checked document with everything it names looked up, ready to be written."""

    document: dict[str, Any]
    catalogue: CatalogueVersion
    region: Region
    indicators: dict[str, Indicator]
    themes: dict[str, Theme]
    elements: dict[tuple[str, str], Element]
    users: dict[str, User]
    corrects: Report | None
    started_from: Report | None
    usernames: frozenset[str] = frozenset()

    def user(self, username: str | None) -> User | None:
        return self.users.get(username) if username else None

    def theme(self, key: str | None) -> Theme | None:
        return self.themes[key] if key else None

    def element(self, theme: str | None, key: str | None) -> Element | None:
        return self.elements[(theme, key)] if theme and key else None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp with a time zone (as report_json writes it)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed


def archive_identity(document: dict[str, Any]) -> tuple[CatalogueVersion, Region]:
    """The catalogue version and region the document names; refused if either is unknown."""
    problems = []
    catalogue = CatalogueVersion.objects.filter(slug=document["catalogue"]).first()
    if catalogue is None:
        problems.append(
            ImportProblem(
                None,
                "catalogue",
                _("The catalogue version %(slug)s is not loaded here; load it first.")
                % {"slug": document["catalogue"]},
            )
        )
    region = Region.objects.filter(code=document["region"]).first()
    if region is None:
        problems.append(
            ImportProblem(
                None,
                "region",
                _("Unknown region: %(code)s.") % {"code": document["region"]},
            )
        )
    if catalogue is None or region is None:
        raise ImportRefused(problems)
    return catalogue, region


def archive_existing(
    document: dict[str, Any], catalogue: CatalogueVersion, region: Region
) -> Report | None:
    return Report.objects.filter(
        region=region,
        period=document["period"],
        catalogue_version=catalogue,
        number=document["number"],
    ).first()


def existing_message(document: dict[str, Any], region: Region) -> str:
    return _(
        "There is already a report of %(region)s for %(period)s (version %(number)s) with "
        "this catalogue; it is not imported again."
    ) % {"region": region.name, "period": document["period"], "number": document["number"]}


def _figure_raw(spec: dict[str, Any], value: Any) -> dict[str, Any] | None:
    """A stored figure as the form would post it, or None if it has the wrong type."""
    name = f"field-{spec['key']}"
    kind = spec["kind"]
    if kind in ("euro", "uren"):
        if not isinstance(value, str):
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        return {name: format(number, "f").replace(".", ",")}
    if kind == "aantal":
        return {name: str(value)} if type(value) is int else None
    if kind == "frequentie":
        if (
            not isinstance(value, dict)
            or set(value) != {"aantal", "per"}
            or type(value["aantal"]) is not int
            or not isinstance(value["per"], str)
        ):
            return None
        return {f"{name}-aantal": str(value["aantal"]), f"{name}-per": value["per"]}
    if kind == "keuze":
        return {name: value} if isinstance(value, str) else None
    if kind == "meerkeuze":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        return {name: value}
    return None


def _same_figure(kind: str, given: Any, cleaned: Any) -> bool:
    if kind in ("euro", "uren"):
        return Decimal(given) == Decimal(cleaned)
    if kind == "meerkeuze":
        return len(given) == len(set(given)) and set(given) == set(cleaned)
    return bool(given == cleaned)


def answer_problems(
    *, indicator: Indicator, data: dict[str, Any], path: str, codes: frozenset[str]
) -> list[ImportProblem]:
    """Whether the web form would accept this answer (answer_clean), with the same result;
    the stored form may differ only in order and notation."""
    problems: list[ImportProblem] = []
    specs = {spec["key"]: spec for spec in indicator.fields}
    raw: dict[str, Any] = {"choice": data["choice"], "explanation": data["explanation"]}
    for key, value in data["figures"].items():
        spec = specs.get(key)
        figure_raw = _figure_raw(spec, value) if spec is not None else None
        if spec is None:
            message = _("Unknown figure %(key)s for this question.") % {"key": key}
        elif figure_raw is None:
            message = _("%(label)s: this value has the wrong form.") % {"label": spec["label"]}
        else:
            raw.update(figure_raw)
            continue
        problems.append(ImportProblem(None, f"{path}/figures/{key}", message))
    for code, text in data["perspectives"].items():
        raw[f"perspective-{code}"] = text
    if problems:
        return problems
    try:
        cleaned = answer_clean(
            answer_type=indicator.answer_type,
            raw=raw,
            field_labels=indicator.field_labels,
            organisation_codes=codes,
        )
    except AnswerInvalid as exc:
        for name, messages in exc.errors.items():
            if name.startswith("field-"):
                place = f"{path}/figures/{name.removeprefix('field-')}"
            elif name.startswith("perspective-"):
                place = f"{path}/perspectives/{name.removeprefix('perspective-')}"
            else:
                place = f"{path}/{name}"
            problems.extend(ImportProblem(None, place, message) for message in messages)
        return problems
    for key, value in data["figures"].items():
        spec = specs[key]
        if key not in cleaned.figures:
            problems.append(
                ImportProblem(
                    None,
                    f"{path}/figures/{key}",
                    _('%(label)s does not belong with the answer "%(choice)s".')
                    % {"label": spec["label"], "choice": data["choice"]},
                )
            )
        elif not _same_figure(spec["kind"], value, cleaned.figures[key]):
            problems.append(
                ImportProblem(
                    None,
                    f"{path}/figures/{key}",
                    _("%(label)s: this value has the wrong form.") % {"label": spec["label"]},
                )
            )
    return problems


def archive_check(
    *, document: dict[str, Any], catalogue: CatalogueVersion, region: Region
) -> ArchivePlan:
    """Check everything the document names and says; ImportRefused with every problem."""
    problems: list[ImportProblem] = []

    def problem(path: str, message: str) -> None:
        problems.append(ImportProblem(None, path, message))

    try:
        validate_period(document["period"])
    except ValidationError as exc:
        problem("period", exc.messages[0])

    indicators = {
        i.key: i for i in Indicator.objects.filter(version=catalogue).select_related("answer_type")
    }
    themes = {t.key: t for t in catalogue.themes.all()}
    elements = {
        (e.theme.key, e.key): e
        for e in Element.objects.filter(theme__version=catalogue).select_related("theme")
    }
    codes = frozenset(Organisation.objects.values_list("code", flat=True))

    def time(path: str, value: str | None) -> None:
        try:
            parse_time(value)
        except ValueError:
            problem(path, _("Not a date and time with a time zone: %(value)s.") % {"value": value})

    def place(path: str, theme: str | None, element: str | None) -> None:
        if theme is not None and theme not in themes:
            problem(f"{path}/theme", _("Unknown theme: %(key)s.") % {"key": theme})
        elif element is not None and (theme, element) not in elements:
            problem(f"{path}/element", _("Unknown element: %(key)s.") % {"key": element})

    time("created_at", document["created_at"])
    time("finalised_at", document["finalised_at"])
    usernames = {document["created_by"]}
    for key, answer in document["answers"].items():
        path = f"answers/{key}"
        indicator = indicators.get(key)
        if indicator is None:
            problem(
                path,
                _("Unknown question (indicator key) in this catalogue: %(key)s.") % {"key": key},
            )
            continue
        problems.extend(answer_problems(indicator=indicator, data=answer, path=path, codes=codes))
        time(f"{path}/updated_at", answer["updated_at"])
        usernames.add(answer["updated_by"])
        for index, change in enumerate(answer["history"]):
            time(f"{path}/history/{index}/changed_at", change["changed_at"])
            usernames.add(change["changed_by"])

    seen_texts: set[tuple[str, str | None]] = set()
    for index, text in enumerate(document["section_texts"]):
        path = f"section_texts/{index}"
        place(path, text["theme"], text["element"])
        if (text["theme"], text["element"]) in seen_texts:
            problem(path, _("A second text for the same theme or element."))
        seen_texts.add((text["theme"], text["element"]))
        time(f"{path}/updated_at", text["updated_at"])
        usernames.add(text["updated_by"])
    for collection in ("practice_items", "quotes", "sources"):
        for index, item in enumerate(document[collection]):
            path = f"{collection}/{index}"
            if item["element"] is not None and item["theme"] is None:
                problem(f"{path}/element", _("An element needs its theme."))
            place(path, item["theme"], item["element"])
            time(f"{path}/created_at", item["created_at"])
    for index, comment in enumerate(document["comments"]):
        path = f"comments/{index}"
        if comment["indicator"] is not None and comment["indicator"] not in indicators:
            problem(
                f"{path}/indicator",
                _("Unknown question (indicator key) in this catalogue: %(key)s.")
                % {"key": comment["indicator"]},
            )
        place(path, comment["theme"], None)
        time(f"{path}/created_at", comment["created_at"])
        time(f"{path}/resolved_at", comment["resolved_at"])
        usernames.update((comment["author"], comment["resolved_by"]))
    for index, change in enumerate(document["status_changes"]):
        time(f"status_changes/{index}/changed_at", change["changed_at"])
        usernames.add(change["changed_by"])
    for index, clearance in enumerate(document["privacy_clearances"]):
        time(f"privacy_clearances/{index}/cleared_at", clearance["cleared_at"])
        usernames.add(clearance["cleared_by"])
    if problems:
        raise ImportRefused(problems)

    return ArchivePlan(
        document=document,
        catalogue=catalogue,
        region=region,
        indicators=indicators,
        themes=themes,
        elements=elements,
        users={u.get_username(): u for u in User.objects.filter(username__in=usernames - {None})},
        usernames=frozenset(name for name in usernames if name),
        corrects=_corrected(document, catalogue, region),
        started_from=_started_from(document, region),
    )


def _corrected(
    document: dict[str, Any], catalogue: CatalogueVersion, region: Region
) -> Report | None:
    """The version this report corrects, if it is here and not corrected by another."""
    if document["corrects"] is None:
        return None
    target = Report.objects.filter(
        region=region,
        period=document["period"],
        catalogue_version=catalogue,
        number=document["corrects"],
    ).first()
    if target is None or Report.objects.filter(corrects=target).exists():
        return None
    return target


def _started_from(document: dict[str, Any], region: Region) -> Report | None:
    origin = document["started_from"]
    if origin is None:
        return None
    return Report.objects.filter(
        region=region,
        period=origin["period"],
        catalogue_version__slug=origin["catalogue"],
        number=origin["number"],
    ).first()


def answer_model(plan: ArchivePlan, report: Report, indicator: Indicator) -> Answer:
    """The Answer row for an indicator as the document has it (empty if it has none)."""
    data = plan.document["answers"].get(indicator.key)
    if data is None:
        return Answer(report=report, indicator=indicator)
    content = AnswerContent(
        choice=data["choice"],
        explanation=data["explanation"],
        figures=data["figures"],
        perspectives=data["perspectives"],
    )
    return Answer(
        report=report,
        indicator=indicator,
        choice=content.choice,
        explanation=content.explanation,
        figures=content.figures,
        perspectives=content.perspectives,
        revision=data["revision"],
        carried_over=data["carried_over"],
        updated_at=parse_time(data["updated_at"]),
        updated_by=plan.user(data["updated_by"]),
    )
