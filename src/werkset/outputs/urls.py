from django.urls import path

from . import views

app_name = "outputs"
urlpatterns = [
    path("<int:report_id>/download/<slug:fmt>/", views.report_download, name="download"),
    path("<int:report_id>/afdrukken/", views.report_print, name="print"),
    path("<int:report_id>/werkmap/", views.report_workbook_upload, name="upload"),
]
