from django.urls import path

from . import views

app_name = "knowledge"
urlpatterns = [
    path("", views.search, name="search"),
    path(
        "verbeterpunt/<int:point_id>/inspiratie/",
        views.inspiration_add_view,
        name="inspiration_add",
    ),
    path(
        "verbeterpunt/<int:point_id>/inspiratie/<int:inspiration_id>/ontkoppelen/",
        views.inspiration_remove_view,
        name="inspiration_remove",
    ),
]
