from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/sso/", views.oidc_start, name="oidc_start"),
    path("inloggen/sso/terug/", views.oidc_callback, name="oidc_callback"),
    path("inloggen/tweede-stap/", views.two_factor_verify_view, name="two_factor_verify"),
    path("account/beveiliging/", views.two_factor_overview, name="two_factor"),
    path("account/beveiliging/app-koppelen/", views.two_factor_setup_view, name="two_factor_setup"),
    path("account/beveiliging/herstelcodes/", views.two_factor_codes, name="two_factor_codes"),
    path(
        "account/beveiliging/uitzetten/", views.two_factor_disable_view, name="two_factor_disable"
    ),
]
