"""What the beheerder changes in the admin is in werkset's audit log (issue 17)."""

from django.urls import reverse

from werkset.accounts.tests.factories import UserFactory
from werkset.core.models import AuditAction, AuditEvent
from werkset.regions.models import Region, RegionalNetwork


def test_een_regio_naar_een_ander_netwerk_verhuizen_wordt_gelogd(client_for, beheerder, friesland):
    oost = RegionalNetwork.objects.get(code="oost-nederland")
    url = reverse("admin:regions_region_change", args=[friesland.pk])
    client = client_for(beheerder)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["network"] = oost.pk
    data["veilig_thuis_regions"] = [vt.pk for vt in friesland.veilig_thuis_regions.all()]
    response = client.post(url, data)
    assert response.status_code == 302
    assert Region.objects.get(pk=friesland.pk).network == oost
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED, actor=beheerder)
    assert event.target_id == str(friesland.pk)
    assert event.detail["values"]["network"] == str(oost)


def test_iemand_superuser_maken_wordt_gelogd_zonder_wachtwoord(client_for, rapporteur_friesland):
    # Only the technical emergency account may (accounts/tests/test_admin_passwords.py).
    emergency = UserFactory(is_staff=True, is_superuser=True)
    url = reverse("admin:accounts_user_change", args=[rapporteur_friesland.pk])
    client = client_for(emergency)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update(is_superuser="on", is_staff="on", is_active="on")
    data.update({"role_assignments-TOTAL_FORMS": 0, "role_assignments-INITIAL_FORMS": 0})
    data.pop("last_login", None)
    data.pop("date_joined", None)
    data.update({"date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED, actor=emergency)
    assert event.detail["values"]["is_superuser"] == "True"
    assert "password" not in event.detail["values"]
