"""Writing to the audit log; every state-changing service calls audit_record."""

from typing import Any

from django.db import models

from .audit import audit_actions
from .models import AuditEvent

SYSTEM_ACTOR_NAME = "systeem"


def audit_record(
    *,
    actor: Any | None,
    action: str,
    summary: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record an event; `actor` is a user, or None for the system (commands, migrations).

    `action` is one an app has registered (core/audit.py); an unknown one is a programming
    error and fails loudly rather than writing a row nobody can read."""
    if action not in audit_actions:
        raise ValueError(f"Unknown audit action {action!r}: declare it in the app's audit.py.")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else SYSTEM_ACTOR_NAME,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        detail=detail or {},
    )
