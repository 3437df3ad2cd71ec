"""The theme titles that the kennisbank's filter offers are kept (selectors) and forgotten
when a catalogue version is published."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021

URL = reverse("knowledge:search")


def test_de_themas_worden_bewaard_en_een_nieuwe_versie_staat_er_meteen_in(
    client_for, landelijk, django_capture_on_commit_callbacks
):
    client = client_for(landelijk)
    assert 'value="actieoverleg"' not in client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert not [q for q in queries if "catalogue_theme" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
    assert 'value="actieoverleg"' in client.get(URL).content.decode()
