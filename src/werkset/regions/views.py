"""Regions: an overview for every role, and a workspace for the region's own people."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkset.accounts.scope import scope_for_request

from .selectors import networks_with_regions


@login_required
def region_index(request: HttpRequest) -> HttpResponse:
    if not scope_for_request(request).roles:
        raise PermissionDenied
    return render(request, "regions/index.html", {"networks": networks_with_regions()})
