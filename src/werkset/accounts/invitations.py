"""Inviting people by e-mail, one at a time or from a file, and accepting an invitation.

An invitation is a link with a random token, of which only the SHA-256 hash is stored; it
works once and for settings.WERKSET_INVITATION_DAYS days. Accepting it sets the password (Django's
validators), makes the active account and gives it the invitation's role through
role_assign. Who may invite whom with which role is decided in accounts/policy.py; the
services check it again. Every step is audited, and the mail leaves after the commit.
"""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.core.mail import absolute_url, mail_queue
from werkset.core.services import audit_record
from werkset.regions.models import Organisation, Region, RegionalNetwork

from .audit import AccountAuditAction
from .models import Invitation, Role, User
from .policy import may_grant, may_withdraw_invitation
from .scope import scope_for_user
from .services import role_assign, role_scope_validate

INVITATION_MAIL = "accounts/mail/invitation"


@dataclass(frozen=True)
class InvitationData:
    """What an invitation says about the person, as a form or a row of a file gives it."""

    email: str
    first_name: str
    last_name: str
    organisation: Organisation | None
    role: str
    region: Region | None = None
    network: RegionalNetwork | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def email_normalise(email: str) -> str:
    return email.strip().lower()


# The texts an invitation stores, with their labels; their limit is the column's length.
TEXT_FIELDS = {
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("E-mail address"),
}
# Line and paragraph separators act as line breaks; a name or address never holds one.
_BREAKS = {"\u2028", "\u2029"}


def text_max_length(field: str) -> int:
    """The stored column's length: more would not fit (PostgreSQL refuses it at the commit)."""
    return int(getattr(Invitation._meta.get_field(field), "max_length", None) or 0)


def text_problem(*, label: str, text: str, max_length: int) -> str:
    """The Dutch message for a text an invitation is made from, empty if it is fine: one
    rule for the form and for every cell of a file. A name or address holds no control
    characters (a NUL or a tab came in through files unnoticed)."""
    if len(text) > max_length:
        return _("%(field)s: at most %(limit)s characters, this one has %(length)s.") % {
            "field": label,
            "limit": max_length,
            "length": len(text),
        }
    if any(unicodedata.category(char) in ("Cc", "Cs") or char in _BREAKS for char in text):
        return _(
            "%(field)s: contains a control character (such as a tab or a line break); remove it."
        ) % {"field": label}
    return ""


def _texts_check(data: InvitationData) -> None:
    """Every text field's problem at once, each under its own field."""
    texts = {
        "first_name": data.first_name.strip(),
        "last_name": data.last_name.strip(),
        "email": email_normalise(data.email),
    }
    errors = {
        field: problem
        for field, label in TEXT_FIELDS.items()
        if (
            problem := text_problem(
                label=str(label), text=texts[field], max_length=text_max_length(field)
            )
        )
    }
    if errors:
        raise ValidationError(errors)


def invitation_check(*, data: InvitationData, invited_by: User) -> None:
    """Everything that makes an invitation impossible, as a ValidationError per field."""
    _texts_check(data)
    email = email_normalise(data.email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Enter an e-mail address such as naam@organisatie.nl.")}
        ) from None
    if not data.first_name.strip() or not data.last_name.strip():
        raise ValidationError({"last_name": _("Enter the first name and the last name.")})
    try:
        role_scope_validate(role=data.role, region=data.region, network=data.network)
    except ValidationError as error:
        raise ValidationError({"scope": error.messages}, code="scope") from error
    if not may_grant(
        scope_for_user(invited_by), role=data.role, region=data.region, network=data.network
    ):
        raise ValidationError(
            {"role": _("You may not give this role in this region or network.")},
            code="forbidden",
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("There is already an account with this e-mail address.")},
            code="exists",
        )


