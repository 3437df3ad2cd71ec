"""Pages of the improvement cycle and peer audits. Every view asks rules.py (on top of the
scope) on the server; services check again. Not readable: 404 (no hint it exists); readable
but not yours to change: 403; a pure beheerder: 403 everywhere, as with the comparisons."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from werkset.accounts.models import User
from werkset.accounts.scope import Scope, request_user, scope_for_request
from werkset.catalogue.models import Theme
from werkset.privacy.detectors import privacy_warnings
from werkset.regions.models import RegionalNetwork

from . import selectors as s
from .audit_services import (
    finding_add,
    finding_respond,
    peer_audit_conclude,
    peer_audit_invite,
    peer_audit_respond,
    peer_audit_transition,
)
from .forms import (
    ActionForm,
    AuditInviteForm,
    DecisionForm,
    EvaluationForm,
    FindingForm,
    ImprovementPointForm,
    ResponseForm,
    SwotEntryForm,
    VerdictForm,
)
from .models import Action, Finding, ImprovementPoint, PeerAudit, SwotEntry
from .rules import (
    can_read_network,
    can_work_in_network,
    is_audited,
    is_auditor,
    networks_readable,
)
from .service_common import ImprovementError
from .services import (
    action_add,
    action_transition,
    decision_record,
    evaluation_record,
    improvement_point_create,
    improvement_point_start,
)
from .snapshots import withheld_count
from .states import AuditStatus, Machine, PointStatus, transitions_from
from .swot_services import swot_entry_add, swot_entry_delete
from .vocabulary import (
    BUILDING_BLOCK_DESCRIPTIONS,
    MAX_OPEN_POINTS,
    BuildingBlock,
    FindingKind,
    Quadrant,
    theme_needs_building_block,
)

_Saved = TypeVar("_Saved")


def _improving(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a content role (administrators manage accounts, not content)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_for_request(request).can_improve:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _scope(request: HttpRequest) -> Scope:
    return scope_for_request(request)


def _user(request: HttpRequest) -> User:
    return request_user(request)


def _network_or_404(request: HttpRequest, code: str) -> RegionalNetwork:
    network = RegionalNetwork.objects.filter(code=code).first()
    if network is None or not can_read_network(_scope(request), network):
        raise Http404
    return network


def _theme_or_404(theme_key: str) -> Theme:
    try:
        return s.cycle_theme(key=theme_key)
    except Theme.DoesNotExist as exc:
        raise Http404 from exc


def _point_or_404(request: HttpRequest, point_id: int) -> ImprovementPoint:
    try:
        point = s.point_with_history(point_id=point_id)
    except ImprovementPoint.DoesNotExist as exc:
        raise Http404 from exc
    if not can_read_network(_scope(request), point.network):
        raise Http404
    return point


def _audit_or_404(request: HttpRequest, audit_id: int) -> PeerAudit:
    try:
        return s.peer_audit_for(scope=_scope(request), audit_id=audit_id)
    except PeerAudit.DoesNotExist as exc:
        raise Http404 from exc


def _warn_privacy(request: HttpRequest, *texts: str) -> None:
    """Saved, but text that looks like personal data is pointed out, as in the reports."""
    for warning in privacy_warnings(*texts):
        messages.warning(request, warning)


def _require_worker(request: HttpRequest, network: RegionalNetwork) -> None:
    if not can_work_in_network(_scope(request), network):
        raise PermissionDenied


def _saved(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], _Saved],
    *,
    success: str,
    texts: Callable[[_Saved], Iterable[str]],
) -> _Saved | None:
    """A valid form's data through its service. A refusal of the service (ImprovementError)
    becomes the form's error, shown again with status 400 by the caller; what was saved gets
    the success message and, for its texts that look like personal data, the warnings."""
    if not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ImprovementError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, success)
    _warn_privacy(request, *texts(saved))
    return saved


def _done(request: HttpRequest, change: Callable[[], _Saved], *, success: str) -> _Saved | None:
    """A step without a form (start, a transition, a removal): its refusal or its success
    as a message on the page the caller redirects to; what the step returned, if it was
    taken."""
    try:
        changed = change()
    except ImprovementError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success)
    return changed


# Overviews ----------------------------------------------------------------------------


@_improving
def index(request: HttpRequest) -> HttpResponse:
    """The networks this user may follow, their own overdue points and audit invitations."""
    scope = _scope(request)
    today = s.today()
    return render(
        request,
        "improvement/index.html",
        {
            "summaries": s.network_summaries(networks=networks_readable(scope), on=today),
            "my_overdue": s.points_overdue(
                on=today, owner=_user(request), networks=networks_readable(scope)
            ),
            "invitations": s.audit_invitations_open(scope=scope),
            "is_national": scope.is_national,
            "max_open": MAX_OPEN_POINTS,
        },
    )


@_improving
def network_view(request: HttpRequest, network: str) -> HttpResponse:
    found = _network_or_404(request, network)
    scope = _scope(request)
    return render(
        request,
        "improvement/network.html",
        {
            "network": found,
            "overview": s.network_overview(network=found, on=s.today()),
            "audits": s.peer_audits_of_network(scope=scope, network=found),
            "can_work": can_work_in_network(scope, found),
            "can_invite": found.pk in scope.network_ids,
            "max_open": MAX_OPEN_POINTS,
        },
    )


@_improving
def theme_view(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    found = _network_or_404(request, network)
    theme = _theme_or_404(theme_key)
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
            "can_work": can_work_in_network(_scope(request), found),
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
        audit_ids = s.peer_audits_of_network(scope=_scope(request), network=network).values("pk")
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


@_improving
def point_add(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    """Plan a point, from scratch, from a SWOT entry or from a peer-audit finding."""
    found = _network_or_404(request, network)
    theme = _theme_or_404(theme_key)
    _require_worker(request, found)
    swot_entry, finding = _point_source(request, found, theme)
    source = swot_entry or finding
    initial: dict[str, Any] = {"owner": _user(request).pk}
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
        _saved(
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
                user=_user(request),
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
    scope = _scope(request)
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


@_improving
def point_detail(request: HttpRequest, point_id: int) -> HttpResponse:
    return _render_point(request, _point_or_404(request, point_id))


@_improving
@require_POST
def point_start(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    _require_worker(request, point.network)
    _done(
        request,
        lambda: improvement_point_start(point=point, user=_user(request)),
        success=_("The improvement point is in progress."),
    )
    return redirect("improvement:point", point_id=point.pk)


# Do -----------------------------------------------------------------------------------


@_improving
@require_POST
def action_add_view(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    _require_worker(request, point.network)
    form = ActionForm(request.POST, prefix="actie")
    if _saved(
        request,
        form,
        lambda data: action_add(point=point, user=_user(request), **data),
        success=_("The action has been added."),
        texts=lambda action: (action.description, action.who),
    ):
        return redirect(reverse("improvement:point", args=[point.pk]) + "#uitvoeren")
    return _render_point(request, point, action_form=form, status=400)


@_improving
@require_POST
def action_transition_view(
    request: HttpRequest, point_id: int, action_id: int, name: str
) -> HttpResponse:
    point = _point_or_404(request, point_id)
    action = Action.objects.filter(pk=action_id, point=point).first()
    if action is None:
        raise Http404
    _require_worker(request, point.network)
    _done(
        request,
        lambda: action_transition(action=action, name=name, user=_user(request)),
        success=_("The status of the action has been changed."),
    )
    return redirect(reverse("improvement:point", args=[point.pk]) + "#uitvoeren")


# Check and Act ------------------------------------------------------------------------


@_improving
@require_POST
def evaluation_add(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    _require_worker(request, point.network)
    form = EvaluationForm(request.POST, prefix="evaluatie")
    evaluation = _saved(
        request,
        form,
        lambda data: evaluation_record(point=point, user=_user(request), **data),
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


@_improving
@require_POST
def decision_add(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    _require_worker(request, point.network)
    form = DecisionForm(request.POST, prefix="besluit")
    if _saved(
        request,
        form,
        lambda data: decision_record(point=point, user=_user(request), **data),
        success=_("The decision has been recorded."),
        texts=lambda _point: (form.cleaned_data["note"],),
    ):
        return redirect("improvement:point", point_id=point.pk)
    return _render_point(request, point, decision_form=form, status=400)


# SWOT ---------------------------------------------------------------------------------


@_improving
def swot_view(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    """The network's SWOT of a theme with the guiding questions; its entries can become
    improvement points."""
    found = _network_or_404(request, network)
    theme = _theme_or_404(theme_key)
    can_work = can_work_in_network(_scope(request), found)
    forms = {q: SwotEntryForm(prefix=q, quadrant=q) for q in Quadrant.values}
    status = 200
    if request.method == "POST":
        _require_worker(request, found)
        quadrant = request.POST.get("quadrant", "")
        form = SwotEntryForm(
            request.POST,
            prefix=quadrant if quadrant in forms else None,
            quadrant=quadrant if quadrant in forms else None,
        )
        if _saved(
            request,
            form,
            lambda data: swot_entry_add(
                network=found,
                theme=theme,
                quadrant=quadrant,
                text=data["text"],
                user=_user(request),
            ),
            success=_("Added to the SWOT."),
            texts=lambda entry: (entry.text,),
        ):
            return redirect(
                reverse("improvement:swot", args=[found.code, theme.key]) + f"#swot-{quadrant}"
            )
        if quadrant in forms:
            forms[quadrant] = form
        else:
            messages.error(request, _("Choose strengths, weaknesses, opportunities or threats."))
        status = 400
    return render(
        request,
        "improvement/swot.html",
        {
            "network": found,
            "theme": theme,
            "quadrants": [
                (view, forms[view.quadrant.key] if can_work else None)
                for view in s.swot_of(network=found, theme=theme)
            ],
            "can_work": can_work,
            "room": s.open_points_count(network=found, theme_key=theme.key) < MAX_OPEN_POINTS,
            "max_open": MAX_OPEN_POINTS,
        },
        status=status,
    )


@_improving
@require_POST
def swot_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = SwotEntry.objects.select_related("network", "theme").filter(pk=entry_id).first()
    if entry is None or not can_read_network(_scope(request), entry.network):
        raise Http404
    _require_worker(request, entry.network)
    _done(
        request,
        lambda: swot_entry_delete(entry=entry, user=_user(request)),
        success=_("Removed."),
    )
    return redirect("improvement:swot", network=entry.network.code, theme_key=entry.theme.key)


# Peer audit ---------------------------------------------------------------------------


@_improving
def audit_invite(request: HttpRequest, network: str) -> HttpResponse:
    """The network's members invite another network to audit a finalised report."""
    found = _network_or_404(request, network)
    scope = _scope(request)
    if found.pk not in scope.network_ids:
        raise PermissionDenied
    form = AuditInviteForm(
        request.POST or None,
        reports=s.reports_to_audit(scope=scope, network=found),
        networks=RegionalNetwork.objects.exclude(pk=found.pk),
    )
    audit = (
        _saved(
            request,
            form,
            lambda data: peer_audit_invite(
                report=data["report"],
                auditor_network=data["auditor_network"],
                invitation=data["invitation"],
                user=_user(request),
            ),
            success=_("The invitation has been sent."),
            texts=lambda audit: (audit.invitation,),
        )
        if request.method == "POST"
        else None
    )
    if audit is not None:
        return redirect("improvement:audit", audit_id=audit.pk)
    return render(
        request,
        "improvement/audit_invite.html",
        {"network": found, "form": form},
        status=400 if form.errors else 200,
    )


