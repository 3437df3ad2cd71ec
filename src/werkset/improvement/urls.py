from django.urls import path

from . import views

app_name = "improvement"
urlpatterns = [
    path("", views.index, name="index"),
    path("verbeterpunt/<int:point_id>/", views.point_detail, name="point"),
    path("verbeterpunt/<int:point_id>/starten/", views.point_start, name="point_start"),
    path("verbeterpunt/<int:point_id>/actie/", views.action_add_view, name="action_add"),
    path(
        "verbeterpunt/<int:point_id>/actie/<int:action_id>/<slug:name>/",
        views.action_transition_view,
        name="action_transition",
    ),
    path("verbeterpunt/<int:point_id>/evaluatie/", views.evaluation_add, name="evaluation_add"),
    path("verbeterpunt/<int:point_id>/besluit/", views.decision_add, name="decision_add"),
    path("swot/<int:entry_id>/verwijderen/", views.swot_delete, name="swot_delete"),
    path("audit/<int:audit_id>/", views.audit_detail, name="audit"),
    path("audit/<int:audit_id>/stap/<slug:name>/", views.audit_transition, name="audit_transition"),
    path("audit/<int:audit_id>/bevinding/", views.finding_add_view, name="finding_add"),
    path(
        "audit/<int:audit_id>/bevinding/<int:finding_id>/reactie/",
        views.finding_respond_view,
        name="finding_respond",
    ),
    path("audit/<int:audit_id>/conclusie/", views.audit_conclude, name="audit_conclude"),
    path("audit/<int:audit_id>/reactie/", views.audit_respond, name="audit_respond"),
    path("netwerk/<slug:network>/", views.network_view, name="network"),
    path("netwerk/<slug:network>/audit-aanvragen/", views.audit_invite, name="audit_invite"),
    path("netwerk/<slug:network>/<slug:theme_key>/", views.theme_view, name="theme"),
    path("netwerk/<slug:network>/<slug:theme_key>/swot/", views.swot_view, name="swot"),
    path(
        "netwerk/<slug:network>/<slug:theme_key>/verbeterpunt/nieuw/",
        views.point_add,
        name="point_add",
    ),
]
