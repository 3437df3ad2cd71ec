"""Single sign-on with the organisation's own identity provider (OpenID Connect).

Off unless WERKSET_OIDC_ENABLED is set. Accounts are matched on the provider's `sub`,
never on an e-mail address; roles can come from a claim and are then kept in step at every
log-in through the same audited services as in the admin. The second log-in step of
werkset still applies to the roles that need it. A failed log-in or an error of the provider
ends on the log-in page with a message; log-out can end the session at the provider too.
"""

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from .models import User
from .services import RoleClaim, roles_sync_from_claims, user_create_from_claims

logger = logging.getLogger(__name__)

# Roles claimed with a region or network code after a colon.
SCOPED_CLAIM_ROLES = {"rapporteur", "netwerklid", "vaststeller", "coordinator"}

# Where mozilla-django-oidc keeps the id token (OIDC_STORE_ID_TOKEN) in the session.
ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret)

# What can go wrong between werkset and the provider: unreachable, an error answer (such as
# 401 for a wrong client secret), or a token or answer that does not check out.
PROVIDER_ERRORS: tuple[type[Exception], ...] = (
    requests.RequestException,
    SuspiciousOperation,
    jwt.PyJWTError,
    ValueError,
    KeyError,
    TypeError,
)


def role_claims_parse(values: Any) -> set[RoleClaim]:
    """Read a roles claim: "rapporteur:<region code>", "netwerklid:<network code>",
    "vaststeller:<network code>", "coordinator:<network code>", "landelijk", "beheerder".
    What is unknown or not allowed is left out (and logged)."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        return set()
    allowed = set(settings.WERKSET_OIDC_ALLOWED_ROLES)
    wanted: set[RoleClaim] = set()
    for value in values:
        role, _separator, scope = str(value).strip().partition(":")
        if role not in allowed:
            logger.warning("OIDC-rol genegeerd (niet toegestaan): %s", value)
            continue
        if role in SCOPED_CLAIM_ROLES and not scope:
            logger.warning("OIDC-rol genegeerd (regio of netwerk ontbreekt): %s", value)
            continue
        wanted.add(
            RoleClaim(
                role=role,
                scope=scope if role in SCOPED_CLAIM_ROLES else "",
            )
        )
    return wanted


class WerksetOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        subject = claims.get("sub")
        if not subject:
            return User.objects.none()
        return User.objects.filter(oidc_subject=str(subject), is_active=True)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def create_user(self, claims: dict[str, Any]) -> User:
        if not settings.WERKSET_OIDC_CREATE_USERS:
            raise SuspiciousOperation("Onbekend account bij single sign-on")
        user = user_create_from_claims(
            subject=str(claims["sub"]),
            username=str(claims.get(settings.WERKSET_OIDC_USERNAME_CLAIM or "") or claims["sub"]),
            first_name=str(claims.get("given_name", "")),
            last_name=str(claims.get("family_name", "")),
            email=str(claims.get("email", "")),
        )
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        claim = settings.WERKSET_OIDC_ROLES_CLAIM
        if claim and claim in claims:
            roles_sync_from_claims(
                user=user,
                wanted=role_claims_parse(claims[claim]),
                managed_roles=set(settings.WERKSET_OIDC_ALLOWED_ROLES),
            )
        return user


def provider_error_description(error: Exception) -> str:
    """What the log may say about a provider error: never the answer's body, a token or the
    client secret (a token error's text repeats the provider's answer)."""
    if isinstance(error, requests.RequestException):
        response = getattr(error, "response", None)
        status = getattr(response, "status_code", None)
        return f"{type(error).__name__} (HTTP {status})" if status else type(error).__name__
    if isinstance(error, SuspiciousOperation | jwt.PyJWTError):
        return f"{type(error).__name__}: {str(error)[:200]}"
    return type(error).__name__


class WerksetOIDCCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: a failed, cancelled or broken log-in ends on werkset's log-in
    page with a message, never on an error page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error"):
            logger.info(
                "Inloggen met single sign-on afgebroken door de provider: %r",
                request.GET["error"][:100],
            )
        try:
            response: HttpResponse = super().get(request)
        except PROVIDER_ERRORS as error:
            logger.warning(
                "Inloggen met single sign-on mislukt: %s", provider_error_description(error)
            )
            return self.login_failure()
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Logging in with %(provider)s did not work. Try again, or log in with your "
                "user name and password. Is your account not yet linked to werkset? Ask the "
                "administrator."
            )
            % {"provider": settings.WERKSET_OIDC_LABEL},
        )
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


def end_session_url(request: HttpRequest, *, id_token: str) -> str:
    """The provider's end-session endpoint (RP-initiated logout), back to werkset's log-in
    page afterwards; "" when no endpoint is set or the person did not log in there."""
    endpoint = settings.WERKSET_OIDC_END_SESSION_ENDPOINT
    if not (settings.WERKSET_OIDC_ENABLED and endpoint and id_token):
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
