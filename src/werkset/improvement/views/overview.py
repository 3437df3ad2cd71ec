"""The overviews: the networks this user may follow, one network's cycle and audits, and
one theme's improvement points."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkset.accounts.scope import request_user, scope_for_request

from .. import selectors as s
from ..rules import can_invite_audit, can_work_in_network, networks_readable
from ..vocabulary import (
    BUILDING_BLOCK_DESCRIPTIONS,
    MAX_OPEN_POINTS,
    BuildingBlock,
    theme_needs_building_block,
)
from .common import improving, network_or_404, theme_or_404


@improving
def index(request: HttpRequest) -> HttpResponse:
    """The networks this user may follow, their own overdue points and audit invitations."""
    scope = scope_for_request(request)
    today = s.today()
    return render(
        request,
        "improvement/index.html",
        {
            "summaries": s.network_summaries(networks=networks_readable(scope), on=today),
            "my_overdue": s.points_overdue(
                on=today, owner=request_user(request), networks=networks_readable(scope)
            ),
            "invitations": s.audit_invitations_open(scope=scope),
            "is_national": scope.is_national,
            "max_open": MAX_OPEN_POINTS,
        },
    )


@improving
def network_view(request: HttpRequest, network: str) -> HttpResponse:
    found = network_or_404(request, network)
    scope = scope_for_request(request)
    return render(
        request,
        "improvement/network.html",
        {
            "network": found,
            "overview": s.network_overview(network=found, on=s.today()),
            "audits": s.peer_audits_of_network(scope=scope, network=found),
            "can_work": can_work_in_network(scope, found),
            "can_invite": can_invite_audit(scope, found),
            "max_open": MAX_OPEN_POINTS,
        },
    )


@improving
def theme_view(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    found = network_or_404(request, network)
    theme = theme_or_404(theme_key)
    points = list(s.points_of_network(network=found, theme_key=theme.key))
    open_points = [p for p in points if p.is_open]
    today = s.today()
    return render(
        request,
        "improvement/theme.html",
        {
            "network": found,
            "theme": theme,
            "open_points": open_points,
            "closed_points": [p for p in points if not p.is_open],
            "overdue_ids": {p.pk for p in open_points if s.is_overdue(p, on=today)},
            "can_work": can_work_in_network(scope_for_request(request), found),
            "room": max(0, MAX_OPEN_POINTS - len(open_points)),
            "max_open": MAX_OPEN_POINTS,
            "building_blocks": [
                (BuildingBlock(key).label, text)
                for key, text in BUILDING_BLOCK_DESCRIPTIONS.items()
            ]
            if theme_needs_building_block(theme.key)
            else [],
        },
    )
