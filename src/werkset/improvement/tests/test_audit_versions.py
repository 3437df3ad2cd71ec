"""A version that a newer version replaces is no longer offered for peer audits (issue 19)."""

import pytest
from django.urls import reverse

from werkset.improvement.audit_services import peer_audit_invite
from werkset.improvement.models import PeerAudit
from werkset.improvement.service_common import ImprovementError

pytestmark = pytest.mark.django_db


def _offered(client):
    page = client.get(reverse("improvement:audit_invite", args=["noord-nederland"]))
    return list(page.context["form"].fields["report"].queryset.values_list("pk", flat=True))


def test_de_vastgestelde_versie_wordt_aangeboden(client_for, finalised, netwerklid_noord):
    assert _offered(client_for(netwerklid_noord)) == [finalised.pk]


def test_een_vervangen_versie_wordt_niet_meer_aangeboden(
    client_for, finalised, netwerklid_noord, rapporteur_friesland
):
    client_for(rapporteur_friesland).post(
        reverse("reports:correct", args=[finalised.pk]), {"reason": "Cijfers aangevuld"}
    )
    assert _offered(client_for(netwerklid_noord)) == []


def test_een_vervangen_versie_krijgt_geen_audit(
    client_for, finalised, netwerklid_noord, rapporteur_friesland, midden_nederland
):
    client_for(rapporteur_friesland).post(
        reverse("reports:correct", args=[finalised.pk]), {"reason": "Cijfers aangevuld"}
    )
    with pytest.raises(ImprovementError, match="nieuwere versie"):
        peer_audit_invite(report=finalised, auditor_network=midden_nederland, user=netwerklid_noord)
    assert not PeerAudit.objects.exists()
