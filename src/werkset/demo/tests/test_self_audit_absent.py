"""Without Werkset 2.0 met resultaten loaded, the demo makes no self-audit (a module of its
own: test_self_audit.py keeps one demo run in the database for all its tests)."""

import pytest

from werkset.demo.self_audit import demo_self_audit_create

pytestmark = pytest.mark.django_db


def test_zonder_de_versie_geen_zelf_audit(regions, catalogue_2021) -> None:
    assert demo_self_audit_create() is None
