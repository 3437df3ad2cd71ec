"""The audit log takes each app's own actions without a change to core, and keeps the
meaning of the values already in it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from werkset.core.audit import AuditActions, audit_actions
from werkset.core.models import AuditAction, AuditEvent
from werkset.core.services import audit_record


def test_de_acties_van_de_apps_staan_in_het_register():
    assert "comment_added" in audit_actions  # declared in reports/audit.py
    assert set(AuditAction.values) <= {value for value, _label in audit_actions.choices()}


def test_de_bestaande_waarden_blijven_gelijk():
    assert AuditAction.REPORT_STARTED == "report_started"
    assert AuditAction.PEER_AUDIT_CHANGED == "peer_audit_changed"


def test_een_waarde_kan_niet_van_betekenis_veranderen():
    class First(models.TextChoices):
        DONE = "done", "Done"

    class Other(models.TextChoices):
        DONE = "done", "Something else"

    registry = AuditActions()
    registry.register(First)
    registry.register(First)
    with pytest.raises(ValueError, match="another label"):
        registry.register(Other)


@pytest.mark.django_db
def test_een_onbekende_actie_wordt_niet_vastgelegd():
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_record(actor=None, action="made_up", summary="x")
    assert not AuditEvent.objects.exists()


def test_het_veld_toetst_aan_het_register():
    with pytest.raises(ValidationError):
        AuditEvent(actor_name="x", action="made_up", summary="x").full_clean()
    AuditEvent(actor_name="x", action="comment_added", summary="x").full_clean()


def test_het_label_komt_van_de_app():
    assert AuditEvent(action="comment_added").action_label == "Commentaar toegevoegd"
    assert AuditEvent(action="login").action_label == "Ingelogd"
