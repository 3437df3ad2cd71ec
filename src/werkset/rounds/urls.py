from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_index, name="index"),
    path("stand/", views.round_matrix, name="matrix"),
    path("stand/export.csv", views.round_matrix_export, name="matrix_export"),
    path("<int:round_id>/deadline/", views.round_deadline_view, name="deadline"),
    path("<int:round_id>/<slug:name>/", views.round_transition_view, name="transition"),
]
