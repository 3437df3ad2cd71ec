"""Which framing (Inleiding, Bronnen, Verantwoording) belongs to a catalogue version.

The framing file names the version it was written for (`catalogue`). A corrected version
(errata) continues that version and keeps its edition, or extends it ("2021" → "2021,
gecorrigeerd"): it finds the framing through its lineage. A new instrument with a new
edition (Werkset 2.0) does not. `also_for` in the file names further versions by key."""

from werkset.catalogue.models import CatalogueVersion

from .loader import guidance_library
from .texts import Framing

# A lineage is a handful of versions; the walk stops long before this.
MAX_LINEAGE_STEPS = 20


def framing_for_version(version: CatalogueVersion) -> Framing | None:
    """The version's framing: its own, or that of the version it corrects (one query a step)."""
    library = guidance_library()
    current: CatalogueVersion | None = version
    for _step in range(MAX_LINEAGE_STEPS):
        if current is None:
            return None
        framing = library.framing_named(current.slug)
        if framing is not None:
            return framing
        parent = current.continues
        if parent is None or not current.edition.startswith(parent.edition):
            return None
        current = parent
    return None
