from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path(
        "<int:report_id>/documenten/<int:document_id>/",
        views.document_detail,
        name="detail",
    ),
    path(
        "<int:report_id>/documenten/<int:document_id>/status/",
        views.document_status,
        name="status",
    ),
    path(
        "<int:report_id>/documenten/<int:document_id>/downloaden/",
        views.document_download,
        name="download",
    ),
    # After the numeric patterns: a format is never a number.
    path("<int:report_id>/documenten/<slug:fmt>/", views.document_request_view, name="request"),
]
