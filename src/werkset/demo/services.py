"""Demo data for trying werkset out: fictitious accounts, never for production."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.accounts.services import role_assign
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import Organisation, Region, RegionalNetwork

DEMO_REGION = "friesland"
DEMO_NETWORK = "noord-nederland"


class DemoRefused(Exception):
    """Demo data would be created where it does not belong, or before its ground."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    organisation: str | None
    first_name: str
    last_name: str


DEMO_ACCOUNTS = [
    DemoAccount("rapporteur", Role.RAPPORTEUR, "vt", "Demo", "Rapporteur (fictief)"),
    DemoAccount("netwerklid", Role.NETWERKLID, "om", "Demo", "Netwerklid (fictief)"),
    DemoAccount("landelijk", Role.LANDELIJK, "lnzs", "Demo", "Landelijk (fictief)"),
    DemoAccount("beheerder", Role.BEHEERDER, None, "Demo", "Beheerder (fictief)"),
]


def demo_password_generate() -> str:
    return secrets.token_urlsafe(12)


def demo_users_create(*, password: str) -> list[DemoLogin]:
    """Create (or reset) one account per role; running it twice gives the same accounts."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused(
            "Demogegevens worden niet aangemaakt onder productie-instellingen "
            "(WERKSET_ENVIRONMENT=production)."
        )
    region = Region.objects.filter(code=DEMO_REGION).select_related("network").first()
    network = RegionalNetwork.objects.filter(code=DEMO_NETWORK).first()
    if region is None or network is None:
        raise DemoRefused("Laad eerst de regio's: werkset regions load")
    organisations = {org.code: org for org in Organisation.objects.all()}

    logins: list[DemoLogin] = []
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=account.username)
            user.first_name = account.first_name
            user.last_name = account.last_name
            user.organisation = organisations.get(account.organisation or "")
            user.is_active = True
            user.set_password(password)
            user.save()
            scope_region = region if account.role == Role.RAPPORTEUR else None
            scope_network = network if account.role == Role.NETWERKLID else None
            already = RoleAssignment.objects.filter(
                user=user, role=account.role, region=scope_region, network=scope_network
            ).exists()
            if not already:
                role_assign(
                    user=user,
                    role=account.role,
                    region=scope_region,
                    network=scope_network,
                    assigned_by=None,
                )
            scope = scope_region or scope_network
            logins.append(
                DemoLogin(
                    username=account.username,
                    role=str(account.role.label),
                    scope=str(scope) if scope else "landelijk",
                )
            )
        audit_record(
            actor=None,
            action=AuditAction.DEMO_CREATED,
            summary="Demo-accounts aangemaakt of bijgewerkt",
            detail={"accounts": [login.username for login in logins]},
        )
    return logins
