from django.urls import path

from werkset.documents import synthesis_views

from .views import period, report, theme_assessment, trend

app_name = "comparison"
urlpatterns = [
    path("", period.index, name="index"),
    path("naast-elkaar/", period.side_by_side_view, name="side_by_side"),
    path("bandbreedte/", period.bandwidth_view, name="bandwidth"),
    path("bandbreedte/grafiek.svg", period.bandwidth_svg_view, name="bandwidth_svg"),
    path("groepen/", period.groups_view, name="groups"),
    path("volwassenheid/", period.maturity_view, name="maturity"),
    path("toetsingskader/", period.toetsingskader_view, name="toetsingskader"),
    path("knelpunten/", period.bottlenecks_view, name="bottlenecks"),
    path("verloop/", trend.over_time_view, name="over_time"),
    path("synthese/", synthesis_views.synthesis_request_view, name="synthesis_request"),
    path("synthese/<int:document_id>/", synthesis_views.synthesis_detail, name="synthesis"),
    path(
        "synthese/<int:document_id>/status/",
        synthesis_views.synthesis_status,
        name="synthesis_status",
    ),
    path(
        "synthese/<int:document_id>/downloaden/",
        synthesis_views.synthesis_download,
        name="synthesis_download",
    ),
    path(
        "rapportages/<int:report_id>/volwassenheid/",
        report.report_assessment_view,
        name="report_assessment",
    ),
    path(
        "rapportages/<int:report_id>/thema/<slug:theme_key>/beoordeling/",
        theme_assessment.theme_assessment_view,
        name="theme_assessment",
    ),
    path(
        "rapportages/<int:report_id>/knelpunten/",
        report.report_bottlenecks_view,
        name="report_bottlenecks",
    ),
]