def invitation_create(
    *, data: InvitationData, invited_by: User, request: HttpRequest | None = None
) -> Invitation:
    """Record an invitation and mail its link after the commit. An open invitation for the
    same address stops working: the newest one counts."""
    invitation_check(data=data, invited_by=invited_by)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        email = email_normalise(data.email)
        Invitation.objects.select_for_update().filter(
            email=email, accepted_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        invitation = Invitation.objects.create(
            email=email,
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            organisation=data.organisation,
            role=data.role,
            region=data.region,
            network=data.network,
            token_hash=token_hash(token),
            expires_at=now + timedelta(days=settings.WERKSET_INVITATION_DAYS),
            invited_by=invited_by,
        )
        scope = data.region or data.network
        audit_record(
            actor=invited_by,
            action=AccountAuditAction.INVITATION_SENT,
            target=invitation,
            summary=_("%(email)s invited as %(role)s")
            % {"email": email, "role": Role(data.role).label},
            detail={
                "role": data.role,
                "region": data.region.code if data.region else None,
                "network": data.network.code if data.network else None,
            },
        )
        mail_queue(
            to=[email],
            template=INVITATION_MAIL,
            context={
                "invitation": invitation,
                "inviter": invited_by.display_name,
                "role": Role(data.role).label,
                "scope": str(scope) if scope else "",
                "link": absolute_url(
                    reverse("invitation_accept", kwargs={"token": token}), request=request
                ),
                "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            },
        )
    return invitation


def invitations_create_many(
    *, rows: list[InvitationData], invited_by: User, request: HttpRequest | None = None
) -> list[Invitation]:
    """All rows or none: one transaction; the mails leave only when all are recorded."""
    seen: set[str] = set()
    with transaction.atomic():
        invitations = []
        for number, data in enumerate(rows, start=1):
            email = email_normalise(data.email)
            if email in seen:
                raise ValidationError(
                    _("Row %(row)s: this e-mail address is in the file twice.") % {"row": number}
                )
            seen.add(email)
            try:
                invitations.append(
                    invitation_create(data=data, invited_by=invited_by, request=request)
                )
            except ValidationError as error:
                raise ValidationError(
                    _("Row %(row)s: %(error)s") % {"row": number, "error": " ".join(error.messages)}
                ) from error
        audit_record(
            actor=invited_by,
            action=AccountAuditAction.INVITATIONS_IMPORTED,
            summary=_("%(count)s people invited from a file") % {"count": len(invitations)},
            detail={"count": len(invitations)},
        )
    return invitations


def invitation_withdraw(*, invitation: Invitation, withdrawn_by: User) -> Invitation:
    """Withdraw an open invitation: its link then answers as an expired one does."""
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("region", "network")
            .get(pk=invitation.pk)
        )
        if not may_withdraw_invitation(scope_for_user(withdrawn_by), invitation=locked):
            raise PermissionDenied
        now = timezone.now()
        if locked.accepted_at is not None or locked.expires_at <= now:
            raise ValidationError(_("This invitation is no longer open."), code="closed")
        locked.expires_at = now
        locked.save(update_fields=["expires_at"])
        audit_record(
            actor=withdrawn_by,
            action=AccountAuditAction.INVITATION_WITHDRAWN,
            target=locked,
            summary=_("Invitation of %(email)s withdrawn") % {"email": locked.email},
            detail={"role": locked.role},
        )
    return locked


class InvitationState:
    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


def invitation_state(invitation: Invitation | None) -> str:
    if invitation is None:
        return InvitationState.UNKNOWN
    if invitation.accepted_at is not None:
        return InvitationState.USED
    if invitation.expires_at <= timezone.now():
        return InvitationState.EXPIRED
    return InvitationState.VALID


def invitation_for_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("region", "network", "organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


def state_message(state: str) -> str:
    return {
        InvitationState.UNKNOWN: _(
            "This invitation link does not exist. Check that you used the whole link from the mail."
        ),
        InvitationState.USED: _(
            "This invitation has already been used. Log in with your e-mail address, or use "
            "'Forgot password'."
        ),
        InvitationState.EXPIRED: _(
            "This invitation has expired. Ask whoever invited you for a new one."
        ),
    }.get(state, "")


def _username_for(email: str) -> str:
    base = email[:140]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def invitation_accept(*, token: str, password: str) -> User:
    """Make the account of an invitation, with its password and role; the link is used up.

    An unknown, used or expired link, or a password the validators refuse, changes nothing.
    """
    with transaction.atomic():
        invitation = (
            # Only the invitation's own row: its region, network and inviter may be empty.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("region", "network", "invited_by")
            .filter(token_hash=token_hash(token))
            .first()
        )
        state = invitation_state(invitation)
        if invitation is None or state != InvitationState.VALID:
            raise ValidationError(state_message(state), code=state)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("There is already an account with this e-mail address. Log in with it."),
                code="exists",
            )
        user = User(
            username=_username_for(invitation.email),
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            organisation_id=invitation.organisation_id,
        )
        validate_password(password, user=user)
        user.set_password(password)
        user.save()
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        audit_record(
            actor=user,
            action=AccountAuditAction.INVITATION_ACCEPTED,
            target=user,
            summary=_("%(user)s accepted the invitation and set a password")
            % {"user": user.get_username()},
            detail={"invitation": invitation.pk},
        )
        role_assign(
            user=user,
            role=invitation.role,
            region=invitation.region,
            network=invitation.network,
            assigned_by=invitation.invited_by,
        )
    return user
