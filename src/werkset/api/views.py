"""The REST API under /api/v1: reads within the user's scope, writes for the rapporteur."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from werkset.accounts.scope import request_user, scope_for_request
from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.selectors import catalogue_version_document
from werkset.regions.models import Region
from werkset.reports.answers import AnswerInvalid, answer_input_clean
from werkset.reports.models import Answer, Report
from werkset.reports.policy import (
    perspective_codes,
    perspectives_mentioned,
    report_may_decide,
    report_may_withdraw,
    report_may_write,
)
from werkset.reports.selectors import (
    network_regions,
    partner_organisations,
    report_removed,
    reports_visible,
)
from werkset.reports.services import (
    EditConflict,
    InputTooLong,
    ReportError,
    answer_save,
    report_start,
)
from werkset.reports.undo import report_remove, report_restore
from werkset.reports.workflow import Decision, report_correct, report_transition

from .assessment_views import AssessmentActions
from .exceptions import problem
from .proposal_views import ProposalActions
from .serializers import (
    AnswerSerializer,
    AnswerWriteSerializer,
    CatalogueVersionSerializer,
    CorrectionSerializer,
    DecisionSerializer,
    RegionSerializer,
    ReportDetailSerializer,
    ReportSerializer,
    ReportStartSerializer,
    SendBackSerializer,
    WithdrawSerializer,
)


class HasRole(permissions.BasePermission):
    """Signed in and holding at least one role; finer scope is checked per object."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated) and bool(
            scope_for_request(request).roles
        )


class CatalogueVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published catalogue versions; the detail is the whole instrument."""

    serializer_class = CatalogueVersionSerializer
    permission_classes = [HasRole]
    lookup_field = "slug"
    queryset = (
        CatalogueVersion.objects.select_related("continues")
        .annotate(indicator_count=Count("indicators"))
        .order_by("published_on", "slug")
    )

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(catalogue_version_document(version=self.get_object()))


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The 25 Actieoverleg regions with their regional network."""

    serializer_class = RegionSerializer
    permission_classes = [HasRole]
    lookup_field = "code"
    pagination_class = None
    queryset = Region.objects.select_related("network").prefetch_related("veilig_thuis_regions")


def _problem_from_report_error(exc: ReportError) -> Response:
    """409: the report's state refuses; a text over its limit is invalid input instead."""
    if isinstance(exc, InputTooLong):
        return problem(
            status_code=status.HTTP_400_BAD_REQUEST, title=_("Invalid input"), detail=str(exc)
        )
    return problem(
        status_code=status.HTTP_409_CONFLICT, title=_("Not possible now"), detail=str(exc)
    )


LIST_FIELDS = (
    "id",
    "period",
    "number",
    "status",
    "corrects_id",
    "correction_reason",
    "created_at",
    "finalised_at",
    "withdrawn_at",
    "withdrawal_reason",
    "region__code",
    "network__code",
    "catalogue_version__slug",
)


