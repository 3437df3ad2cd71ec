from django.urls import path

from . import views

app_name = "comparison"
urlpatterns = [
    path("", views.index, name="index"),
    path("naast-elkaar/", views.side_by_side_view, name="side_by_side"),
    path("bandbreedte/", views.bandwidth_view, name="bandwidth"),
    path("bandbreedte/grafiek.svg", views.bandwidth_svg_view, name="bandwidth_svg"),
    path("groepen/", views.groups_view, name="groups"),
    path("volwassenheid/", views.maturity_view, name="maturity"),
    path("toetsingskader/", views.toetsingskader_view, name="toetsingskader"),
    path("knelpunten/", views.bottlenecks_view, name="bottlenecks"),
    path("verloop/", views.over_time_view, name="over_time"),
    path(
        "rapportages/<int:report_id>/volwassenheid/",
        views.report_assessment_view,
        name="report_assessment",
    ),
    path(
        "rapportages/<int:report_id>/knelpunten/",
        views.report_bottlenecks_view,
        name="report_bottlenecks",
    ),
]
