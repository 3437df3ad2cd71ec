"""DRF's messages reach the API's users in Dutch: each one an API field can give that DRF's
own Dutch catalogue lacks is in werkset's catalogue (api/drf_messages.py, finding L1)."""

import gettext
import importlib
from pathlib import Path

import django
import rest_framework
from django.utils import translation
from rest_framework import exceptions, serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from werkset.api.drf_messages import DRF_MESSAGES

MODULES = [
    "werkset.api.serializers",
    "werkset.api.proposal_serializers",
    "werkset.api.assessment_serializers",
    "werkset.api.inventory_serializers",
]


def _fields(field: serializers.Field) -> list[serializers.Field]:
    found = [field]
    for name in ("child", "child_relation"):
        if (inner := getattr(field, name, None)) is not None:
            found += _fields(inner)
    if isinstance(field, serializers.Serializer):
        for inner in field.fields.values():
            found += _fields(inner)
    return found


def _api_messages() -> set[str]:
    """The msgids of every error message the API's serializers and their fields can give."""
    fields: list[serializers.Field] = []
    for module in map(importlib.import_module, MODULES):
        for value in vars(module).values():
            own = isinstance(value, type) and value.__module__ == module.__name__
            if own and issubclass(value, serializers.Serializer):
                fields += _fields(value())
    lazy = [m for f in fields if not f.read_only for m in f.error_messages.values()]
    lazy += [
        ProhibitSurrogateCharactersValidator.message,
        exceptions.ValidationError.default_detail,
    ]
    with translation.override(None):
        return {str(message) for message in lazy}


def _dutch_without_werkset() -> gettext.GNUTranslations:
    """DRF's Dutch catalogue, then Django's: what the API would say without werkset's."""
    catalogues = []
    for locale in (Path(rest_framework.__file__).parent, Path(django.__file__).parent / "conf"):
        path = locale / "locale/nl/LC_MESSAGES/django.mo"
        with path.open("rb") as mo:
            catalogues.append(gettext.GNUTranslations(mo))
    catalogues[0].add_fallback(catalogues[1])
    return catalogues[0]


def test_elke_drf_melding_zonder_nederlands_staat_in_de_catalogus_van_werkset():
    dutch = _dutch_without_werkset()
    untranslated = {m for m in _api_messages() if dutch.gettext(m) == m}
    assert "Not a valid string." in untranslated
    assert untranslated - set(DRF_MESSAGES) == set()


def test_de_lijst_noemt_alleen_echte_meldingen_van_drf():
    assert set(DRF_MESSAGES) - _api_messages() == set()
