"""What every comparison page shares: who may compare, what to compare (from the query
string), and the key under which a page's tables of finalised reports are kept.

Every view asks the scope on the server; the data comes from selectors in a fixed number
of queries, whatever the number of regions."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkset.accounts.scope import Scope, scope_for_request
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Answer

from ..exports import Table, csv_download, xlsx_download
from ..selectors.entries import (
    Answering,
    Entry,
    PeriodOverview,
    answers_for,
    catalogue_themes_all,
    comparison_entries,
    lens_default,
    period_overview,
    theme_indicators,
)
from ..selectors.networks import (
    NetworkEntry,
    network_answers,
    network_entries,
    own_answer_entries,
)

# ?eenheid=netwerk: the side-by-side and bandwidth pages read one column per regional
# network (10) rather than per region (25), the default (ADR 31).
UNIT_NETWORK = "netwerk"

# Finalised reports never change (a correction is a new report). What the side-by-side and
# bandwidth pages show of a set of finalised reports is therefore kept (ADR 0015), under a
# key of everything it is made of: the page, language, period, catalogue version and theme,
# and per region its report (id and version), name and whether it is the viewer's own.
# Which reports a viewer may see is decided on every request (comparison_entries); a page
# with a concept in it is always made afresh.
COMPARISON_CACHE_SECONDS = 7 * 24 * 3600


def comparing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a content role (administrators manage accounts, not content)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_for_request(request).can_compare:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@dataclass
class Selection:
    scope: Scope
    catalogue: CatalogueVersion | None
    periods: list[str]
    period: str
    themes: list[Theme]
    theme: Theme | None
    versions: list[CatalogueVersion] = field(default_factory=list)
    in_use: set[int] = field(default_factory=set)
    overview: PeriodOverview | None = None
    by_network: bool = False

    def context(self) -> dict[str, Any]:
        return {
            "by_network": self.by_network,
            "unit_network": UNIT_NETWORK,
            "periods": self.periods,
            "period": self.period,
            "themes": self.themes,
            "theme": self.theme,
            "catalogue": self.catalogue,
            "versions": self.versions,
            # reports of another version are read through lineage (a note on the page)
            "read_through_lineage": bool(
                self.catalogue and self.in_use and self.in_use != {self.catalogue.pk}
            ),
        }


def selection_from(
    request: HttpRequest, *, default_theme: str | None = None, all_periods: bool = False
) -> Selection:
    """What to compare, from the query string. The catalogue version the comparison is
    read in (?versie=) defaults to the newest one the reports in view use: those of the
    period, or of every period for the trend (`all_periods`); reports of other versions
    of the same line are read through lineage."""
    scope = scope_for_request(request)
    all_themes = catalogue_themes_all()
    versions = list({t.version_id: t.version for t in all_themes}.values())
    # The trend (all periods) keeps its table by the stamps of the finalised reports.
    overview = period_overview(scope=scope, stamped=all_periods)
    period = request.GET.get("periode", "")
    if period not in overview.periods:
        period = overview.default
    in_use = (
        set().union(*overview.versions.values())
        if all_periods
        else overview.versions.get(period, set())
    )
    catalogue = next(
        (v for v in versions if v.slug == request.GET.get("versie")), None
    ) or lens_default(versions=versions, in_use=in_use)
    themes = [t for t in all_themes if catalogue and t.version_id == catalogue.pk]
    wanted = request.GET.get("thema", default_theme or "")
    theme = next((t for t in themes if t.key == wanted), themes[0] if themes else None)
    return Selection(
        scope,
        catalogue,
        overview.periods,
        period,
        themes,
        theme,
        versions,
        in_use,
        overview,
        by_network=request.GET.get("eenheid") == UNIT_NETWORK,
    )


EXPORT_FORMATS = ("xlsx", "csv")


def export_format(request: HttpRequest) -> str | None:
    """The download a page is asked for (?formaat=xlsx or csv), or None for the page."""
    wanted = request.GET.get("formaat", "")
    return wanted if wanted in EXPORT_FORMATS else None


def export_meta(
    selection: Selection, *extra: tuple[str, Any], period: str | None = None
) -> list[tuple[str, Any]]:
    """What a workbook says above its table: the period (or periods), the catalogue version
    the comparison is read in, and when it was made."""
    catalogue = selection.catalogue
    version = f"{catalogue.title} ({catalogue.slug})" if catalogue else ""
    return [
        (_("Period"), selection.period if period is None else period),
        (_("Catalogue version"), version),
        *extra,
        (_("Generated on"), timezone.localtime().replace(tzinfo=None, microsecond=0)),
    ]


def export_response(
    fmt: str, filename: str, tables: "list[Table]", meta: list[tuple[str, Any]]
) -> HttpResponse:
    """The download: a workbook with a sheet per table, or the first table as CSV."""
    if fmt == "xlsx":
        return xlsx_download(filename, tables, meta)
    return csv_download(filename, tables[0])


def export_name(*parts: str) -> str:
    """The file name of a download: vergelijking-<parts>."""
    return "-".join(p.replace(".", "_") for p in ["vergelijking", *parts] if p)


def finalised_key(page: str, selection: Selection, entries: list[Entry]) -> str | None:
    """The key of a page's tables while every report in them is finalised; None otherwise
    (a concept changes, so the page is made afresh)."""
    catalogue, theme = selection.catalogue, selection.theme
    if catalogue is None or theme is None or not entries:
        return None
    if not all(entry.is_final for entry in entries):
        return None
    parts = (
        get_language(),
        selection.period,
        (catalogue.pk, catalogue.content_hash, str(catalogue.loaded_at)),
        (theme.pk, theme.key),
        [
            (e.report.pk, e.report.catalogue_version_id, e.region.pk, e.region.name, e.is_own)
            for e in entries
        ],
        # per network: which network each region belongs to (a region may move)
        [e.region.network_id for e in entries] if selection.by_network else None,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"werkset:vergelijking:2:{page}:{digest}"


def selected_entries(selection: Selection) -> list[Entry]:
    """The reports this comparison shows: per region its latest in the selected period."""
    return comparison_entries(
        scope=selection.scope,
        period=selection.period,
        catalogue=selection.catalogue,
        versions=selection.versions,
    )


def theme_answers(
    selection: Selection, entries: "list[Entry] | list[Answering]", *extra: Indicator
) -> tuple[list[Indicator], dict[tuple[int, int], Answer]]:
    """The selected theme's indicators and the entries' answers to them (and to `extra`),
    read through lineage with the versions the selection already holds."""
    indicators = (
        theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        if selection.catalogue
        else []
    )
    answers = answers_for(
        entries=entries, indicators=[*extra, *indicators], versions=selection.versions
    )
    return list(indicators), answers


def selected_units(selection: Selection, entries: list[Entry]) -> list[Entry] | list[NetworkEntry]:
    """The columns of a page: the regions' entries, or per network (?eenheid=netwerk) its
    regions' entries together (one query for the networks)."""
    if not selection.by_network:
        return entries
    networks = RegionalNetwork.objects.order_by("position", "name")
    return network_entries(entries=entries, networks=networks)


def unit_answers(
    selection: Selection, entries: list[Entry], units: list[Entry] | list[NetworkEntry]
) -> tuple[list[Indicator], dict[tuple[int, int], Answer]]:
    """The theme's indicators and each unit's answers: a region's, or a network's value by
    selectors.networks.network_answer (with its own report's answers read in the same
    query as the regions')."""
    network_units = [u for u in units if isinstance(u, NetworkEntry)]
    if not network_units:
        return theme_answers(selection, entries)
    readers: list[Answering] = [*entries, *own_answer_entries(network_units)]
    indicators, answers = theme_answers(selection, readers)
    answers.update(network_answers(units=network_units, indicators=indicators, answers=answers))
    return indicators, answers
