"""Creating and revoking personal API tokens; both are audited."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditAction
from werkset.core.services import audit_record

from .models import ApiToken

TOKEN_PREFIX = "ws_"  # noqa: S105 (a recognisable prefix, not a secret)


class TokenError(Exception):
    """A token request that cannot be honoured; the message says why, in Dutch."""


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name, so you recognise it later."))
    if len(name) > 100:
        raise TokenError(_("The name is too long (at most 100 characters)."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=settings.WERKSET_API_TOKEN_DAYS)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=key[: len(TOKEN_PREFIX) + 6],
            key_hash=token_hash(key),
            expires_at=expires_at,
        )
        audit_record(
            actor=user,
            action=AuditAction.API_TOKEN_CREATED,
            target=token,
            summary=_("API token '%(name)s' created") % {"name": name},
        )
    return token, key


def api_token_may_revoke(*, token: ApiToken, user: User) -> bool:
    """The owner revokes their own tokens; the beheerder any token (a lost laptop, a leaver)."""
    return token.user_id == user.pk or scope_for_user(user).is_administrator


def api_token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if not api_token_may_revoke(token=locked, user=user):
            raise PermissionDenied(_("This is not your token."))
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_record(
                actor=user,
                action=AuditAction.API_TOKEN_REVOKED,
                target=locked,
                summary=_("API token '%(name)s' revoked") % {"name": locked.name},
            )
    return locked
