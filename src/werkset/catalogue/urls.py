from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.catalogue_index, name="index"),
    path("<slug:slug>/", views.catalogue_version_detail, name="version"),
    path("<slug:slug>/inleiding/", views.catalogue_version_framing, name="framing"),
    path("<slug:slug>/<slug:theme_key>/", views.catalogue_theme_detail, name="theme"),
]
