"""The synthesis of a period: what the national report shows, read once from the selectors
the comparison pages use, so that the document and the pages cannot disagree.

Only finalised reports count in a figure (as on every comparison page); a region without
one is named as such. The PDF (pdf.py) and the Word document (word.py) render this read
model and compute nothing themselves.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.structure import catalogue_structure
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Answer

from ..charts import format_number
from ..exports.tables import figure_unit
from ..models import MaturityLevel
from ..selectors.bandwidth import Figure, bandwidth
from ..selectors.bottlenecks import rode_draad
from ..selectors.entries import Entry, answers_for, comparison_entries, theme_indicators
from ..selectors.groups import (
    ValueCount,
    choice_indicators,
    group_value,
    grouping,
    is_value_question,
    network_grouping,
)
from ..selectors.maturity import maturities_for
from .inventory import (
    InventoryItem,
    ToetsingskaderCount,
    national_toetsingskader,
    success_factors,
    support_needs,
)


@dataclass(frozen=True)
class FigureLine:
    """One typed figure of a question across the finalised reports (the bandwidth)."""

    figure: Figure
    question: str
    field: str
    unit: str
    n: int
    minimum: str
    median: str
    maximum: str
    chart: str = ""  # the chart as a data: URL (the PDF; pdf.py draws it)
    chart_alt: str = ""


@dataclass(frozen=True)
class ValueSpread:
    """The answers to one value question (ja / deels / nee) over the finalised reports;
    n counts the regions that answered with one of its own choices."""

    question: str
    n: int
    counts: list[ValueCount]
    unknown: int


@dataclass
class ThemeSection:
    theme: Theme
    anchor: str
    figures: list[FigureLine]
    values: list[ValueSpread]


@dataclass(frozen=True)
class GroupLine:
    label: str
    regions: list[str]

    @property
    def n(self) -> int:
        return len(self.regions)


@dataclass(frozen=True)
class GroupingSummary:
    """A grouping that the answers allow: the question (or the network) and its groups."""

    label: str
    groups: list[GroupLine]


@dataclass(frozen=True)
class MaturityLine:
    region: str
    levels: list[int | None]  # per theme, in the order of Synthesis.themes


@dataclass(frozen=True)
class BottleneckLine:
    category: str
    title: str
    regions: list[str]
    is_category: bool = False

    @property
    def n(self) -> int:
        return len(self.regions)


@dataclass(frozen=True)
class RegionPage:
    """A region's key figures: its report, maturity per theme, toetsingskader verdict,
    bottlenecks and how it judged the value questions."""

    name: str
    network: str
    anchor: str
    report: str  # e.g. "versie 2, vastgesteld" or "geen vastgestelde rapportage"
    link: str
    maturity: list[tuple[str, str]]  # (theme, level label or "")
    toetsingskader: str
    bottlenecks: list[str]
    values: list[ValueCount]
    answered: int  # value questions answered with one of their own choices


@dataclass
class Synthesis:
    title: str
    period: str
    catalogue: CatalogueVersion
    generated_at: datetime
    regions_total: int
    regions_final: int
    themes: list[ThemeSection]
    groupings: list[GroupingSummary]
    maturity_themes: list[str]
    maturity: list[MaturityLine]
    toetsingskader: ToetsingskaderCount
    rode_draad: list[BottleneckLine]
    bottleneck_n: int  # the regions the rode draad counts over
    support_needs: list[InventoryItem] | None
    success_factors: list[InventoryItem] | None
    regions: list[RegionPage] = field(default_factory=list)
    levels: list[tuple[int, str]] = field(default_factory=list)


def _figure_line(figure: Figure) -> FigureLine:
    stats = figure.stats
    return FigureLine(
        figure=figure,
        question=figure.indicator.label,
        field=str(figure.spec["label"]),
        unit=figure_unit(figure.spec),
        n=stats.n if stats else 0,
        minimum=format_number(stats.minimum) if stats else "",
        median=format_number(stats.median) if stats else "",
        maximum=format_number(stats.maximum) if stats else "",
    )


def _theme_sections(
    themes: Sequence[Theme],
    catalogue: CatalogueVersion,
    final: list[Entry],
    answers: dict[tuple[int, int], Answer],
) -> list[ThemeSection]:
    sections = []
    for theme in themes:
        indicators = theme_indicators(catalogue=catalogue, theme=theme)
        figures = bandwidth(entries=final, indicators=indicators, answers=answers)
        values = []
        for indicator in indicators:
            if is_value_question(indicator):
                spread = group_value(indicator, final, answers)
                values.append(ValueSpread(indicator.label, spread.n, spread.counts, spread.unknown))
        sections.append(
            ThemeSection(theme, f"thema-{theme.key}", [_figure_line(f) for f in figures], values)
        )
    return sections


def _groupings(
    catalogue: CatalogueVersion, final: list[Entry], answers: dict[tuple[int, int], Answer]
) -> list[GroupingSummary]:
    """Every grouping the answers allow: each question that splits the regions, and the
    regional network."""
    found = []
    for split in choice_indicators(catalogue=catalogue):
        result = grouping(entries=final, split=split, indicators=[], answers=answers)
        if result.members:
            found.append(_grouping_summary(split.label, result.labels, result.members))
    networks = network_grouping(
        entries=final,
        indicators=[],
        answers=answers,
        networks=RegionalNetwork.objects.order_by("position", "name"),
        label=_("Regional network"),
    )
    found.append(_grouping_summary(networks.split.label, networks.labels, networks.members))
    return found


def _grouping_summary(
    label: str, labels: dict[str, str], members: dict[str, list[Entry]]
) -> GroupingSummary:
    return GroupingSummary(
        label,
        [
            GroupLine(labels.get(key, key), [e.region.name for e in group])
            for key, group in members.items()
        ],
    )


def _rode_draad(final: list[Entry]) -> list[BottleneckLine]:
    lines = []
    for category in rode_draad(entries=final):
        title = str(category.category.title)
        lines.append(BottleneckLine(title, title, [r.name for r in category.regions], True))
        for count in category.bottlenecks:
            lines.append(
                BottleneckLine(title, str(count.bottleneck.title), [r.name for r in count.regions])
            )
    return lines


def _share(count: int, n: int) -> int:
    return round(100 * count / n) if n else 0


def _level_label(level: int | None) -> str:
    return str(MaturityLevel(level).label) if level else ""


def _region_pages(
    *,
    regions: Sequence[Region],
    networks: dict[int, str],
    final: dict[int, Entry],
    themes: Sequence[Theme],
    maturity: dict[int, list[int | None]],
    verdicts: dict[int, str],
    bottlenecks: list[BottleneckLine],
    value_indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
    site: str,
) -> list[RegionPage]:
    pages = []
    for region in regions:
        entry = final.get(region.pk)
        named = [
            line.title
            for line in bottlenecks
            if not line.is_category and region.name in line.regions
        ]
        if entry is None:
            report = _("no finalised report in this period")
            link = ""
        else:
            report = _("version %(number)s, finalised") % {"number": entry.report.number}
            if entry.from_network:
                report += " · " + _("the network's report")
            link = site + reverse("reports:detail", args=[entry.report.pk])
        counts: dict[str, ValueCount] = {}
        answered = 0
        if entry is not None:
            for indicator in value_indicators:
                one = group_value(indicator, [entry], answers)
                answered += one.n
                for count in one.counts:
                    known = counts.get(count.key)
                    total = (known.count if known else 0) + count.count
                    counts[count.key] = ValueCount(count.key, count.label, total, 0)
        levels = maturity.get(region.pk, [None] * len(themes))
        pages.append(
            RegionPage(
                name=region.name,
                network=networks.get(region.network_id, ""),
                anchor=f"regio-{region.code}",
                report=report,
                link=link,
                maturity=[
                    (t.short_title, _level_label(lv)) for t, lv in zip(themes, levels, strict=True)
                ],
                toetsingskader=verdicts.get(region.pk, _("not assessed")),
                bottlenecks=named,
                values=[
                    ValueCount(c.key, c.label, c.count, _share(c.count, answered))
                    for c in counts.values()
                ],
                answered=answered,
            )
        )
    return pages


def synthesis_figures(
    *,
    scope: Scope,
    period: str,
    catalogue: CatalogueVersion,
    versions: Sequence[CatalogueVersion] | None = None,
    site: str = "",
) -> Synthesis:
    """The synthesis of `period` read in `catalogue`, as `scope` may see it (the national
    role sees every finalised report). `site` is the address the region pages link to."""
    entries = comparison_entries(scope=scope, period=period, catalogue=catalogue, versions=versions)
    final = [e for e in entries if e.is_final]
    indicators = theme_indicators(catalogue=catalogue, theme=None)
    answers = answers_for(entries=final, indicators=indicators, versions=versions)
    themes = list(catalogue_structure(version=catalogue).themes)
    regions = list(Region.objects.order_by("position", "name"))
    networks = {n.pk: n.name for n in RegionalNetwork.objects.all()}
    by_region = {e.region.pk: e for e in final}

    found = maturities_for(entries=final, themes=themes)
    maturity = {
        e.region.pk: [
            found[(e.report.pk, t.pk)].level if (e.report.pk, t.pk) in found else None
            for t in themes
        ]
        for e in final
    }
    toetsingskader, verdicts = national_toetsingskader(entries=final, regions=regions)
    bottlenecks = _rode_draad(final)
    value_indicators = [i for i in indicators if is_value_question(i)]
    return Synthesis(
        title=_("National synthesis %(period)s") % {"period": period},
        period=period,
        catalogue=catalogue,
        generated_at=timezone.localtime(),
        regions_total=len(regions),
        regions_final=len(final),
        themes=_theme_sections(themes, catalogue, final, answers),
        groupings=_groupings(catalogue, final, answers),
        maturity_themes=[t.short_title for t in themes],
        maturity=[MaturityLine(e.region.name, maturity[e.region.pk]) for e in final],
        toetsingskader=toetsingskader,
        rode_draad=bottlenecks,
        bottleneck_n=len(final),
        support_needs=support_needs(period=period, regions=regions),
        success_factors=success_factors(period=period, regions=regions),
        regions=_region_pages(
            regions=regions,
            networks=networks,
            final=by_region,
            themes=themes,
            maturity=maturity,
            verdicts=verdicts,
            bottlenecks=bottlenecks,
            value_indicators=value_indicators,
            answers=answers,
            site=site,
        ),
        levels=[(int(value), str(label)) for value, label in MaturityLevel.choices],
    )
