"""The beheerder and other people's passwords (issue 17): no setting them in the admin, and
no making oneself a superuser who could; the technical emergency superuser still can."""

import pytest

from werkset.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def test_beheerder_kan_geen_wachtwoord_van_een_ander_zetten(client_for, beheerder, landelijk):
    old_hash = landelijk.password
    response = client_for(beheerder).post(
        f"/beheer/accounts/user/{landelijk.pk}/password/",
        {"password1": "een-nieuw-lang-wachtwoord", "password2": "een-nieuw-lang-wachtwoord"},
    )
    landelijk.refresh_from_db()
    assert (response.status_code, landelijk.password) == (403, old_hash)


def test_beheerder_ziet_geen_knop_naar_het_wachtwoordformulier(client_for, beheerder, landelijk):
    response = client_for(beheerder).get(f"/beheer/accounts/user/{landelijk.pk}/change/")
    assert response.status_code == 200
    assert b"../password/" not in response.content


def test_beheerder_kan_zichzelf_geen_superuser_maken(client_for, beheerder):
    client = client_for(beheerder)
    page = client.get(f"/beheer/accounts/user/{beheerder.pk}/change/")
    assert b'name="is_superuser"' not in page.content


def test_superuser_houdt_het_wachtwoordformulier(client_for, superuser, landelijk):
    old_hash = landelijk.password
    response = client_for(superuser).post(
        f"/beheer/accounts/user/{landelijk.pk}/password/",
        {
            "password1": "een-nieuw-lang-wachtwoord",
            "password2": "een-nieuw-lang-wachtwoord",
            "usable_password": "true",
        },
    )
    landelijk.refresh_from_db()
    assert response.status_code == 302
    assert landelijk.password != old_hash
