"""The register's pages: thin, asking policy.py who may do what and services.py to write."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.regions.models import Region
from werkset.reports.models import Report
from werkset.reports.selectors import reports_visible

from . import selectors
from .figures import register_figures
from .forms import ActionDoneForm, ActionRecordForm, CaseRecordForm, MeetingRecordForm
from .models import AgreedAction, CaseDiscussion, Meeting
from .policy import (
    register_any,
    register_may_read,
    register_may_see_figures,
    register_may_write,
)
from .services import (
    RegisterError,
    action_mark_done,
    action_record,
    case_record,
    meeting_record,
    register_proposal_accept,
)
from .vocabulary import interventions

# The years a region's figures can be asked for (?jaar=): this one and a few before it.
YEARS_SHOWN = 4


def _region_or_404(code: str) -> Region:
    return get_object_or_404(Region.objects.select_related("network"), code=code)


def _meeting_or_404(request: HttpRequest, meeting_id: int, *, write: bool = False) -> Meeting:
    """A meeting of a region whose register this user reads: 404 for anyone else, so that
    nobody learns which meetings exist elsewhere; 403 when it may be read, not written."""
    try:
        meeting = selectors.meeting_with_cases(meeting_id=meeting_id)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    scope = scope_for_request(request)
    if not register_may_read(scope, meeting.region):
        raise Http404
    if write and not register_may_write(scope, meeting.region):
        raise PermissionDenied
    return meeting


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for_request(request)
    if not register_any(scope):
        raise PermissionDenied
    regions = selectors.regions_with_register(scope=scope)
    return render(request, "register/index.html", {"regions": regions, "scope": scope})


@login_required
def region_view(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_404(code)
    scope = scope_for_request(request)
    if not register_may_see_figures(scope, region):
        raise PermissionDenied
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - YEARS_SHOWN, -1))
    year = request.GET.get("jaar", "")
    year_shown = int(year) if year.isdigit() and int(year) in years else this_year
    figures = register_figures(
        regions=[region],
        start=datetime.date(year_shown, 1, 1),
        end=datetime.date(year_shown, 12, 31),
    )
    members = register_may_read(scope, region)
    return render(
        request,
        "register/region.html",
        {
            "region": region,
            "figures": figures,
            "years": years,
            "year_shown": year_shown,
            "members": members,
            # The national role sees the figures only, never a meeting (policy.py).
            "meetings": selectors.meetings_of(region=region)[:100] if members else [],
        },
    )


@login_required
def meeting_add(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_404(code)
    if not register_may_write(scope_for_request(request), region):
        raise PermissionDenied
    form = MeetingRecordForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                meeting = meeting_record(
                    region=region,
                    held_on=form.cleaned_data["held_on"],
                    form=form.cleaned_data["form"],
                    attendance=form.attendance(),
                    note=form.cleaned_data["note"],
                    user=request_user(request),
                )
            except RegisterError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The meeting is recorded. Add its cases below."))
                return redirect("register:meeting", meeting_id=meeting.pk)
    return render(
        request, "register/meeting_form.html", {"region": region, "form": form}, status=status
    )


def _render_meeting(
    request: HttpRequest, meeting: Meeting, *, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    cases = list(meeting.cases.all())
    return render(
        request,
        "register/meeting.html",
        {
            "meeting": meeting,
            "region": meeting.region,
            "cases": cases,
            "labels": interventions(),
            "case_form": bound.get("case") or CaseRecordForm(),
            "action_forms": {
                case.pk: bound.get(f"action-{case.pk}")
                or ActionRecordForm(prefix=f"actie-{case.pk}")
                for case in cases
            },
            "done_errors": bound.get("done", {}),
            "today": timezone.localdate(),
        },
        status=400 if bound else 200,
    )


@login_required
def meeting_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _render_meeting(request, _meeting_or_404(request, meeting_id))


@login_required
@require_POST
def case_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_or_404(request, meeting_id, write=True)
    form = CaseRecordForm(request.POST)
    if form.is_valid():
        try:
            case = case_record(
                meeting=meeting,
                brought_by=form.cleaned_data["brought_by"],
                days_to_discussion=form.cleaned_data["days_to_discussion"],
                intervention_codes=form.cleaned_data["interventions"],
                user=request_user(request),
            )
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Case %(number)d is recorded.") % {"number": case.number})
            return redirect("register:meeting", meeting_id=meeting.pk)
    return _render_meeting(request, meeting, bound={"case": form})


@login_required
@require_POST
def action_add(request: HttpRequest, meeting_id: int, case_id: int) -> HttpResponse:
    meeting = _meeting_or_404(request, meeting_id, write=True)
    case = get_object_or_404(CaseDiscussion, pk=case_id, meeting=meeting)
    form = ActionRecordForm(request.POST, prefix=f"actie-{case.pk}")
    if form.is_valid():
        try:
            action_record(
                case=case,
                organisation=form.cleaned_data["organisation"],
                intervention=form.cleaned_data["intervention"],
                due_on=form.cleaned_data["due_on"],
                user=request_user(request),
            )
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action is recorded."))
            return redirect("register:meeting", meeting_id=meeting.pk)
    return _render_meeting(request, meeting, bound={f"action-{case.pk}": form})


@login_required
@require_POST
def action_done(request: HttpRequest, meeting_id: int, action_id: int) -> HttpResponse:
    meeting = _meeting_or_404(request, meeting_id, write=True)
    action = get_object_or_404(
        AgreedAction.objects.select_related("case__meeting__region"),
        pk=action_id,
        case__meeting=meeting,
    )
    form = ActionDoneForm(request.POST, prefix=f"uitgevoerd-{action.pk}")
    if form.is_valid():
        try:
            action_mark_done(
                action=action, done_on=form.cleaned_data["done_on"], user=request_user(request)
            )
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action is marked as carried out."))
            return redirect("register:meeting", meeting_id=meeting.pk)
    errors = [str(e) for errors in form.errors.values() for e in errors]
    return _render_meeting(request, meeting, bound={"done": {action.pk: errors}})


@login_required
@require_POST
def proposal_accept(request: HttpRequest, report_id: int) -> HttpResponse:
    scope = scope_for_request(request)
    report = get_object_or_404(reports_visible(scope=scope), pk=report_id)
    indicator = request.POST.get("indicator", "")[:200]
    try:
        register_proposal_accept(report=report, indicator_key=indicator, user=request_user(request))
    except RegisterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The figure from the register is taken into the answer."))
    return redirect(f"{report_theme_url(report)}#register-voorstel")


def report_theme_url(report: Report) -> str:
    return reverse("reports:theme", args=[report.pk, "actieoverleg"])