@extend_schema_view(
    # The filters belong to the list only, not to every operation on a report.
    list=extend_schema(
        parameters=[
            OpenApiParameter("regio", str, description="Region code"),
            OpenApiParameter("netwerk", str, description="Regional network code"),
            OpenApiParameter("periode", str, description="Period, e.g. 2025 or 2025-H1"),
            OpenApiParameter(
                "status",
                str,
                enum=["concept", "ter_bespreking", "voorgelegd", "vastgesteld", "ingetrokken"],
            ),
        ]
    )
)
class ReportViewSet(
    AssessmentActions,
    ProposalActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Reports the user may see: finalised ones, and work in progress of the own region."""

    permission_classes = [HasRole]

    def get_queryset(self) -> QuerySet[Report]:
        reports = reports_visible(scope=scope_for_request(self.request)).order_by(
            "region__position", "-period", "-number"
        )
        params = self.request.query_params
        if params.get("regio"):
            reports = reports.filter(region__code=params["regio"])
        if params.get("netwerk"):
            reports = reports.filter(network__code=params["netwerk"])
        if params.get("periode"):
            reports = reports.filter(period=params["periode"])
        if params.get("status"):
            reports = reports.filter(status=params["status"])
        if self.action == "retrieve":
            answers = Answer.objects.select_related("indicator__answer_type").order_by(
                "indicator__position"
            )
            reports = reports.prefetch_related(
                Prefetch("answers", queryset=answers), "status_changes"
            )
        elif self.action == "list":
            # The list shows the region's code and the version's slug only: not the whole
            # catalogue version (its JSON introduction decoded fifty times) and network.
            reports = (
                reports.select_related(None)
                .select_related("region", "network", "catalogue_version")
                .only(*LIST_FIELDS)
            )
        return reports

    def get_serializer_class(self) -> type:
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    @extend_schema(request=ReportStartSerializer, responses={201: ReportSerializer})
    def create(self, request: Request) -> Response:
        """Start a report (rapporteur of the region)."""
        serializer = ReportStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        start_from = self._start_from(data.get("start_from"))
        try:
            report = report_start(
                region=data.get("region"),
                network=data.get("network"),
                period=data["period"],
                catalogue_version=data.get("catalogue_version"),
                user=request_user(request),
                start_from=start_from,
            )
        except ReportError as exc:
            return _problem_from_report_error(exc)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    def _start_from(self, report_id: int | None) -> Report | None:
        """The report to carry answers over from, if the user may see it. One that does not
        exist and one out of sight answer alike (404), so the API does not tell them apart."""
        if report_id is None:
            return None
        visible = reports_visible(scope=scope_for_request(self.request))
        report = visible.filter(pk=report_id).first()
        if report is None:
            raise NotFound(_("There is no report with this number that you may see."))
        return report

    def _require_decider(self) -> None:
        """A report out of sight is a 404, one this user may not decide on a 403, before the
        body is read."""
        if not report_may_decide(scope_for_request(self.request), self.get_object()):
            raise PermissionDenied(
                _(
                    "Only the chair or secretary of the network records its decision, and "
                    "never on a report they write themselves."
                )
            )

    def _transition(
        self,
        request: Request,
        name: str,
        *,
        note: str = "",
        decision: Decision | None = None,
    ) -> Response:
        try:
            report = report_transition(
                report=self.get_object(),
                name=name,
                user=request_user(request),
                note=note,
                decision=decision,
            )
        except ReportError as exc:
            return _problem_from_report_error(exc)
        return Response(ReportSerializer(report).data)

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="voorleggen")
    def submit(self, request: Request, pk: str) -> Response:
        """Concept → ter bespreking."""
        return self._transition(request, "submit")

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="terug-naar-concept")
    def reopen(self, request: Request, pk: str) -> Response:
        """Ter bespreking → concept."""
        return self._transition(request, "reopen")

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="ter-vaststelling")
    def put_forward(self, request: Request, pk: str) -> Response:
        """Ter bespreking → voorgelegd ter vaststelling (the rapporteur; every comment
        resolved, no uncleared personal data)."""
        return self._transition(request, "put_forward")

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="terugnemen")
    def take_back(self, request: Request, pk: str) -> Response:
        """Voorgelegd → ter bespreking (the rapporteur)."""
        return self._transition(request, "take_back")

    @extend_schema(request=SendBackSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="terugsturen")
    def send_back(self, request: Request, pk: str) -> Response:
        """Voorgelegd → ter bespreking, with reasons (the network's chair or secretary)."""
        self._require_decider()
        serializer = SendBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(request, "send_back", note=serializer.validated_data["reason"])

    @extend_schema(request=DecisionSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="vaststellen")
    def finalise(self, request: Request, pk: str) -> Response:
        """Voorgelegd → vastgesteld: the network's decision, recorded by its chair or
        secretary (never on a report they write)."""
        self._require_decider()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = Decision(
            decided_on=data["decided_on"], decided_by=data["decided_by"], note=data["note"]
        )
        return self._transition(request, "finalise", decision=decision)

    @extend_schema(request=CorrectionSerializer, responses={201: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="nieuwe-versie")
    def correct(self, request: Request, pk: str) -> Response:
        """A new version of a finalised report, to correct it, with the reason."""
        report = self.get_object()
        if not report_may_write(scope_for_request(request), report):
            raise PermissionDenied(_("Only the rapporteur of this report may change it."))
        serializer = CorrectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            new = report_correct(
                report=report,
                user=request_user(request),
                reason=serializer.validated_data["reason"],
            )
        except ReportError as exc:
            return _problem_from_report_error(exc)
        return Response(ReportSerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WithdrawSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="intrekken")
    def withdraw(self, request: Request, pk: str) -> Response:
        """Vastgesteld → ingetrokken, with the reason (the national role only): the report
        leaves every comparison and stays readable."""
        report = self.get_object()  # out of sight: 404, before the role is asked
        if not report_may_withdraw(scope_for_request(request), report):
            raise PermissionDenied(_("Only the national role withdraws a finalised report."))
        serializer = WithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(request, "withdraw", note=serializer.validated_data["reason"])

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"], url_path="verwijderen")
    def remove(self, request: Request, pk: str) -> Response:
        """Remove a concept (its rapporteur): kept and restorable for 30 days, then deleted."""
        try:
            report_remove(report=self.get_object(), user=request_user(request))
        except ReportError as exc:
            return _problem_from_report_error(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="terugzetten")
    def restore(self, request: Request, pk: str) -> Response:
        """Put a removed concept back (its rapporteur), unless a report started since
        stands in its place."""
        try:
            removed = report_removed(scope=scope_for_request(request), report_id=int(pk))
        except (Report.DoesNotExist, ValueError) as exc:
            raise NotFound(
                _("There is no removed report with this number that you may see.")
            ) from exc
        try:
            report = report_restore(report=removed, user=request_user(request))
        except ReportError as exc:
            return _problem_from_report_error(exc)
        return Response(ReportSerializer(report).data)

    def _answer(self, key: str) -> Answer:
        try:
            return Answer.objects.select_related("indicator__answer_type", "report__region").get(
                report=self.get_object(), indicator__key=key
            )
        except Answer.DoesNotExist as exc:
            raise Http404 from exc

    @extend_schema(
        methods=["GET"],
        responses={200: AnswerSerializer},
        operation_id="rapportages_antwoorden_retrieve",
    )
    @extend_schema(
        methods=["PUT"],
        request=AnswerWriteSerializer,
        responses={200: AnswerSerializer},
        operation_id="rapportages_antwoorden_update",
    )
    @action(
        detail=True,
        methods=["get", "put"],
        url_path=r"antwoorden/(?P<indicator>[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+)",
    )
    def answer(self, request: Request, pk: str, indicator: str) -> Response:
        """One answer, by indicator key. PUT needs the revision it starts from."""
        answer = self._answer(indicator)
        if request.method == "GET":
            return Response(AnswerSerializer(answer).data)
        serializer = AnswerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            raw = serializer.as_raw(answer.indicator)
            content, regions_mentioned = answer_input_clean(
                answer=answer,
                raw=raw,
                organisation_codes=perspective_codes(partner_organisations()),
                regions=network_regions(answer.report),
            )
            saved, _changed = answer_save(
                answer=answer,
                content=content,
                base_revision=serializer.validated_data["revision"],
                user=request_user(request),
                mentioned=perspectives_mentioned(raw),
                regions_mentioned=regions_mentioned,
            )
        except AnswerInvalid as exc:
            invalid_params = [
                {"name": name, "reason": " ".join(messages)}
                for name, messages in exc.errors.items()
            ]
            return problem(
                status_code=status.HTTP_400_BAD_REQUEST,
                title=_("Invalid answer"),
                extra={"invalid-params": invalid_params},
            )
        except EditConflict as exc:
            return problem(
                status_code=status.HTTP_409_CONFLICT,
                title=_("Changed in the meantime"),
                detail=str(exc),
                extra={"current": exc.current, "revision": exc.revision},
            )
        except ReportError as exc:
            return _problem_from_report_error(exc)
        saved.indicator = answer.indicator
        return Response(AnswerSerializer(saved).data)
