"""Django auth only reports log-ins through signals; they go straight to the audit log."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record

from .middleware import SECOND_STEP_SESSION_KEY
from .selectors import second_step_for_user


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(
        actor=user,
        action=AuditAction.LOGIN,
        target=user,
        summary=_("%(user)s logged in") % {"user": user.get_username()},
    )


@receiver(user_logged_out)
def record_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    audit_record(
        actor=user,
        action=AuditAction.LOGOUT,
        target=user,
        summary=_("%(user)s logged out") % {"user": user.get_username()},
    )


@receiver(user_login_failed)
def record_login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        summary=_("Failed log-in for '%(user)s'") % {"user": username},
        detail={"username": username},
    )


@receiver(user_logged_in)
def ask_for_second_step(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Every way of logging in (form, admin, single sign-on) leads past the second step."""
    if request is None or not hasattr(request, "session"):
        return
    step = second_step_for_user(user=user)
    if step:
        request.session[SECOND_STEP_SESSION_KEY] = step
    else:
        request.session.pop(SECOND_STEP_SESSION_KEY, None)
