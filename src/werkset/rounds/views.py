"""The rounds page of the national network (open, close, reopen, move a deadline) and the
status matrix of networks and regions by rounds, with its CSV export."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.core.spreadsheet import spreadsheet_row

from .forms import DeadlineForm, RoundOpenForm
from .models import ReportingRound
from .policy import round_may_manage, rounds_may_see_matrix
from .selectors import rounds_all, status_matrix
from .services import TRANSITIONS, RoundError, round_deadline_change, round_open, round_transition


def _require_manager(request: HttpRequest) -> None:
    if not round_may_manage(scope_for_request(request)):
        raise PermissionDenied


def _round_or_404(round_id: int) -> ReportingRound:
    found = rounds_all().filter(pk=round_id).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def round_index(request: HttpRequest) -> HttpResponse:
    """The rounds, and the form that opens one."""
    _require_manager(request)
    form = RoundOpenForm()
    status = 200
    if request.method == "POST":
        form = RoundOpenForm(request.POST)
        if form.is_valid():
            try:
                opened = round_open(user=request_user(request), **form.cleaned_data)
            except RoundError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(round)s is open.") % {"round": opened})
                return redirect("rounds:index")
        status = 400
    rounds = list(rounds_all().order_by("-period"))
    return render(
        request,
        "rounds/index.html",
        {
            "form": form,
            "rounds": [
                (
                    item,
                    TRANSITIONS.allowed_from(item.status),
                    DeadlineForm(initial={"deadline": item.deadline}, prefix=f"ronde-{item.pk}"),
                )
                for item in rounds
            ],
        },
        status=status,
    )


@login_required
@require_POST
def round_transition_view(request: HttpRequest, round_id: int, name: str) -> HttpResponse:
    _require_manager(request)
    reporting_round = _round_or_404(round_id)
    try:
        changed = round_transition(
            reporting_round=reporting_round, name=name, user=request_user(request)
        )
    except RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(round)s is now %(status)s.")
            % {"round": changed, "status": changed.get_status_display().lower()},
        )
    return redirect("rounds:index")


@login_required
@require_POST
def round_deadline_view(request: HttpRequest, round_id: int) -> HttpResponse:
    _require_manager(request)
    reporting_round = _round_or_404(round_id)
    form = DeadlineForm(request.POST, prefix=f"ronde-{reporting_round.pk}")
    if not form.is_valid():
        messages.error(request, _("Enter the new deadline as a date."))
        return redirect("rounds:index")
    try:
        round_deadline_change(
            reporting_round=reporting_round,
            deadline=form.cleaned_data["deadline"],
            user=request_user(request),
        )
    except RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The deadline has been changed."))
    return redirect("rounds:index")


def _require_matrix(request: HttpRequest) -> None:
    if not rounds_may_see_matrix(scope_for_request(request)):
        raise PermissionDenied


@login_required
def round_matrix(request: HttpRequest) -> HttpResponse:
    """Networks and their regions by rounds: where each stands, since when, what is late."""
    _require_matrix(request)
    return render(request, "rounds/matrix.html", {"matrix": status_matrix()})


@login_required
def round_matrix_export(request: HttpRequest) -> HttpResponse:
    """The matrix as CSV: one row per unit and round; text that a spreadsheet would read as
    a formula is made inert (core/spreadsheet.py)."""
    _require_matrix(request)
    matrix = status_matrix()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Regional network"),
            _("Region"),
            _("Period"),
            _("Catalogue version"),
            _("Deadline"),
            _("Status"),
            _("Since"),
            _("Report version"),
            _("Through the network's report"),
            _("Overdue"),
        ]
    )
    for row in matrix.rows:
        for reporting_round, cell in zip(matrix.rounds, row.cells, strict=True):
            writer.writerow(
                spreadsheet_row(
                    [
                        row.network.name,
                        row.region.name if row.region is not None else "",
                        reporting_round.period,
                        reporting_round.catalogue_version.slug,
                        reporting_round.deadline.isoformat(),
                        cell.label,
                        cell.since.isoformat() if cell.since else "",
                        cell.number or "",
                        _("yes") if cell.via_network else "",
                        _("yes") if cell.overdue else "",
                    ]
                )
            )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rapportagerondes.csv"'
    return response
