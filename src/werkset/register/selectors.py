"""Reads of the Actieoverleg register, as QuerySets; who sees what is register/policy.py's."""

import datetime
from collections.abc import Sequence

from django.db.models import Count, Prefetch, Q, QuerySet

from werkset.accounts.scope import Scope
from werkset.regions.models import Region

from .models import AgreedAction, CaseDiscussion, Meeting
from .policy import register_regions


def regions_with_register(*, scope: Scope) -> QuerySet[Region]:
    """The regions whose register (or, for the national role, figures) this user sees."""
    if not (scope.is_national or scope.member_network_ids):
        return Region.objects.none()
    return (
        Region.objects.filter(register_regions(scope))
        .select_related("network")
        .order_by("network__position", "position")
    )


def meetings_of(*, region: Region) -> QuerySet[Meeting]:
    """A region's meetings, newest first, with their number of cases and open actions."""
    return Meeting.objects.filter(region=region).annotate(
        case_count=Count("cases", distinct=True),
        open_actions=Count("cases__actions", filter=Q(cases__actions__done_on__isnull=True)),
    )


def meeting_with_cases(*, meeting_id: int) -> Meeting:
    """One meeting with its attendance, cases and actions (raises Meeting.DoesNotExist)."""
    return (
        Meeting.objects.select_related("region__network")
        .prefetch_related(
            "attendance__organisation",
            Prefetch(
                "cases",
                queryset=CaseDiscussion.objects.select_related("brought_by").prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=AgreedAction.objects.select_related("organisation"),
                    )
                ),
            ),
        )
        .get(pk=meeting_id)
    )


def meetings_in(
    *, regions: Sequence[Region], start: datetime.date, end: datetime.date
) -> QuerySet[Meeting]:
    return Meeting.objects.filter(region__in=regions, held_on__gte=start, held_on__lte=end)


def actions_overdue(*, scope: Scope, on: datetime.date) -> QuerySet[AgreedAction]:
    """Open actions past their due date in the registers of the user's networks (the
    members' start page); not for the national role, which sees figures only."""
    if not scope.member_network_ids:
        return AgreedAction.objects.none()
    return (
        AgreedAction.objects.filter(
            done_on__isnull=True,
            due_on__lt=on,
            case__meeting__region__network_id__in=scope.member_network_ids,
        )
        .select_related("organisation", "case__meeting__region")
        .order_by("due_on", "pk")
    )
