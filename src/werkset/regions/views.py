"""Regions: an overview for every role, and a workspace for the region's own people."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from werkset.accounts.scope import scope_for_request

from .models import Region
from .selectors import networks_with_regions, region_by_code


@login_required
def region_index(request: HttpRequest) -> HttpResponse:
    if not scope_for_request(request).roles:
        raise PermissionDenied
    return render(request, "regions/index.html", {"networks": networks_with_regions()})


@login_required
def region_workspace(request: HttpRequest, code: str) -> HttpResponse:
    """Work in progress of one region: only its rapporteurs and its network's members."""
    try:
        region = region_by_code(code=code)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    scope = scope_for_request(request)
    if not scope.can_view_region_in_progress(region):
        raise PermissionDenied
    return render(
        request,
        "regions/workspace.html",
        {"region": region, "can_write": scope.can_write_region(region)},
    )
