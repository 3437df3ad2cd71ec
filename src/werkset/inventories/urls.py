from django.urls import path

from . import views

app_name = "inventories"

urlpatterns = [
    path("", views.inventory_index, name="index"),
    path("<slug:slug>/", views.inventory_detail, name="detail"),
    path("<slug:slug>/export.<str:fmt>", views.inventory_export, name="export"),
    path("<slug:slug>/onderzoekers/", views.inventory_researcher, name="researcher"),
    path("<slug:slug>/regios/<slug:code>/", views.inventory_region, name="region"),
]
