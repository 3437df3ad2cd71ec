"""Correction proposals in the API (ADR 21), beside a report's moves: list and make them
(`/rapportages/{id}/voorstellen`), accept or decline one (`.../{voorstel}/aannemen`,
`.../afwijzen`). The same services and rules as the web pages."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from werkset.accounts.scope import request_user, scope_for_request
from werkset.regions.models import Region
from werkset.reports.answers import AnswerInvalid, answer_input_clean
from werkset.reports.models import Answer, CorrectionProposal, Report
from werkset.reports.policy import (
    perspective_codes,
    perspectives_mentioned,
    report_may_write,
    report_shows_discussion,
)
from werkset.reports.proposal_services import proposal_accept, proposal_decline, proposal_make
from werkset.reports.selectors import partner_organisations
from werkset.reports.services import EditConflict, ReportError

from .exceptions import problem
from .proposal_serializers import (
    ProposalAcceptSerializer,
    ProposalDeclineSerializer,
    ProposalSerializer,
    ProposalWriteSerializer,
)


def _invalid(exc: AnswerInvalid) -> Response:
    return problem(
        status_code=status.HTTP_400_BAD_REQUEST,
        title=_("Invalid answer"),
        extra={
            "invalid-params": [
                {"name": name, "reason": " ".join(messages)}
                for name, messages in exc.errors.items()
            ]
        },
    )


def _not_possible(exc: ReportError) -> Response:
    return problem(
        status_code=status.HTTP_409_CONFLICT, title=_("Not possible now"), detail=str(exc)
    )


class ProposalActions:
    """Mixed into the reports' viewset (api/views.py), whose get_object gives a visible
    report (404 otherwise)."""

    get_object: Any

    def _proposals_report(self) -> Report:
        report: Report = self.get_object()
        if not report_shows_discussion(scope_for_request(self.request), report):  # type: ignore[attr-defined]
            raise PermissionDenied(_("Only the people of the region and network follow it."))
        return report

    def _proposal(self, report: Report, proposal: str) -> CorrectionProposal:
        found = (
            CorrectionProposal.objects.select_related("answer__indicator", "region")
            .filter(pk=int(proposal), report=report)
            .first()
        )
        if found is None:
            raise Http404
        return found

    def _require_proposal_writer(self, report: Report) -> None:
        """A report out of sight is a 404 (get_object), one this user does not write a 403,
        before the body is read."""
        if not report_may_write(scope_for_request(self.request), report):  # type: ignore[attr-defined]
            raise PermissionDenied(
                _("Only the rapporteur of this report may decide on a proposal.")
            )

    @extend_schema(
        methods=["GET"],
        responses={200: ProposalSerializer(many=True)},
        operation_id="rapportages_voorstellen_list",
    )
    @extend_schema(
        methods=["POST"],
        request=ProposalWriteSerializer,
        responses={201: ProposalSerializer},
        operation_id="rapportages_voorstellen_create",
    )
    @action(detail=True, methods=["get", "post"], url_path="voorstellen", url_name="proposals")
    def proposals(self, request: Request, pk: str) -> Response:
        """The report's correction proposals (GET), or a new one (POST: a network member,
        while the report is under discussion). The proposed answer is given as an answer
        is written (choice, explanation, figures, perspectives), for the answer itself or,
        with `region`, for that region's own answer in a network's report."""
        report = self._proposals_report()
        if request.method == "GET":
            rows = (
                CorrectionProposal.objects.filter(report=report)
                .select_related("answer__indicator", "region")
                .order_by("created_at", "id")
            )
            page = self.paginate_queryset(rows)  # type: ignore[attr-defined]
            if page is None:
                return Response(ProposalSerializer(rows, many=True).data)
            data = ProposalSerializer(page, many=True).data
            return self.get_paginated_response(data)  # type: ignore[attr-defined]
        serializer = ProposalWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        answer = (
            Answer.objects.select_related("indicator__answer_type")
            .filter(report=report, indicator__key=data["indicator"])
            .first()
        )
        if answer is None:
            raise Http404
        answer.report = report
        region = None
        if data.get("region"):
            region = Region.objects.filter(code=data["region"]).first()
            if region is None:
                raise Http404
        organisations = [] if region is not None else list(partner_organisations())
        try:
            raw = serializer.as_raw(answer.indicator)
            content, _regions = answer_input_clean(
                answer=answer,
                raw=raw,
                organisation_codes=perspective_codes(organisations),
                regions=(),
            )
            proposal = proposal_make(
                answer=answer,
                user=request_user(request),
                content=content,
                explanation=data["motivation"],
                base_revision=data.get("revision", answer.revision),
                region=region,
                mentioned=perspectives_mentioned(raw),
            )
        except AnswerInvalid as exc:
            return _invalid(exc)
        except ReportError as exc:
            return _not_possible(exc)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalAcceptSerializer, responses={200: ProposalSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"voorstellen/(?P<proposal>[0-9]+)/aannemen",
        url_name="proposal-accept",
    )
    def proposal_accept(self, request: Request, pk: str, proposal: str) -> Response:
        """Accept a proposal (the rapporteur): the answer takes the proposed value, and its
        history names both people. `revision` is the answer's revision you decided on; when
        the answer changed since, 409 with the current answer, and nothing changes."""
        report = self.get_object()
        self._require_proposal_writer(report)
        serializer = ProposalAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = self._proposal(report, proposal)
        try:
            accepted = proposal_accept(
                proposal=found,
                user=request_user(request),
                seen_revision=serializer.validated_data["revision"],
            )
        except EditConflict as exc:
            return problem(
                status_code=status.HTTP_409_CONFLICT,
                title=_("Changed in the meantime"),
                detail=str(exc),
                extra={"current": exc.current, "revision": exc.revision},
            )
        except ReportError as exc:
            return _not_possible(exc)
        return Response(ProposalSerializer(accepted).data)

    @extend_schema(request=ProposalDeclineSerializer, responses={200: ProposalSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"voorstellen/(?P<proposal>[0-9]+)/afwijzen",
        url_name="proposal-decline",
    )
    def proposal_decline(self, request: Request, pk: str, proposal: str) -> Response:
        """Decline a proposal with a reason (the rapporteur)."""
        report = self.get_object()
        self._require_proposal_writer(report)
        serializer = ProposalDeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = self._proposal(report, proposal)
        try:
            declined = proposal_decline(
                proposal=found,
                user=request_user(request),
                reason=serializer.validated_data["reason"],
            )
        except ReportError as exc:
            return _not_possible(exc)
        return Response(ProposalSerializer(declined).data)
