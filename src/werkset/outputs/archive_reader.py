"""Checking an archive's content for import: everything it names (catalogue version,
region, indicators, themes, elements, people) looked up here, and every answer checked as
the web form would, so the import can write it all or refuse it with every problem.
Pure: nothing here writes; the shape is checked first (archive_format.py).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion, Element, Indicator, Theme
from werkset.regions.models import Organisation, Region, RegionalNetwork
from werkset.reports.answers import AnswerContent, AnswerInvalid, answer_clean
from werkset.reports.models import Answer, Report, validate_period
from werkset.reports.units import ReportUnit

from .archive_assessments import assessment_problems
from .problems import ImportProblem, ImportRefused


@dataclass
class ArchivePlan:
    """A checked document with everything it names looked up, ready to be written."""

    document: dict[str, Any]
    catalogue: CatalogueVersion
    unit: ReportUnit
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


def parse_date(value: str | None) -> date | None:
    """A date as report_json writes it (YYYY-MM-DD); None if it is not one."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def archive_identity(document: dict[str, Any]) -> tuple[CatalogueVersion, ReportUnit]:
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
    unit = _unit(document, problems)
    if catalogue is None or unit is None:
        raise ImportRefused(problems)
    return catalogue, unit


def _unit(document: dict[str, Any], problems: list[ImportProblem]) -> ReportUnit | None:
    if document["region"] is not None:
        region = Region.objects.select_related("network").filter(code=document["region"]).first()
        if region is None:
            problems.append(
                ImportProblem(
                    None, "region", _("Unknown region: %(code)s.") % {"code": document["region"]}
                )
            )
            return None
        return ReportUnit(region.network, region)
    network = RegionalNetwork.objects.filter(code=document.get("network") or "").first()
    if network is None:
        problems.append(
            ImportProblem(
                None,
                "network",
                _("Unknown regional network: %(code)s.") % {"code": document.get("network")},
            )
        )
        return None
    return ReportUnit(network)


def archive_existing(
    document: dict[str, Any], catalogue: CatalogueVersion, unit: ReportUnit
) -> Report | None:
    return Report.objects.filter(
        unit.reports(),
        period=document["period"],
        catalogue_version=catalogue,
        number=document["number"],
        removed_at__isnull=True,
    ).first()


def archive_other_kind(
    document: dict[str, Any], catalogue: CatalogueVersion, unit: ReportUnit
) -> str | None:
    """Why the report may not be added beside the network's reports of its period, if it
    may not: a network reports either as a whole or per region (reports/services.py)."""
    same_period = Report.objects.filter(
        network=unit.network,
        period=document["period"],
        catalogue_version=catalogue,
        removed_at__isnull=True,
    )
    if unit.region is not None:
        other, kind = same_period.filter(region__isnull=True), _("as a network")
    else:
        other, kind = same_period.filter(region__isnull=False), _("per region")
    if not other.exists():
        return None
    return _(
        "For %(period)s, %(network)s already reports %(kind)s: a network reports "
        "either as a whole or per region."
    ) % {"period": document["period"], "network": unit.network, "kind": kind}


def existing_message(document: dict[str, Any], unit: ReportUnit) -> str:
    return _(
        "There is already a report of %(region)s for %(period)s (version %(number)s) with "
        "this catalogue; it is not imported again."
    ) % {"region": unit.name, "period": document["period"], "number": document["number"]}


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
    *, document: dict[str, Any], catalogue: CatalogueVersion, unit: ReportUnit
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
    decided_on = document.get("decided_on")
    if decided_on is not None and parse_date(decided_on) is None:
        problem("decided_on", _("Not a date: %(value)s.") % {"value": decided_on})
    region_codes = frozenset(unit.network.regions.values_list("code", flat=True))
    usernames = {document["created_by"], document.get("decision_recorded_by")}
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
        problems.extend(_regional_problems(indicator, answer, path, unit, region_codes))
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
    own_sections = document.get("own_sections", [])
    for index, section in enumerate(own_sections):
        path = f"own_sections/{index}"
        if section["element"] is not None and section["theme"] is None:
            problem(f"{path}/element", _("An element needs its theme."))
        if not section["is_chapter"] and section["theme"] is None:
            problem(f"{path}/theme", _("Choose the theme in whose chapter the paragraph stands."))
        place(path, section["theme"], section["element"])
        time(f"{path}/updated_at", section["updated_at"])
        usernames.add(section["updated_by"])
    for collection in ("practice_items", "quotes", "sources"):
        for index, item in enumerate(document[collection]):
            path = f"{collection}/{index}"
            if item["element"] is not None and item["theme"] is None:
                problem(f"{path}/element", _("An element needs its theme."))
            place(path, item["theme"], item["element"])
            time(f"{path}/created_at", item["created_at"])
            section = item.get("section")
            if section is not None and section >= len(own_sections):
                problem(f"{path}/section", _("This place in the text does not exist."))
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
    assessed, assessed_by = assessment_problems(
        document=document, themes=themes, indicators=indicators
    )
    problems.extend(assessed)
    usernames.update(assessed_by)
    if problems:
        raise ImportRefused(problems)

    return ArchivePlan(
        document=document,
        catalogue=catalogue,
        unit=unit,
        indicators=indicators,
        themes=themes,
        elements=elements,
        users={u.get_username(): u for u in User.objects.filter(username__in=usernames - {None})},
        usernames=frozenset(name for name in usernames if name),
        corrects=_corrected(document, catalogue, unit),
        started_from=_started_from(document, unit),
    )


def _regional_problems(
    indicator: Indicator,
    answer: dict[str, Any],
    path: str,
    unit: ReportUnit,
    region_codes: frozenset[str],
) -> list[ImportProblem]:
    """A network report's answers per region, checked as the form checks an answer."""
    regional = answer.get("regional") or {}
    if regional and unit.region is not None:
        return [
            ImportProblem(
                None, f"{path}/regional", _("A region's report has no answers per region.")
            )
        ]
    problems: list[ImportProblem] = []
    for code, part in regional.items():
        place = f"{path}/regional/{code}"
        if code not in region_codes:
            problems.append(
                ImportProblem(
                    None, place, _("Not a region of this network: %(codes)s.") % {"codes": code}
                )
            )
            continue
        problems.extend(
            answer_problems(
                indicator=indicator,
                data={**part, "perspectives": {}},
                path=place,
                codes=frozenset(),
            )
        )
    return problems


def _corrected(
    document: dict[str, Any], catalogue: CatalogueVersion, unit: ReportUnit
) -> Report | None:
    """The version this report corrects, if it is here and not corrected by another."""
    if document["corrects"] is None:
        return None
    target = Report.objects.filter(
        unit.reports(),
        period=document["period"],
        catalogue_version=catalogue,
        number=document["corrects"],
        removed_at__isnull=True,
    ).first()
    if target is None or Report.objects.filter(corrects=target, removed_at__isnull=True).exists():
        return None
    return target


def _started_from(document: dict[str, Any], unit: ReportUnit) -> Report | None:
    origin = document["started_from"]
    if origin is None:
        return None
    return Report.objects.filter(
        unit.reports(),
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
        regional={code: dict(part) for code, part in data.get("regional", {}).items()},
    )
    return Answer(
        report=report,
        indicator=indicator,
        choice=content.choice,
        explanation=content.explanation,
        figures=content.figures,
        perspectives=content.perspectives,
        regional=content.regional,
        revision=data["revision"],
        carried_over=data["carried_over"],
        updated_at=parse_time(data["updated_at"]),
        updated_by=plan.user(data["updated_by"]),
    )
