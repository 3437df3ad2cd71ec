from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.register("catalogusversies", views.CatalogueVersionViewSet, basename="catalogusversie")
router.register("regios", views.RegionViewSet, basename="regio")
router.register("rapportages", views.ReportViewSet, basename="rapportage")

app_name = "api"
urlpatterns = [
    # The description of the API is for people with an account, as the API itself is.
    path(
        "schema/",
        SpectacularAPIView.as_view(api_version="v1", permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    path(
        "docs/",
        # Redoc starts itself with an inline script and draws with inline styles and workers.
        login_required(
            csp_update(
                {
                    "script-src": ["'unsafe-inline'"],
                    "style-src": ["'unsafe-inline'"],
                    "worker-src": ["blob:"],
                }
            )(SpectacularRedocView.as_view(url_name="api:schema"))
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
