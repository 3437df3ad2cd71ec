"""The scope is read once per request, by views and by the services they call."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from werkset.accounts.models import Role, User
from werkset.accounts.scope import scope_for_request, scope_for_user
from werkset.accounts.services import role_assign

pytestmark = pytest.mark.django_db


def test_een_service_in_hetzelfde_verzoek_leest_de_rollen_niet_opnieuw(rapporteur_friesland):
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=rapporteur_friesland.pk)  # as the middleware does
    scope = scope_for_request(request)
    with CaptureQueriesContext(connection) as queries:
        assert scope_for_user(request.user) is scope
    assert len(queries) == 0


def test_buiten_een_verzoek_telt_een_nieuwe_rol_meteen(rapporteur_friesland, utrecht):
    assert utrecht.pk not in scope_for_user(rapporteur_friesland).writable_region_ids
    role_assign(user=rapporteur_friesland, role=Role.RAPPORTEUR, region=utrecht, assigned_by=None)
    assert utrecht.pk in scope_for_user(rapporteur_friesland).writable_region_ids
