"""The theme titles that the kennisbank's filter offers are kept (selectors) and forgotten
when a catalogue version is published; publishing writes its rows in few inserts."""

from django.db import connection
from django.db.models import F
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


def test_zonder_sleutels_uit_een_bulk_insert_wordt_de_versie_even_volledig_gepubliceerd(
    db, monkeypatch
):
    """A database that returns no keys from a bulk insert (SQLite before 3.35, which Django
    5.2 still supports) gets the answer types, themes and elements one by one, each
    pointing at its own."""
    from django.db import connection

    from werkset.catalogue.models import Element, Indicator, Theme

    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    version = catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021)).version
    themes = Theme.objects.filter(version=version)
    assert [t.key for t in themes.order_by("position")] == [
        "samenhang",
        "acuut",
        "actieoverleg",
        "vt-zsm",
        "ssk",
    ]
    assert Element.objects.filter(theme__version=version).count() == 3 * themes.count()
    assert Indicator.objects.filter(version=version).count() == 114
    assert not Indicator.objects.filter(version=version).exclude(element__theme_id=F("theme_id"))
