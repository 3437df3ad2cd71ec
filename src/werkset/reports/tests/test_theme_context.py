"""The catalogue's context where the answering happens (issue 18, part 5), collapsed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, report) -> str:
    return client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()


def test_the_theme_context_has_occasion_and_more_and_less_work(
    client_for, report, rapporteur_friesland
):
    page = _page(client_for(rapporteur_friesland), report)
    for heading in ("<h2>Aanleiding</h2>", "<h2>Meerwerk</h2>", "<h2>Minderwerk</h2>"):
        assert heading in page


def test_the_theme_context_has_the_expected_value(client_for, report, rapporteur_friesland):
    assert "<h2>Verwachte waarde (Significant, 2020)</h2>" in _page(
        client_for(rapporteur_friesland), report
    )


def test_an_element_shows_the_note_for_organisations_and_rapporteur(
    client_for, report, netwerklid_noord
):
    page = _page(client_for(netwerklid_noord), report)
    assert "<strong>Noot voor de organisaties en rapporteur:</strong> Licht antwoorden toe" in page


def test_the_context_is_collapsed(client_for, report, rapporteur_friesland):
    page = _page(client_for(rapporteur_friesland), report)
    assert '<details class="context" open' not in page
    assert "Hoe een regio de indicatorenset gebruikt (uit de catalogus)" in page
