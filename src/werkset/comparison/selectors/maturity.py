"""Maturity per theme: from the report's own answer (Werkset 2.0) or its assessment."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast

from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Answer

from ..models import MaturityLevel, ThemeMaturity
from ..statistics import median
from ..vocabulary import MATURITY_ANSWER_TYPE, MATURITY_CHOICES
from .entries import Entry


@dataclass(frozen=True)
class Maturity:
    """A region's maturity for a theme: from the report's own answer when its catalogue
    asks it (Werkset 2.0), else from the assessment kept with the report."""

    level: int
    motivation: str
    from_answer: bool = False

    def get_level_display(self) -> str:
        return str(MaturityLevel(self.level).label)


def maturities_for(
    *, entries: Iterable[Entry], themes: Sequence[Theme] | None = None
) -> dict[tuple[int, int], Maturity]:
    """Maturity per (report id, theme id), two queries.

    With `themes`, the theme ids are those of the given themes, matched by key, so reports
    of other catalogue versions line up with them (themes keep their key across versions).
    """
    return report_maturities(report_ids=[e.report.pk for e in entries], themes=themes)


def themes_asking_maturity(*, version: CatalogueVersion) -> set[int]:
    """Ids of the version's themes whose maturity is a question of the report itself."""
    return set(
        Indicator.objects.filter(
            version=version, answer_type__key=MATURITY_ANSWER_TYPE
        ).values_list("theme_id", flat=True)
    )


def report_maturities(
    *, report_ids: Sequence[int], themes: Sequence[Theme] | None
) -> dict[tuple[int, int], Maturity]:
    """Maturity per (report id, theme id) of these reports (see maturities_for), one query."""
    found: dict[tuple[int, str], Maturity] = {}
    theme_ids: dict[tuple[int, str], int] = {}
    assessed = (
        # "Niet beoordeeld" (with its reason) has no level: not on the maps.
        ThemeMaturity.objects.filter(report_id__in=report_ids, level__isnull=False)
        .order_by()
        .annotate(
            theme_key=F("theme__key"),
            value=Cast("level", CharField()),
            text=F("motivation"),
            answered=Value(False),
        )
        .values_list("report_id", "theme_id", "theme_key", "value", "text", "answered")
    )
    answered = (
        Answer.objects.filter(
            report_id__in=report_ids, indicator__answer_type__key=MATURITY_ANSWER_TYPE
        )
        .order_by()
        .annotate(
            theme_id=F("indicator__theme_id"),
            theme_key=F("indicator__theme__key"),
            value=F("choice"),
            text=F("explanation"),
            answered=Value(True),
        )
        .values_list("report_id", "theme_id", "theme_key", "value", "text", "answered")
    )
    # One query for both sources; the report's own answer goes before the assessment.
    rows = sorted(assessed.union(answered, all=True), key=lambda row: bool(row[5]))
    for report_id, theme_id, key, value, text, from_answer in rows:
        level = MATURITY_CHOICES.get(value) if from_answer else int(value)
        if level is None:
            continue
        found[(report_id, key)] = Maturity(level, text, bool(from_answer))
        theme_ids[(report_id, key)] = theme_id
    if themes is None:
        return {
            (report_id, theme_ids[(report_id, key)]): m for (report_id, key), m in found.items()
        }
    by_key = {theme.key: theme.pk for theme in themes}
    return {
        (report_id, by_key[key]): maturity
        for (report_id, key), maturity in found.items()
        if key in by_key
    }


@dataclass(frozen=True)
class NetworkMaturity:
    """A regional network's maturity for a theme: the levels of its regions' finalised
    reports (concepts are left out, as from every statistic), summarised by the median."""

    network: RegionalNetwork
    regions: int  # the regions of the network
    levels: list[tuple[str, int]]  # (region name, level) of the regions with a level
    median: Decimal | None  # of the levels; None without any

    @property
    def n(self) -> int:
        return len(self.levels)

    @property
    def level(self) -> int:
        """The step of the scale the median reaches (for the shade); 0 without one."""
        return int(self.median) if self.median is not None else 0


def network_maturities(
    *,
    networks: Sequence[RegionalNetwork],
    regions: Sequence[Region],
    entries: Iterable[Entry],
    maturities: dict[tuple[int, int], Maturity],
    themes: Sequence[Theme],
) -> dict[tuple[int, int], NetworkMaturity]:
    """Per (network id, theme id) the maturity of the network's regions (no queries)."""
    final = {e.region.pk: e for e in entries if e.is_final}
    members: dict[int, list[Region]] = {network.pk: [] for network in networks}
    for region in regions:
        members.setdefault(region.network_id, []).append(region)
    result = {}
    for network in networks:
        for theme in themes:
            levels = []
            for region in members[network.pk]:
                entry = final.get(region.pk)
                found = maturities.get((entry.report.pk, theme.pk)) if entry else None
                if found is not None:
                    levels.append((region.name, found.level))
            result[(network.pk, theme.pk)] = NetworkMaturity(
                network,
                len(members[network.pk]),
                levels,
                median([Decimal(level) for _name, level in levels]) if levels else None,
            )
    return result
