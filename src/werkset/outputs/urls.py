from django.urls import path

from . import views

app_name = "outputs"
urlpatterns = [
    path("<int:report_id>/download/<slug:fmt>/", views.report_download, name="download"),
    path("<int:report_id>/afdrukken/", views.report_print, name="print"),
    path("<int:report_id>/werkmap/", views.report_workbook_upload, name="upload"),
    path(
        "<int:report_id>/werkmap/<int:import_id>/",
        views.workbook_import_detail,
        name="import_detail",
    ),
    path(
        "<int:report_id>/werkmap/<int:import_id>/status/",
        views.workbook_import_status,
        name="import_status",
    ),
]
