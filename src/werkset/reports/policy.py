"""Which partner organisations give a perspective on an answer: one rule for the web form,
the API and the Excel import (issue 16).

- Any organisation in the register (regions.Organisation) may give a perspective on any
  answer: the core partners of Veiligheid Voorop on every answer, the others (ZVH, CIT,
  Slachtofferhulp, ...) where a region has them at the table.
- A form asks for the perspectives of the core partners and of every organisation that
  already gave one on this answer, so that what is stored is shown, and saved again.
- A save keeps the stored perspectives of the organisations its input does not mention: an
  absent perspective is not an emptied one (an empty text removes it). A form made before an
  organisation gave its perspective, or an API client that sends none, drops nothing.
"""

from collections.abc import Collection, Iterable, Mapping

from werkset.regions.models import Organisation

PERSPECTIVE_PREFIX = "perspective-"


def perspective_codes(organisations: Iterable[Organisation]) -> frozenset[str]:
    """The codes of the organisations that may give a perspective: all of the register."""
    return frozenset(organisation.code for organisation in organisations)


def perspective_organisations(
    *, stored: Mapping[str, str], organisations: Iterable[Organisation]
) -> list[Organisation]:
    """Whose perspective a form asks for on an answer with these stored perspectives: the
    core partners and every organisation that gave one, in the register's order."""
    return [o for o in organisations if o.core_partner or stored.get(o.code)]


def perspectives_mentioned(names: Iterable[str]) -> frozenset[str]:
    """The organisations an input mentions, from its field names (`perspective-<code>`)."""
    return frozenset(
        name.removeprefix(PERSPECTIVE_PREFIX)
        for name in names
        if name.startswith(PERSPECTIVE_PREFIX)
    )


def perspectives_after_save(
    *, stored: Mapping[str, str], given: Mapping[str, str], mentioned: Collection[str]
) -> dict[str, str]:
    """The perspectives an answer holds after a save: those given, and the stored ones of
    the organisations that the input did not mention (in the stored order first)."""
    kept = {code: text for code, text in stored.items() if code not in mentioned}
    return {**kept, **{code: text for code, text in given.items() if text}}
