"""What every comparison page reads, within the viewer's scope, in a constant number of
queries: the catalogue versions and periods to choose from, per region the report that
stands for it, and those reports' answers.

Which report stands for a region in a period: its latest finalised version, the region's
own report or its network's report (issue 18: a network's report speaks for each of its
regions, with the region's own answer where it gives one). For the viewer's own region(s)
(those whose work in progress the scope shows) without a finalised report, the latest
version is shown too, marked as concept and left out of every statistic. Another region's
concept never appears, nor a withdrawn report: every report query starts from
reports_compared(scope=...) (reports.selectors).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Exists, Max, OuterRef, Sum

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.selectors import catalogue_line, catalogue_lineage
from werkset.catalogue.structure import catalogue_structure
from werkset.regions.models import Region
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, AnswerChange, ChangeSource, Report, ReportStatus
from werkset.reports.policy import report_shows_discussion
from werkset.reports.selectors import reports_compared


@dataclass(frozen=True)
class Entry:
    """A region in a comparison, with the report that stands for it: its own report, or
    its network's (`from_network`)."""

    report: Report
    is_final: bool
    is_own: bool
    region: Region

    @property
    def from_network(self) -> bool:
        return self.report.region_id is None

    @property
    def key(self) -> int:
        """What answers_for keys this entry's answers by: its region."""
        return self.region.pk

    @property
    def name(self) -> str:
        """What a comparison calls the entry (a network's entry gives its network's name)."""
        return self.region.name


class Answering(Protocol):
    """What answers_for reads answers for: a region's entry, or a network's own report
    (selectors.networks.OwnAnswers)."""

    @property
    def report(self) -> Report: ...

    @property
    def key(self) -> int: ...

    @property
    def from_network(self) -> bool: ...


def catalogue_versions() -> list[CatalogueVersion]:
    """Every published version, oldest first (every comparison page reads them once)."""
    return list(CatalogueVersion.objects.order_by("published_on", "slug"))


def catalogue_themes_all() -> list[Theme]:
    """Every theme of every published version, with its version, versions oldest first:
    one query for the versions, their themes from the catalogue structure this process
    keeps (published versions never change; ADR 0011)."""
    return [
        theme
        for version in catalogue_versions()
        for theme in catalogue_structure(version=version).themes
    ]


@dataclass(frozen=True)
class PeriodOverview:
    periods: list[str]  # newest first
    default: str  # the newest period with a finalised report
    versions: dict[str, set[int]]  # catalogue version ids of the reports per period
    # Per catalogue version, the stamps of its finalised reports per period: (period,
    # number, highest id, sum of ids, last finalisation). Finalised reports never change,
    # so these do when one comes in or is corrected. None when not read.
    finalised: dict[int, list[tuple[Any, ...]]] | None = None


def period_overview(*, scope: Scope, stamped: bool = False) -> PeriodOverview:
    """The periods this scope may compare, their default, which catalogue versions the
    reports of each period use, and (`stamped`, for the trend) per version the stamp of its
    finalised reports. One query; the stamps make it a grouping with aggregates, which costs
    the other comparison pages more than they would use."""
    visible = reports_compared(scope=scope).order_by()
    rows: list[tuple[Any, ...]] = (
        list(
            visible.values_list("period", "status", "catalogue_version_id").annotate(
                reports=Count("id"), top=Max("id"), total=Sum("id"), last=Max("finalised_at")
            )
        )
        if stamped
        else list(visible.values_list("period", "status", "catalogue_version_id").distinct())
    )
    periods = sorted({row[0] for row in rows}, reverse=True)
    final = sorted({row[0] for row in rows if row[1] == ReportStatus.VASTGESTELD}, reverse=True)
    versions: dict[str, set[int]] = defaultdict(set)
    finalised: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for period, status, version_id, *stamp in rows:
        versions[period].add(version_id)
        if stamped and status == ReportStatus.VASTGESTELD:
            finalised[version_id].append((period, *stamp))
    stamps = {version_id: sorted(found) for version_id, found in finalised.items()}
    return PeriodOverview(
        periods, (final or periods or [""])[0], dict(versions), stamps if stamped else None
    )


