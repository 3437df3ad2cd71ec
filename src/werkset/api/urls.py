"""The API's URLs: /api/v1 and below, without trailing slashes (Dutch API Design Rules, API-48).

A path with a trailing slash is not redirected: it is unknown and answers a 404 problem.
"""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView, SpectacularRedocView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from . import views
from .inventory_views import InventoryViewSet

router = DefaultRouter(trailing_slash=False)
# The root is /api/v1 itself (below), not /api/v1/.
router.include_root_view = False
router.register("catalogusversies", views.CatalogueVersionViewSet, basename="catalogusversie")
router.register("regios", views.RegionViewSet, basename="regio")
router.register("rapportages", views.ReportViewSet, basename="rapportage")
router.register("inventarisaties", InventoryViewSet, basename="inventarisatie")

# The description of the API is for people with an account, as the API itself is.
version_1 = [
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="openapi",
    ),
    path(
        "schema",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    path(
        "docs",
        # Redoc starts itself with an inline script and draws with inline styles and workers.
        login_required(
            csp_update(
                {
                    "script-src": ["'unsafe-inline'"],
                    "style-src": ["'unsafe-inline'"],
                    "worker-src": ["blob:"],
                }
            )(SpectacularRedocView.as_view(url_name="api:openapi"))
        ),
        name="docs",
    ),
    *router.urls,
]

app_name = "api"
urlpatterns = [
    path("v1", router.get_api_root_view(), name="api-root"),
    path("v1/", include(version_1)),
]
