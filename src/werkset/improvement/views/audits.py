"""Peer audits: the invitation, the audit's page and its steps, findings, the verdict and
the audited network's responses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.privacy.feedback import privacy_warn
from werkset.regions.models import RegionalNetwork

from .. import selectors as s
from ..audit_services import (
    finding_add,
    finding_respond,
    peer_audit_conclude,
    peer_audit_invite,
    peer_audit_respond,
    peer_audit_transition,
)
from ..forms import AuditInviteForm, FindingForm, ResponseForm, VerdictForm
from ..models import Finding, PeerAudit
from ..rules import can_invite_audit, can_work_in_network, is_audited, is_auditor
from ..service_common import ImprovementError
from ..states import AuditStatus, Machine, transitions_from
from ..vocabulary import FindingKind
from .common import form_saved, improving, network_or_404, step_done


def _audit_or_404(request: HttpRequest, audit_id: int) -> PeerAudit:
    try:
        return s.peer_audit_for(scope=scope_for_request(request), audit_id=audit_id)
    except PeerAudit.DoesNotExist as exc:
        raise Http404 from exc


@improving
def audit_invite(request: HttpRequest, network: str) -> HttpResponse:
    """The network's members invite another network to audit a finalised report."""
    found = network_or_404(request, network)
    scope = scope_for_request(request)
    if not can_invite_audit(scope, found):
        raise PermissionDenied
    form = AuditInviteForm(
        request.POST or None,
        reports=s.reports_to_audit(scope=scope, network=found),
        networks=RegionalNetwork.objects.exclude(pk=found.pk),
    )
    audit = (
        form_saved(
            request,
            form,
            lambda data: peer_audit_invite(
                report=data["report"],
                auditor_network=data["auditor_network"],
                invitation=data["invitation"],
                user=request_user(request),
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
    scope = scope_for_request(request)
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


@improving
def audit_detail(request: HttpRequest, audit_id: int) -> HttpResponse:
    return _render_audit(request, _audit_or_404(request, audit_id))


@improving
@require_POST
def audit_transition(request: HttpRequest, audit_id: int, name: str) -> HttpResponse:
    found = _audit_or_404(request, audit_id)
    audit = (
        step_done(
            request,
            lambda: peer_audit_transition(audit=found, name=name, user=request_user(request)),
            success=_("The status of the audit has been changed."),
        )
        or found
    )
    if not is_audited(scope_for_request(request), audit) and not is_auditor(
        scope_for_request(request), audit
    ):
        return redirect("improvement:index")
    return redirect("improvement:audit", audit_id=audit.pk)


@improving
@require_POST
def finding_add_view(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_auditor(scope_for_request(request), audit):
        raise PermissionDenied
    themes = audit.report.catalogue_version.themes.order_by("position")
    form = FindingForm(request.POST, themes=themes, prefix="bevinding")
    if form_saved(
        request,
        form,
        lambda data: finding_add(audit=audit, user=request_user(request), **data),
        success=_("The finding has been added."),
        texts=lambda finding: (finding.text,),
    ):
        return redirect(reverse("improvement:audit", args=[audit.pk]) + "#bevindingen")
    return _render_audit(request, audit, finding_form=form, status=400)


@improving
@require_POST
def audit_conclude(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_auditor(scope_for_request(request), audit):
        raise PermissionDenied
    form = VerdictForm(request.POST, prefix="oordeel")
    if form_saved(
        request,
        form,
        lambda data: peer_audit_conclude(
            audit=audit, verdict=data["verdict"], user=request_user(request)
        ),
        success=_("The audit has been concluded."),
        texts=lambda concluded: (concluded.verdict,),
    ):
        return redirect("improvement:audit", audit_id=audit.pk)
    return _render_audit(request, audit, verdict_form=form, status=400)


@improving
@require_POST
def finding_respond_view(request: HttpRequest, audit_id: int, finding_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    finding = Finding.objects.filter(pk=finding_id, audit=audit).first()
    if finding is None:
        raise Http404
    if not is_audited(scope_for_request(request), audit):
        raise PermissionDenied
    try:
        answered = finding_respond(
            finding=finding, response=request.POST.get("response", ""), user=request_user(request)
        )
    except ImprovementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your response has been saved."))
        privacy_warn(request, answered.response)
    return redirect(reverse("improvement:audit", args=[audit.pk]) + f"#bevinding-{finding.pk}")


@improving
@require_POST
def audit_respond(request: HttpRequest, audit_id: int) -> HttpResponse:
    audit = _audit_or_404(request, audit_id)
    if not is_audited(scope_for_request(request), audit):
        raise PermissionDenied
    form = ResponseForm(request.POST, prefix="reactie")
    if form_saved(
        request,
        form,
        lambda data: peer_audit_respond(
            audit=audit, response=data["response"], user=request_user(request)
        ),
        success=_("The audit is finished and part of the report's record."),
        texts=lambda finished: (finished.response,),
    ):
        return redirect("improvement:audit", audit_id=audit.pk)
    return _render_audit(request, audit, response_form=form, status=400)
