"""The Dutch translation is complete and the committed .mo matches the .po."""

import gettext
from pathlib import Path

import polib
from django.conf import settings

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES" / "django.po"


def test_elke_tekst_heeft_een_nederlandse_vertaling():
    po = polib.pofile(str(PO_PATH))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_het_mo_bestand_is_bijgewerkt():
    po = polib.pofile(str(PO_PATH))
    with PO_PATH.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