def lens_default(
    *, versions: Sequence[CatalogueVersion], in_use: Iterable[int]
) -> CatalogueVersion | None:
    """The version a comparison is shown in by default: the newest version that the
    reports in view use (so a period of 2021 reports shows the 2021 questions in full),
    else the newest published version."""
    used = set(in_use)
    newest_first = sorted(versions, key=lambda v: (v.published_on, v.slug), reverse=True)
    return next((v for v in newest_first if v.pk in used), newest_first[0] if versions else None)


def _pick(reports: Iterable[Report], scope: Scope, lens_id: int | None = None) -> list[Entry]:
    """Per region the report that stands for it: its latest finalised report (of the lens
    version when it has one for the period, else of the newest version; the region's own
    before its network's), else its own concept. A network's report stands for each of the
    network's regions."""
    reports = list(reports)
    by_region: dict[int, list[Report]] = defaultdict(list)
    regions: dict[int, Region] = {}
    network_ids = {r.network_id for r in reports if r.region_id is None}
    network_regions: dict[int, list[Region]] = defaultdict(list)
    if network_ids:
        for region in Region.objects.filter(network_id__in=network_ids).order_by():
            network_regions[region.network_id].append(region)
    for report in reports:
        covered = (
            [report.region] if report.region is not None else network_regions[report.network_id]
        )
        for region in covered:
            regions[region.pk] = region
            by_region[region.pk].append(report)

    def rank(report: Report) -> tuple[bool, Any, int, bool]:
        version = report.catalogue_version
        return (
            version.pk == lens_id,
            (version.published_on, version.slug),
            report.number,
            report.region_id is not None,
        )

    entries = []
    for region_id, versions in by_region.items():
        region = regions[region_id]
        final = [r for r in versions if r.status == ReportStatus.VASTGESTELD]
        own = region_id in scope.full_view_region_ids
        if final:
            entries.append(Entry(max(final, key=rank), True, own, region))
            continue
        concepts = [r for r in versions if report_shows_discussion(scope, r)]
        if own and concepts:
            entries.append(Entry(max(concepts, key=rank), False, True, region))
    return sorted(entries, key=lambda e: (e.region.position, e.region.name))


def _line_ids(
    catalogue: CatalogueVersion, versions: Sequence[CatalogueVersion] | None
) -> list[int]:
    known = versions if versions is not None else catalogue_versions()
    return [v.pk for v in catalogue_line(version=catalogue, versions=known)] or [catalogue.pk]


def comparison_entries(
    *,
    scope: Scope,
    period: str,
    catalogue: CatalogueVersion | None,
    versions: Sequence[CatalogueVersion] | None = None,
) -> list[Entry]:
    """One entry per region for the period (one query, or two without `versions`).

    Reports of every version in the catalogue's line take part: they are read in the
    catalogue's terms through lineage (answers_for)."""
    if catalogue is None:
        return []
    # The versions are at hand: no join to read (and decode) them again per report, nor
    # the region's network, which no comparison shows; _pick orders the entries.
    known_versions = versions if versions is not None else catalogue_versions()
    known = {version.pk: version for version in known_versions}
    picked = list(
        reports_compared(scope=scope)
        .filter(period=period, catalogue_version_id__in=_line_ids(catalogue, known_versions))
        .select_related(None)
        .select_related("region", "network")
        .order_by()
    )
    for report in picked:
        report.catalogue_version = known[report.catalogue_version_id]
    return _pick(picked, scope, catalogue.pk)


def theme_indicators(*, catalogue: CatalogueVersion, theme: Theme | None) -> list[Indicator]:
    """The indicators (with answer type, element and theme) of a theme, or of the whole
    catalogue: from the catalogue structure this process keeps (shared, read-only)."""
    structure = catalogue_structure(version=catalogue)
    return list(structure.indicators if theme is None else structure.theme_indicators(theme))


