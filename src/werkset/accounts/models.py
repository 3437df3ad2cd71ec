"""People and their roles, each role scoped to a region, a network or the whole country."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Organisation, Region, RegionalNetwork


class User(AbstractUser):
    """A professional of a partner organisation; never a person from a case."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    oidc_subject = models.CharField(
        _("single sign-on identity"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The 'sub' of the organisation's identity provider (OpenID Connect)."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        """How the product names this user to others: the full name, else the username."""
        return self.get_full_name() or self.get_username()


class Role(models.TextChoices):
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    NETWERKLID = "netwerklid", _("Network member")
    # The network's chair or secretary: records the network's decision on a report (issue 19).
    VASTSTELLER = "vaststeller", _("Network chair or secretary")
    # Manages the accounts of the network's people in werkset (issue 21): invites them,
    # deactivates and reactivates them, resets their second step (accounts/policy.py).
    COORDINATOR = "coordinator", _("Network coordinator")
    LANDELIJK = "landelijk", _("National network")
    BEHEERDER = "beheerder", _("Administrator")


ROLE_DESCRIPTIONS = {
    Role.RAPPORTEUR: _("Writes the report of a regional network or of one of its regions."),
    Role.NETWERKLID: _(
        "Member of a Regionaal Netwerk Zorg-Straf: reads the concept reports of the "
        "network's regions and comments on them."
    ),
    Role.VASTSTELLER: _(
        "Chair or secretary of a Regionaal Netwerk Zorg-Straf: records the network's decision "
        "on a report put to it (vaststellen), or sends it back with reasons."
    ),
    Role.COORDINATOR: _(
        "Coordinator of a Regionaal Netwerk Zorg-Straf: invites the network's people to "
        "werkset and manages their accounts."
    ),
    Role.LANDELIJK: _(
        "Landelijk Netwerk Zorg-Straf: reads every finalised report and the comparisons."
    ),
    Role.BEHEERDER: _("Manages accounts, roles and the catalogue."),
}


def role_description(role: str) -> str:
    return str(ROLE_DESCRIPTIONS.get(Role(role), "")) if role in Role.values else ""


class RoleAssignment(models.Model):
    """A role of a user, scoped as the role requires (checked in the database too)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["role", "region__position", "network__position"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                violation_error_message=_(
                    "The role does not fit its scope: a rapporteur needs a region or a "
                    "regional network, a network member a regional network, and the national "
                    "roles neither."
                ),
                condition=(
                    Q(role=Role.RAPPORTEUR, region__isnull=False, network__isnull=True)
                    | Q(role=Role.RAPPORTEUR, region__isnull=True, network__isnull=False)
                    | Q(
                        role__in=[Role.NETWERKLID, Role.VASTSTELLER, Role.COORDINATOR],
                        region__isnull=True,
                        network__isnull=False,
                    )
                    | Q(
                        role__in=[Role.LANDELIJK, Role.BEHEERDER],
                        region__isnull=True,
                        network__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(role=Role.RAPPORTEUR),
                name="unique_rapporteur_per_region",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(role=Role.NETWERKLID),
                name="unique_netwerklid_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(role=Role.VASTSTELLER),
                name="unique_vaststeller_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(role=Role.COORDINATOR),
                name="unique_coordinator_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(role=Role.RAPPORTEUR, network__isnull=False),
                name="unique_rapporteur_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=[Role.LANDELIJK, Role.BEHEERDER]),
                name="unique_national_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region or self.network
        label = self.get_role_display()
        return f"{label} ({scope})" if scope else str(label)


# Roles scoped to a regional network (a rapporteur may be scoped to one too, or to a region).
NETWORK_ROLES = (Role.NETWERKLID, Role.VASTSTELLER, Role.COORDINATOR)


class Invitation(models.Model):
    """An invitation by e-mail: a single-use link to set a password, which expires.

    Only a hash of the link's token is stored. Accepting it makes the account, with the
    role it names (accounts/invitations.py)."""

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email

    @property
    def scope_network_id(self) -> int | None:
        """The network the invitation belongs to (a region's own network)."""
        if self.network_id is not None:
            return int(self.network_id)
        return int(self.region.network_id) if self.region is not None else None
