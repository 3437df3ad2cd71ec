"""Scan results are kept per text (ADR 0011); a caller cannot change what the next one gets."""

from werkset.privacy.detectors import CACHED_TEXT_LENGTH, scan

TEXT = "Bel Jan op 06-12345678."


def test_een_aangepaste_uitkomst_verandert_de_volgende_scan_niet():
    first = scan(TEXT)
    first.clear()
    assert [hit.kind for hit in scan(TEXT)] == ["naam", "telefoonnummer"]


def test_lange_tekst_wordt_ook_gescand():
    text = "x " * CACHED_TEXT_LENGTH + TEXT
    assert [hit.kind for hit in scan(text)] == ["naam", "telefoonnummer"]
