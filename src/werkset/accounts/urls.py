from django.urls import path

from . import password_views, people_views, views

urlpatterns = [
    path("inloggen/sso/", views.oidc_start, name="oidc_start"),
    path("inloggen/sso/terug/", views.oidc_callback, name="oidc_callback"),
    path("inloggen/tweede-stap/", views.two_factor_verify_view, name="two_factor_verify"),
    path("account/", password_views.my_account, name="my_account"),
    path(
        "account/wachtwoord/",
        password_views.OwnPasswordChangeView.as_view(),
        name="password_change",
    ),
    path("account/beveiliging/", views.two_factor_overview, name="two_factor"),
    path("account/beveiliging/app-koppelen/", views.two_factor_setup_view, name="two_factor_setup"),
    path("account/beveiliging/herstelcodes/", views.two_factor_codes, name="two_factor_codes"),
    path(
        "account/beveiliging/uitzetten/", views.two_factor_disable_view, name="two_factor_disable"
    ),
    path(
        "wachtwoord-vergeten/",
        password_views.WerksetPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        password_views.WerksetPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        password_views.WerksetPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        password_views.WerksetPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "uitnodiging/<str:token>/",
        password_views.invitation_accept_view,
        name="invitation_accept",
    ),
    path("gebruikers/", people_views.people, name="people"),
    path("gebruikers/uitnodigen/", people_views.invite, name="invite"),
    path("gebruikers/uitnodigen/bestand/", people_views.invite_bulk, name="invite_bulk"),
    path("gebruikers/<int:user_id>/", people_views.person, name="person"),
    path(
        "gebruikers/uitnodigingen/<int:invitation_id>/intrekken/",
        people_views.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
    path(
        "gebruikers/<int:user_id>/rollen/toevoegen/",
        people_views.person_role_add_view,
        name="person_role_add",
    ),
    path(
        "gebruikers/<int:user_id>/rollen/<int:assignment_id>/intrekken/",
        people_views.person_role_revoke_view,
        name="person_role_revoke",
    ),
    path(
        "gebruikers/<int:user_id>/deactiveren/",
        people_views.person_deactivate,
        name="person_deactivate",
    ),
    path(
        "gebruikers/<int:user_id>/activeren/",
        people_views.person_reactivate,
        name="person_reactivate",
    ),
    path(
        "gebruikers/<int:user_id>/tweede-stap-herstellen/",
        people_views.person_two_factor_reset,
        name="person_two_factor_reset",
    ),
]
