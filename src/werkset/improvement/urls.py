from django.urls import path

from .views import audits, cycle, overview, swot

app_name = "improvement"
urlpatterns = [
    path("", overview.index, name="index"),
    path("verbeterpunt/<int:point_id>/", cycle.point_detail, name="point"),
    path("verbeterpunt/<int:point_id>/starten/", cycle.point_start, name="point_start"),
    path("verbeterpunt/<int:point_id>/actie/", cycle.action_add_view, name="action_add"),
    path(
        "verbeterpunt/<int:point_id>/actie/<int:action_id>/<slug:name>/",
        cycle.action_transition_view,
        name="action_transition",
    ),
    path("verbeterpunt/<int:point_id>/evaluatie/", cycle.evaluation_add, name="evaluation_add"),
    path("verbeterpunt/<int:point_id>/besluit/", cycle.decision_add, name="decision_add"),
    path("swot/<int:entry_id>/verwijderen/", swot.swot_delete, name="swot_delete"),
    path("audit/<int:audit_id>/", audits.audit_detail, name="audit"),
    path(
        "audit/<int:audit_id>/stap/<slug:name>/", audits.audit_transition, name="audit_transition"
    ),
    path("audit/<int:audit_id>/bevinding/", audits.finding_add_view, name="finding_add"),
    path(
        "audit/<int:audit_id>/bevinding/<int:finding_id>/reactie/",
        audits.finding_respond_view,
        name="finding_respond",
    ),
    path("audit/<int:audit_id>/conclusie/", audits.audit_conclude, name="audit_conclude"),
    path("audit/<int:audit_id>/reactie/", audits.audit_respond, name="audit_respond"),
    path("netwerk/<slug:network>/", overview.network_view, name="network"),
    path("netwerk/<slug:network>/audit-aanvragen/", audits.audit_invite, name="audit_invite"),
    path("netwerk/<slug:network>/<slug:theme_key>/", overview.theme_view, name="theme"),
    path("netwerk/<slug:network>/<slug:theme_key>/swot/", swot.swot_view, name="swot"),
    path(
        "netwerk/<slug:network>/<slug:theme_key>/verbeterpunt/nieuw/",
        cycle.point_add,
        name="point_add",
    ),
]
