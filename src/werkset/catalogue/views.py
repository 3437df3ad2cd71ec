"""Browsing the catalogue, theme by theme (every signed-in role may read it)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from werkset.accounts.scope import scope_for_request
from werkset.guidance.framing import framing_for_version

from .models import CatalogueVersion, Theme
from .selectors import (
    catalogue_errata,
    catalogue_theme_lineage,
    catalogue_theme_with_indicators,
    catalogue_themes,
    catalogue_version_by_slug,
    catalogue_versions_published,
)


def _require_catalogue_reader(request: HttpRequest) -> None:
    if not scope_for_request(request).can_read_catalogue:
        raise PermissionDenied


def _version_or_404(slug: str) -> CatalogueVersion:
    try:
        return catalogue_version_by_slug(slug=slug)
    except CatalogueVersion.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def catalogue_index(request: HttpRequest) -> HttpResponse:
    _require_catalogue_reader(request)
    return render(request, "catalogue/index.html", {"versions": catalogue_versions_published()})


@login_required
def catalogue_version_detail(request: HttpRequest, slug: str) -> HttpResponse:
    _require_catalogue_reader(request)
    version = _version_or_404(slug)
    return render(
        request,
        "catalogue/version_detail.html",
        {
            "version": version,
            "themes": catalogue_themes(version=version),
            "answer_types": version.answer_types.all(),
            "errata": catalogue_errata(version=version),
        },
    )


@login_required
def catalogue_theme_detail(request: HttpRequest, slug: str, theme_key: str) -> HttpResponse:
    _require_catalogue_reader(request)
    version = _version_or_404(slug)
    try:
        theme = catalogue_theme_with_indicators(version=version, key=theme_key)
    except Theme.DoesNotExist as exc:
        raise Http404 from exc
    catalogue_theme_lineage(theme=theme)
    return render(
        request,
        "catalogue/theme_detail.html",
        {
            "version": version,
            "theme": theme,
            "themes": catalogue_themes(version=version),
            "errata": catalogue_errata(version=version, theme=theme),
        },
    )


@login_required
def catalogue_version_framing(request: HttpRequest, slug: str) -> HttpResponse:
    """The framing of a version (Inleiding, Bronnen, Verantwoording): reference text that
    belongs to the version without being part of its published file (guidance/framing.py)."""
    _require_catalogue_reader(request)
    version = _version_or_404(slug)
    framing = framing_for_version(version)
    if framing is None:
        raise Http404
    return render(
        request, "catalogue/version_framing.html", {"version": version, "framing": framing}
    )
