"""Help texts name the kinds the guard looks for from the detectors themselves, so a new
detector cannot leave them stale (issue 17)."""

import html

from django.urls import reverse
from django.utils import translation

from werkset.privacy.detectors import KIND_LABELS, kind_list


def test_privacyverklaring_noemt_elke_soort_van_de_bewaking(client):
    page = html.unescape(client.get(reverse("privacy")).content.decode())
    with translation.override("nl"):
        labels = [str(label) for label in KIND_LABELS.values()]
    assert [label for label in labels if label not in page] == []


def test_de_opsomming_eindigt_op_of():
    with translation.override("nl"):
        assert kind_list().endswith(" of zaak-, dossier- of registratienummer")