def _render_audit(
    request: HttpRequest,
    audit: PeerAudit,
    *,
    finding_form: FindingForm | None = None,
    verdict_form: VerdictForm | None = None,
    response_form: ResponseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    scope = _scope(request)
    auditor = is_auditor(scope, audit)
    audited = is_audited(scope, audit)
    themes = audit.report.catalogue_version.themes.order_by("position")
    findings = list(s.findings_of(audit=audit))
    running = audit.status == AuditStatus.LOPEND
    concluded = audit.status == AuditStatus.GECONCLUDEERD
    return render(
        request,
        "improvement/audit_detail.html",
        {
            "audit": audit,
            "report": audit.report,
            "themes": themes,
            "findings": findings,
            "is_auditor": auditor,
            "is_audited": audited,
            "steps": [
                t
                for t in transitions_from(Machine.AUDIT, audit.status)
                if t.name in ("accept", "decline", "withdraw")
                and ((t.who == "auditor" and auditor) or (t.who == "audited" and audited))
            ],
            "finding_form": (finding_form or FindingForm(themes=themes, prefix="bevinding"))
            if auditor and running
            else None,
            "verdict_form": (verdict_form or VerdictForm(prefix="oordeel"))
            if auditor and running
            else None,
            "can_respond": audited and concluded,
            "response_form": (response_form or ResponseForm(prefix="reactie"))
            if audited and concluded
            else None,
            "can_make_point": audit.status in (AuditStatus.GECONCLUDEERD, AuditStatus.AFGEROND)
            and can_work_in_network(scope, audit.audited_network),
            "point_kinds": (FindingKind.VERBETERPUNT, FindingKind.VRAAG),
            # Auditors see the findings, not what the audited network made of them.
            "show_points": audited or not auditor,
        },
        status=status,
    )


@_improving
def audit_detail(request: HttpRequest, audit_id: int) -> HttpResponse:
    return _render_audit(request, _audit_or_404(request, audit_id))


@_improving
@require_POST
def audit_transition(request: HttpRequest, audit_id: int, name: str) -> HttpResponse:
    found = _audit_or_404(request, audit_id)
    audit = (
        _done(
            request,
            lambda: peer_audit_transition(audit=found, name=name, user=_user(request)),
            success=_("The status of the audit has been changed."),
        )
        or found
    )
    if not is_audited(_scope(request), audit) and not is_auditor(_scope(request), audit):
        return redirect("improvement:index")
    return redirect("improvement:audit", audit_id=audit.pk)


@_improving
@require_POST
def finding_add_view(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_auditor(_scope(request), audit):
        raise PermissionDenied
    themes = audit.report.catalogue_version.themes.order_by("position")
    form = FindingForm(request.POST, themes=themes, prefix="bevinding")
    if _saved(
        request,
        form,
        lambda data: finding_add(audit=audit, user=_user(request), **data),
        success=_("The finding has been added."),
        texts=lambda finding: (finding.text,),
    ):
        return redirect(reverse("improvement:audit", args=[audit.pk]) + "#bevindingen")
    return _render_audit(request, audit, finding_form=form, status=400)


@_improving
@require_POST
def audit_conclude(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_auditor(_scope(request), audit):
        raise PermissionDenied
    form = VerdictForm(request.POST, prefix="oordeel")
    if _saved(
        request,
        form,
        lambda data: peer_audit_conclude(audit=audit, verdict=data["verdict"], user=_user(request)),
        success=_("The audit has been concluded."),
        texts=lambda concluded: (concluded.verdict,),
    ):
        return redirect("improvement:audit", audit_id=audit.pk)
    return _render_audit(request, audit, verdict_form=form, status=400)


@_improving
@require_POST
def finding_respond_view(request: HttpRequest, audit_id: int, finding_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    finding = Finding.objects.filter(pk=finding_id, audit=audit).first()
    if finding is None:
        raise Http404
    if not is_audited(_scope(request), audit):
        raise PermissionDenied
    try:
        answered = finding_respond(
            finding=finding, response=request.POST.get("response", ""), user=_user(request)
        )
    except ImprovementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your response has been saved."))
        _warn_privacy(request, answered.response)
    return redirect(reverse("improvement:audit", args=[audit.pk]) + f"#bevinding-{finding.pk}")


@_improving
@require_POST
def audit_respond(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_audited(_scope(request), audit):
        raise PermissionDenied
    form = ResponseForm(request.POST, prefix="reactie")
    if _saved(
        request,
        form,
        lambda data: peer_audit_respond(
            audit=audit, response=data["response"], user=_user(request)
        ),
        success=_("The audit is finished and part of the report's record."),
        texts=lambda finished: (finished.response,),
    ):
        return redirect("improvement:audit", audit_id=audit.pk)
    return _render_audit(request, audit, response_form=form, status=400)
