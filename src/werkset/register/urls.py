from django.urls import path

from . import views

app_name = "register"
urlpatterns = [
    path("", views.index, name="index"),
    path("regio/<slug:code>/", views.region_view, name="region"),
    path("regio/<slug:code>/overleg/nieuw/", views.meeting_add, name="meeting_add"),
    path("overleg/<int:meeting_id>/", views.meeting_view, name="meeting"),
    path("overleg/<int:meeting_id>/casus/", views.case_add, name="case_add"),
    path(
        "overleg/<int:meeting_id>/casus/<int:case_id>/actie/",
        views.action_add,
        name="action_add",
    ),
    path(
        "overleg/<int:meeting_id>/actie/<int:action_id>/uitgevoerd/",
        views.action_done,
        name="action_done",
    ),
    path("rapportage/<int:report_id>/overnemen/", views.proposal_accept, name="proposal_accept"),
]
