"""Log-in throttling behind a reverse proxy: one attacker cannot lock someone out for all."""

import pytest
from django.urls import reverse

from werkset.accounts.tests.factories import TEST_PASSWORD

PROXY = "10.0.0.1"


def _log_in(client, username, password, *, client_address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.WERKSET_PROXY_COUNT = 1


def test_vijf_fouten_van_een_ander_sluiten_de_gebruiker_niet_buiten(
    client, landelijk, behind_one_proxy
):
    for _ in range(6):
        _log_in(client, landelijk.username, "fout", client_address="203.0.113.9")
    locked = _log_in(client, landelijk.username, "fout", client_address="203.0.113.9")
    assert locked.status_code == 429

    own = _log_in(client, landelijk.username, TEST_PASSWORD, client_address="198.51.100.7")
    assert own.status_code == 302


def test_een_zelf_verzonnen_adres_links_in_de_keten_telt_niet(client, landelijk, behind_one_proxy):
    for number in range(6):
        _log_in(client, landelijk.username, "fout", client_address=f"192.0.2.{number}, 203.0.113.9")
    again = _log_in(client, landelijk.username, "fout", client_address="192.0.2.99, 203.0.113.9")
    assert again.status_code == 429


def test_zonder_proxy_telt_het_adres_van_de_verbinding(client, landelijk):
    for number in range(6):
        _log_in(client, landelijk.username, "fout", client_address=f"192.0.2.{number}")
    again = _log_in(client, landelijk.username, "fout", client_address="192.0.2.99")
    assert again.status_code == 429