def answers_for(
    *,
    entries: Iterable[Answering],
    indicators: Sequence[Indicator],
    versions: Sequence[CatalogueVersion] | None = None,
) -> dict[tuple[int, int], Answer]:
    """The answers of these entries to these indicators, keyed (entry.key, indicator id).

    A network's report answers for each region with the region's own answer where it gives
    one, else with the network's (unsaved Answer objects, `from_network` set on those that
    are the network's). A report of another catalogue version answers through lineage: its
    answers to the items the indicator continues are read in the indicator's terms (unsaved
    Answer objects with `carried_relation` set). One query, two more for lineage when the
    reports use another version.
    """
    entries = list(entries)
    report_ids = list({e.report.pk for e in entries})
    indicator_ids = {i.pk for i in indicators}
    if not report_ids or not indicator_ids:
        return {}
    lens_id = indicators[0].version_id
    other = {e.report.catalogue_version_id for e in entries} - {lens_id}
    lineage = (
        catalogue_lineage(lens_indicators=indicators, version_ids=other, versions=versions)
        if other
        else None
    )
    wanted = indicator_ids | (lineage.source_indicator_ids if lineage else set())
    # order_by(): the model's default order joins report, region and indicator to sort
    # rows that go into a dict anyway.
    answers: Iterable[Answer] = (
        Answer.objects.filter(report_id__in=report_ids, indicator_id__in=wanted)
        .order_by()
        .only("id", "report_id", "indicator_id", "choice", "explanation", "figures", "regional")
        .annotate(measured=_measured())
    )
    stored: dict[int, dict[int, Answer]] = defaultdict(dict)
    for answer in answers:
        stored[answer.report_id][answer.indicator_id] = answer
    result: dict[tuple[int, int], Answer] = {}
    for entry in entries:
        own = _as_region(stored.get(entry.report.pk, {}), entry)
        version_id = entry.report.catalogue_version_id
        if version_id == lens_id or lineage is None:
            for indicator_id in indicator_ids:
                if indicator_id in own:
                    result[(entry.key, indicator_id)] = own[indicator_id]
            continue
        for indicator in indicators:
            carried = lineage.carry(version_id=version_id, indicator_id=indicator.pk, answers=own)
            if carried is not None:
                answer = Answer(
                    report_id=entry.report.pk,
                    indicator=indicator,
                    choice=carried.choice,
                    explanation=carried.explanation,
                    figures=carried.figures,
                )
                answer.carried_relation = carried.relation  # type: ignore[attr-defined]
                # Read across versions, a network's answer is marked as the network's.
                answer.from_network = entry.from_network  # type: ignore[attr-defined]
                result[(entry.key, indicator.pk)] = answer
    return result


def _measured() -> Exists:
    """Whether the answer as it stands was taken from the Actieoverleg register (issue 24):
    its current revision was written with the source `register`, so the comparisons can say
    that the figure was measured, not recalled."""
    return Exists(
        AnswerChange.objects.filter(
            answer=OuterRef("pk"), revision=OuterRef("revision"), source=ChangeSource.REGISTER
        )
    )


def _as_region(answers: dict[int, Answer], entry: Answering) -> dict[int, Answer]:
    """A report's answers as they hold for the entry's region: a region's report's as they
    are; a network's report's with the region's own answer where it gives one."""
    if not isinstance(entry, Entry) or not entry.from_network:
        return answers
    code = entry.region.code
    result: dict[int, Answer] = {}
    for indicator_id, answer in answers.items():
        # Not content_of: it reads the perspectives, which answers_for leaves unread (a
        # query per answer).
        content = AnswerContent(
            answer.choice, answer.explanation, answer.figures, regional=answer.regional or {}
        ).for_region(code)
        held = Answer(
            pk=answer.pk,
            report_id=answer.report_id,
            indicator_id=indicator_id,
            choice=content.choice,
            explanation=content.explanation,
            figures=content.figures,
        )
        held.from_network = code not in answer.regional  # type: ignore[attr-defined]
        held.measured = getattr(answer, "measured", False)  # type: ignore[attr-defined]
        result[indicator_id] = held
    return result
