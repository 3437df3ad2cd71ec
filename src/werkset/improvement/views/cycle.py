"""The pages of one improvement point through the cycle: plan, do, check and act."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.catalogue.models import Theme
from werkset.regions.models import RegionalNetwork

from .. import selectors as s
from ..forms import ActionForm, DecisionForm, EvaluationForm, ImprovementPointForm
from ..models import Action, Finding, ImprovementPoint, SwotEntry
from ..rules import can_read_network, can_work_in_network
from ..services import (
    action_add,
    action_transition,
    decision_record,
    evaluation_record,
    improvement_point_create,
    improvement_point_start,
)
from ..snapshots import withheld_count
from ..states import Machine, PointStatus, transitions_from
from ..vocabulary import MAX_OPEN_POINTS
from .common import form_saved, improving, network_or_404, require_worker, step_done, theme_or_404


def _point_or_404(request: HttpRequest, point_id: int) -> ImprovementPoint:
    try:
        point = s.point_with_history(point_id=point_id)
    except ImprovementPoint.DoesNotExist as exc:
        raise Http404 from exc
    if not can_read_network(scope_for_request(request), point.network):
        raise Http404
    return point


# Plan ---------------------------------------------------------------------------------


def _point_source(
    request: HttpRequest, network: RegionalNetwork, theme: Theme
) -> tuple[SwotEntry | None, Finding | None]:
    """The SWOT entry or peer-audit finding a new point starts from (?swot= / ?bevinding=)."""
    data = request.POST if request.method == "POST" else request.GET
    swot_entry = finding = None
    if data.get("swot"):
        swot_entry = (
            SwotEntry.objects.filter(pk=_int(data["swot"]), network=network, theme__key=theme.key)
            .select_related("theme")
            .first()
        )
        if swot_entry is None:
            raise Http404
    if data.get("bevinding"):
        audit_ids = s.peer_audits_of_network(
            scope=scope_for_request(request), network=network
        ).values("pk")
        finding = (
            Finding.objects.filter(
                pk=_int(data["bevinding"]),
                audit__in=audit_ids,
                audit__audited_network=network,
                theme__key=theme.key,
            )
            .select_related("audit", "theme")
            .first()
        )
        if finding is None:
            raise Http404
    return swot_entry, finding


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


@improving
def point_add(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    """Plan a point, from scratch, from a SWOT entry or from a peer-audit finding."""
    found = network_or_404(request, network)
    theme = theme_or_404(theme_key)
    require_worker(request, found)
    swot_entry, finding = _point_source(request, found, theme)
    source = swot_entry or finding
    initial: dict[str, Any] = {"owner": request_user(request).pk}
    if source is not None:
        initial |= {"title": source.text[:200], "description": source.text}
    form = ImprovementPointForm(
        request.POST or None,
        initial=initial,
        theme=theme,
        owners=s.network_members(network=found),
        indicators=s.theme_indicators(theme=theme),
    )
    point = (
        form_saved(
            request,
            form,
            lambda data: improvement_point_create(
                network=found,
                theme=theme,
                title=data["title"],
                description=data["description"],
                building_block=data.get("building_block", ""),
                owner=data["owner"],
                target_date=data["target_date"],
                indicator=data["indicator"],
                swot_entry=swot_entry,
                finding=finding,
                user=request_user(request),
            ),
            success=_("The improvement point has been planned."),
            texts=lambda point: (point.title, point.description),
        )
        if request.method == "POST"
        else None
    )
    if point is not None:
        return redirect("improvement:point", point_id=point.pk)
    return render(
        request,
        "improvement/point_form.html",
        {
            "network": found,
            "theme": theme,
            "form": form,
            "swot_entry": swot_entry,
            "finding": finding,
            "open_count": s.open_points_count(network=found, theme_key=theme.key),
            "max_open": MAX_OPEN_POINTS,
        },
        status=400 if form.errors else 200,
    )


def _render_point(
    request: HttpRequest,
    point: ImprovementPoint,
    *,
    action_form: ActionForm | None = None,
    evaluation_form: EvaluationForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    scope = scope_for_request(request)
    can_work = can_work_in_network(scope, point.network)
    evaluations = list(point.evaluations.all())
    can_evaluate = can_work and point.status in (PointStatus.GEPLAND, PointStatus.IN_UITVOERING)
    can_decide = can_work and point.status == PointStatus.GEEVALUEERD
    return render(
        request,
        "improvement/point_detail.html",
        {
            "point": point,
            "network": point.network,
            "theme": point.theme,
            "overdue": s.is_overdue(point, on=s.today()),
            "can_work": can_work,
            "can_start": can_work and point.status == PointStatus.GEPLAND,
            "actions": [
                (action, transitions_from(Machine.ACTION, action.status) if can_work else [])
                for action in point.actions.all()
            ],
            "evaluations": [
                (evaluation, s.evaluation_figures(scope=scope, evaluation=evaluation))
                for evaluation in evaluations
            ],
            "figures": s.indicator_figures(
                scope=scope, network=point.network, indicator=point.indicator
            ),
            "action_form": (action_form or ActionForm(prefix="actie"))
            if can_work and point.is_open
            else None,
            "evaluation_form": (evaluation_form or EvaluationForm(prefix="evaluatie"))
            if can_evaluate
            else None,
            "decision_form": (decision_form or DecisionForm(prefix="besluit"))
            if can_decide
            else None,
        },
        status=status,
    )


@improving
def point_detail(request: HttpRequest, point_id: int) -> HttpResponse:
    return _render_point(request, _point_or_404(request, point_id))


@improving
@require_POST
def point_start(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    require_worker(request, point.network)
    step_done(
        request,
        lambda: improvement_point_start(point=point, user=request_user(request)),
        success=_("The improvement point is in progress."),
    )
    return redirect("improvement:point", point_id=point.pk)


# Do -----------------------------------------------------------------------------------


@improving
@require_POST
def action_add_view(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    require_worker(request, point.network)
    form = ActionForm(request.POST, prefix="actie")
    if form_saved(
        request,
        form,
        lambda data: action_add(point=point, user=request_user(request), **data),
        success=_("The action has been added."),
        texts=lambda action: (action.description, action.who),
    ):
        return redirect(reverse("improvement:point", args=[point.pk]) + "#uitvoeren")
    return _render_point(request, point, action_form=form, status=400)


@improving
@require_POST
def action_transition_view(
    request: HttpRequest, point_id: int, action_id: int, name: str
) -> HttpResponse:
    point = _point_or_404(request, point_id)
    action = Action.objects.filter(pk=action_id, point=point).first()
    if action is None:
        raise Http404
    require_worker(request, point.network)
    step_done(
        request,
        lambda: action_transition(action=action, name=name, user=request_user(request)),
        success=_("The status of the action has been changed."),
    )
    return redirect(reverse("improvement:point", args=[point.pk]) + "#uitvoeren")


# Check and Act ------------------------------------------------------------------------


@improving
@require_POST
def evaluation_add(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    require_worker(request, point.network)
    form = EvaluationForm(request.POST, prefix="evaluatie")
    evaluation = form_saved(
        request,
        form,
        lambda data: evaluation_record(point=point, user=request_user(request), **data),
        success=_("The evaluation has been recorded; now decide."),
        texts=lambda evaluation: (evaluation.explanation,),
    )
    if evaluation is not None:
        withheld = withheld_count(evaluation.figures)
        if withheld:
            messages.warning(
                request,
                ngettext(
                    "The explanation of %(count)s report was left out of the figures kept "
                    "with the evaluation: it looks like personal data. Clean the report's "
                    "text (or record that it is not personal data) before the next evaluation.",
                    "The explanations of %(count)s reports were left out of the figures kept "
                    "with the evaluation: they look like personal data. Clean the reports' "
                    "texts (or record that they are not personal data) before the next "
                    "evaluation.",
                    withheld,
                )
                % {"count": withheld},
            )
        return redirect(reverse("improvement:point", args=[point.pk]) + "#besluiten")
    return _render_point(request, point, evaluation_form=form, status=400)


@improving
@require_POST
def decision_add(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    require_worker(request, point.network)
    form = DecisionForm(request.POST, prefix="besluit")
    if form_saved(
        request,
        form,
        lambda data: decision_record(point=point, user=request_user(request), **data),
        success=_("The decision has been recorded."),
        texts=lambda _point: (form.cleaned_data["note"],),
    ):
        return redirect("improvement:point", point_id=point.pk)
    return _render_point(request, point, decision_form=form, status=400)
