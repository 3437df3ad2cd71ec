"""Single sign-on with the organisation's own identity provider (OpenID Connect).

Off unless WERKSET_OIDC_ENABLED is set. Accounts are matched on the provider's `sub`,
never on an e-mail address; roles can come from a claim and are then kept in step at every
log-in through the same audited services as in the admin. The second log-in step of
werkset still applies to the roles that need it.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User
from .services import RoleClaim, roles_sync_from_claims, user_create_from_claims

logger = logging.getLogger(__name__)


def role_claims_parse(values: Any) -> set[RoleClaim]:
    """Read a roles claim: "rapporteur:<region code>", "netwerklid:<network code>",
    "landelijk", "beheerder". What is unknown or not allowed is left out (and logged)."""
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
        if role in {"rapporteur", "netwerklid"} and not scope:
            logger.warning("OIDC-rol genegeerd (regio of netwerk ontbreekt): %s", value)
            continue
        wanted.add(
            RoleClaim(role=role, scope=scope if role in {"rapporteur", "netwerklid"} else "")
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
