"""Correction proposals on the web (ADR 21): the form on a page of its own (linked from the
discussion of an answer on the theme page), accepting and declining from the report page."""

from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.privacy.feedback import privacy_warn
from werkset.regions.models import Region

from . import limits as text_limits
from .answers import AnswerContent, AnswerInvalid, answer_input_clean, content_of
from .differences import answer_lines, answer_words
from .forms import FREQUENCY_LABELS, answer_form_state, revision_posted
from .models import Answer, CorrectionProposal
from .policy import (
    perspective_codes,
    perspective_organisations,
    report_may_propose,
    report_may_write,
)
from .proposal_services import proposal_accept, proposal_decline, proposal_make
from .selectors import network_regions, partner_organisations
from .services import EditConflict, ReportError
from .views import report_or_404


@dataclass(frozen=True)
class ProposalPage:
    """What the answer widgets (reports/_answer_widgets.html) ask of their page."""

    limits: ClassVar[ModuleType] = text_limits
    frequency_periods: list[tuple[str, Any]]


def _answer_or_404(report_id: int, answer_id: int) -> Answer:
    try:
        return Answer.objects.select_related(
            "indicator__answer_type", "indicator__theme", "indicator__element"
        ).get(pk=answer_id, report_id=report_id)
    except Answer.DoesNotExist as exc:
        raise Http404 from exc


def _region_or_404(report: Any, code: str) -> Region | None:
    """The region of a network's report whose own answer the proposal is about, if any."""
    if not code:
        return None
    if report.region_id is not None:
        raise Http404
    region = Region.objects.filter(network_id=report.network_id, code=code).first()
    if region is None:
        raise Http404
    return region


@login_required
def proposal_add_view(request: HttpRequest, report_id: int, answer_id: int) -> HttpResponse:
    """Propose a new value for an answer (or for one region's own answer: ?regio=<code>)."""
    report = report_or_404(request, report_id)
    if not report_may_propose(scope_for_request(request), report):
        raise PermissionDenied(
            _("Only the network may propose a change while the report is under discussion.")
        )
    answer = _answer_or_404(report.pk, answer_id)
    answer.report = report
    region = _region_or_404(report, request.GET.get("regio", "") or request.POST.get("regio", ""))
    stored = content_of(answer)
    content = (
        AnswerContent.from_dict(stored.regional.get(region.code, {}))
        if region is not None
        else stored
    )
    organisations = (
        []
        if region is not None
        else perspective_organisations(
            stored=stored.perspectives, organisations=partner_organisations()
        )
    )
    errors: dict[str, list[str]] = {}
    explanation = ""
    if request.method == "POST":
        explanation = request.POST.get("proposal_explanation", "")
        try:
            given, _regions = answer_input_clean(
                answer=answer,
                raw=request.POST,
                organisation_codes=perspective_codes(organisations),
                regions=(),
            )
            proposal_make(
                answer=answer,
                user=request_user(request),
                content=given,
                explanation=explanation,
                base_revision=revision_posted(request.POST, missing=answer.revision),
                region=region,
                mentioned={organisation.code for organisation in organisations},
            )
        except AnswerInvalid as exc:
            errors = exc.errors
        except ReportError as exc:
            errors = {"proposal_explanation": [str(exc)]}
        else:
            messages.success(request, _("Your proposal has been sent to the rapporteur."))
            privacy_warn(request, explanation, given.explanation, *given.perspectives.values())
            theme_url = reverse("reports:theme", args=[report.pk, answer.indicator.theme.key])
            return redirect(f"{theme_url}#antwoord-{answer.pk}")
    state = answer_form_state(
        answer=answer,
        organisations=organisations,
        submitted=request.POST if request.method == "POST" else None,
        errors=errors,
        content=content,
    )
    words = answer_words(network_id=report.network_id)
    return render(
        request,
        "reports/proposal_form.html",
        {
            "report": report,
            "answer": answer,
            "indicator": answer.indicator,
            "region": region,
            "regions": network_regions(report),
            "state": state,
            "page": ProposalPage(frequency_periods=list(FREQUENCY_LABELS.items())),
            "current": answer_lines(answer.indicator, stored, words),
            "explanation": explanation,
            "explanation_errors": errors.get("proposal_explanation", []),
            "has_errors": bool(errors),
        },
        status=400 if errors else 200,
    )


def _writer_only(request: HttpRequest, report: Any) -> None:
    """Who does not write the report is refused before anything is read (the services
    check it again)."""
    if not report_may_write(scope_for_request(request), report):
        raise PermissionDenied(_("Only the rapporteur of this report may decide on a proposal."))


def _proposal_or_404(report_id: int, proposal_id: int) -> CorrectionProposal:
    try:
        return CorrectionProposal.objects.get(pk=proposal_id, report_id=report_id)
    except CorrectionProposal.DoesNotExist as exc:
        raise Http404 from exc


def _to_proposals(report_id: int) -> HttpResponse:
    return redirect(reverse("reports:detail", args=[report_id]) + "#voorstellen")


@login_required
@require_POST
def proposal_accept_view(request: HttpRequest, report_id: int, proposal_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    _writer_only(request, report)
    proposal = _proposal_or_404(report.pk, proposal_id)
    seen = revision_posted(request.POST, missing=proposal.base_revision, name="seen_revision")
    try:
        proposal_accept(proposal=proposal, user=request_user(request), seen_revision=seen)
    except EditConflict as exc:
        messages.error(
            request,
            _(
                "%(name)s changed this answer in the meantime; nothing has been changed. "
                "Compare the proposal with the current answer below and decide again."
            )
            % {"name": exc.changed_by or _("someone else")},
        )
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The proposal has been accepted and the answer changed."))
    return _to_proposals(report.pk)


@login_required
@require_POST
def proposal_decline_view(request: HttpRequest, report_id: int, proposal_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    _writer_only(request, report)
    proposal = _proposal_or_404(report.pk, proposal_id)
    reason = request.POST.get("reason", "")
    try:
        proposal_decline(proposal=proposal, user=request_user(request), reason=reason)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The proposal has been declined."))
        privacy_warn(request, reason)
    return _to_proposals(report.pk)
