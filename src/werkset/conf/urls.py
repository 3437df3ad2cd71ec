from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from werkset.core import views as core_views
from werkset.reports import views as report_views

handler403 = "werkset.core.views.permission_denied"
handler404 = "werkset.core.views.page_not_found"
handler500 = "werkset.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("catalogus/", include("werkset.catalogue.urls")),
    path("regios/", include("werkset.regions.urls")),
    path("regios/<slug:code>/", report_views.region_workspace, name="region_workspace"),
    path("rapportages/", include("werkset.reports.urls")),
    path("beheer/", admin.site.urls),
]
