"""Where a report starts (the region's and the network's workspace) and how it moves on:
each step's confirmation page and the step itself, and a new version."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkset.accounts.scope import request_user, scope_for_request
from werkset.regions.models import Region, RegionalNetwork
from werkset.rounds.selectors import rounds_open

from .forms import (
    ReportStartForm,
)
from .models import Report
from .policy import (
    REMOVED_KEPT_DAYS,
    report_may_decide,
    report_may_start,
    report_may_withdraw,
    report_may_write,
)
from .readiness import STEPS_CONFIRMED, report_readiness
from .selectors import (
    report_is_latest,
    reports_removed,
    reports_visible,
)
from .services import (
    ReportError,
    report_start,
)
from .views import report_or_404
from .workflow import Decision, report_correct, report_transition, transitions_for


@login_required
def region_workspace(request: HttpRequest, code: str) -> HttpResponse:
    """A region's reports as far as the user may see them; its rapporteur starts new ones."""
    try:
        region = Region.objects.select_related("network").get(code=code)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    return _workspace(request, network=region.network, region=region)


@login_required
def network_workspace(request: HttpRequest, code: str) -> HttpResponse:
    """A regional network's own reports and its regions; the network's rapporteur starts
    the network's report (issue 18)."""
    try:
        network = RegionalNetwork.objects.get(code=code)
    except RegionalNetwork.DoesNotExist as exc:
        raise Http404 from exc
    return _workspace(request, network=network, region=None)


def _workspace(
    request: HttpRequest, *, network: RegionalNetwork, region: Region | None
) -> HttpResponse:
    scope = scope_for_request(request)
    if not scope.roles:
        raise PermissionDenied
    reports = reports_visible(scope=scope).filter(network=network, region=region)
    region_id = region.pk if region is not None else None
    can_start = report_may_start(scope, network_id=network.pk, region_id=region_id)
    # Only the rounds whose catalogue version this unit may report with (a region does not
    # start a network's self-audit).
    open_rounds = (
        [
            item
            for item in rounds_open()
            if item.catalogue_version.reports_for(region_unit=region is not None)
        ]
        if can_start
        else []
    )
    form = ReportStartForm(previous_reports=reports, open_rounds=open_rounds) if can_start else None
    removed = reports_removed(scope=scope, network=network, region=region)
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        form = ReportStartForm(request.POST, previous_reports=reports, open_rounds=open_rounds)
        if form.is_valid():
            try:
                report = report_start(
                    region=region,
                    network=None if region is not None else network,
                    period=form.cleaned_data["period"],
                    user=request_user(request),
                    start_from=form.cleaned_data["start_from"],
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The report has been started."))
                return redirect("reports:detail", report_id=report.pk)
    if region is not None:
        return render(
            request,
            "reports/region_workspace.html",
            {
                "region": region,
                "reports": reports,
                "form": form,
                "removed": removed,
                "kept_days": REMOVED_KEPT_DAYS,
                "can_view_in_progress": scope.can_view_region_in_progress(region),
            },
        )
    return render(
        request,
        "reports/network_workspace.html",
        {
            "network": network,
            "regions": network.regions.order_by("position", "name"),
            "reports": reports,
            "form": form,
            "removed": removed,
            "kept_days": REMOVED_KEPT_DAYS,
            "can_view_in_progress": scope.can_view_network_in_progress(network),
        },
    )


def _transition_confirm(
    request: HttpRequest, report: Report, name: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    scope = scope_for_request(request)
    if not (
        report_may_write(scope, report)
        or report_may_decide(scope, report)
        or report_may_withdraw(scope, report)
    ):
        raise PermissionDenied
    transition = next((t for t in transitions_for(scope, report) if t.name == name), None)
    if transition is None:
        messages.error(
            request,
            _("This step is not possible now: the report is %(status)s.")
            % {"status": report.get_status_display().lower()},
        )
        return redirect("reports:detail", report_id=report.pk)
    readiness = report_readiness(report=report, step=name) if name in STEPS_CONFIRMED else None
    return render(
        request,
        "reports/transition_confirm.html",
        {
            "report": report,
            "transition": transition,
            "readiness": readiness,
            "error": error,
            "submitted": request.POST if request.method == "POST" else {},
            "today": timezone.localdate().isoformat(),
        },
        status=status,
    )


def _decision_posted(request: HttpRequest) -> Decision | None:
    """The decision as the chair or secretary entered it; None without a valid date."""
    try:
        decided_on = date.fromisoformat(request.POST.get("decided_on", "")[:10])
    except ValueError:
        return None
    return Decision(
        decided_on=decided_on,
        decided_by=request.POST.get("decided_by", "")[:1000],
        note=request.POST.get("decision_note", "")[:20000],
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_transition_view(request: HttpRequest, report_id: int, name: str) -> HttpResponse:
    """GET: the step's confirmation page (what blocks it, what only warns); POST: the step."""
    report = report_or_404(request, report_id)
    if request.method == "GET":
        return _transition_confirm(request, report, name)
    try:
        report_transition(
            report=report,
            name=name,
            user=request_user(request),
            note=request.POST.get("note", "")[:20000],
            decision=_decision_posted(request) if name == "finalise" else None,
        )
    except ReportError as exc:
        if name in ("finalise", "send_back", "withdraw"):
            # The chair's input stays on the page with the reason it was refused.
            report.refresh_from_db()
            return _transition_confirm(request, report, name, error=str(exc), status=400)
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status of the report has been changed."))
    return redirect("reports:detail", report_id=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_correct_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """GET: the page that asks why a new version is needed; POST: the new version."""
    report = report_or_404(request, report_id)
    if not report_may_write(scope_for_request(request), report):
        raise PermissionDenied
    if not (report.is_final and report_is_latest(report)):
        messages.error(request, _("Only the latest finalised version gets a new version."))
        return redirect("reports:detail", report_id=report.pk)
    error = ""
    if request.method == "POST":
        try:
            new = report_correct(
                report=report,
                user=request_user(request),
                reason=request.POST.get("reason", "")[:20000],
            )
        except ReportError as exc:
            error = str(exc)
        else:
            messages.success(
                request, _("A new version has been made; the finalised one stays as it is.")
            )
            return redirect("reports:detail", report_id=new.pk)
    return render(
        request,
        "reports/correct_confirm.html",
        {"report": report, "error": error, "reason": request.POST.get("reason", "")},
        status=400 if error else 200,
    )
