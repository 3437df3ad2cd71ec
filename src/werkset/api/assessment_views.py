"""A report's assessments in the API (ADR 22): `/rapportages/{id}/beoordelingen`, read
with the same selectors as the theme pages and for whoever may see the report (the
viewset's get_object: reports_visible, a 404 otherwise)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from werkset.comparison.models import MaturityLevel
from werkset.comparison.selectors.bottlenecks import report_codes
from werkset.comparison.selectors.report_assessment import report_assessments
from werkset.reports.models import Report

from .assessment_serializers import AssessmentsSerializer


def _state(given: bool, reason: str) -> str:
    if given:
        return "beoordeeld"
    return "niet_beoordeeld" if reason else "ontbreekt"


def assessments_document(report: Report) -> dict[str, Any]:
    themes = report_assessments(report=report)
    maturity = []
    for item in themes:
        if not item.asks_maturity:
            continue
        found = item.maturity
        level = found.level if found else None
        reason = found.not_assessed_reason if found else ""
        maturity.append(
            {
                "theme": item.theme.key,
                "state": _state(level is not None, reason),
                "level": level,
                "level_label": str(MaturityLevel(level).label) if level else "",
                "motivation": found.motivation if found else "",
                "not_assessed_reason": reason,
            }
        )
    criteria = next((item.criteria for item in themes if item.criteria), [])
    return {
        "complete": all(item.complete for item in themes),
        "maturity": maturity,
        "toetsingskader": [
            {
                "criterion": state.criterion.key,
                "title": str(state.criterion.title),
                "state": _state(
                    bool(state.answer and state.answer.verdict),
                    state.answer.not_assessed_reason if state.answer else "",
                ),
                "verdict": state.answer.verdict if state.answer else "",
                "explanation": state.answer.explanation if state.answer else "",
                "not_assessed_reason": state.answer.not_assessed_reason if state.answer else "",
            }
            for state in criteria
        ],
        "bottleneck_codes": [
            {"indicator": code.indicator, "code": code.code, "category": code.category}
            for code in report_codes(report=report)
        ],
    }


class AssessmentActions:
    """Mixed into the reports' viewset (api/views.py), whose get_object gives a visible
    report (404 otherwise)."""

    get_object: Any

    @extend_schema(
        responses={200: AssessmentsSerializer}, operation_id="rapportages_beoordelingen_retrieve"
    )
    @action(detail=True, methods=["get"], url_path="beoordelingen", url_name="assessments")
    def assessments(self, request: Request, pk: str) -> Response:
        """The report's assessments: maturity per theme, the toetsingskader and the
        bottleneck codes of its answers; "niet beoordeeld" always with its reason."""
        report: Report = self.get_object()
        return Response(AssessmentsSerializer(assessments_document(report)).data)
