from django.contrib import admin
from django.urls import include, path

from werkset.accounts import views as account_views
from werkset.api import token_views as api_token_views
from werkset.core import health
from werkset.core import views as core_views
from werkset.privacy import views as privacy_views
from werkset.reports import workflow_views as report_workspaces

handler400 = "werkset.core.views.bad_request"
handler403 = "werkset.core.views.permission_denied"
handler404 = "werkset.core.views.page_not_found"
handler500 = "werkset.core.views.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", core_views.home, name="home"),
    path("inloggen/", account_views.WerksetLoginView.as_view(), name="login"),
    path("uitloggen/", account_views.WerksetLogoutView.as_view(), name="logout"),
    path("", include("werkset.accounts.urls")),
    path("privacy/", core_views.privacy_statement, name="privacy"),
    path("toegankelijkheid/", core_views.accessibility_statement, name="accessibility"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("catalogus/", include("werkset.catalogue.urls")),
    path("regios/", include("werkset.regions.urls")),
    path("regios/<slug:code>/", report_workspaces.region_workspace, name="region_workspace"),
    path("netwerken/<slug:code>/", report_workspaces.network_workspace, name="network_workspace"),
    path("vergelijken/", include("werkset.comparison.urls")),
    path("inventarisaties/", include("werkset.inventories.urls")),
    path("verbeteren/", include("werkset.improvement.urls")),
    path("kennisbank/", include("werkset.knowledge.urls")),
    path("actieoverleg/", include("werkset.register.urls")),
    path("meldingen/", include("werkset.notifications.urls")),
    path("rapportages/", include("werkset.reports.urls")),
    path("rondes/", include("werkset.rounds.urls")),
    path("rapportages/", include("werkset.outputs.urls")),
    path("rapportages/", include("werkset.documents.urls")),
    path(
        "rapportages/<int:report_id>/privacy/",
        privacy_views.privacy_clear,
        name="privacy_clear",
    ),
    path("api/", include("werkset.api.urls")),
    path("account/api-tokens/", api_token_views.token_list, name="api_tokens"),
    path(
        "account/api-tokens/<int:token_id>/intrekken/",
        api_token_views.token_revoke,
        name="api_token_revoke",
    ),
    path("beheer/", admin.site.urls),
]
