"""An inventory's national picture for Dutch Excel (XLSX and CSV), written by the
comparisons' writers (comparison/exports): one row per region, one per code."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.comparison.exports import Column, Table

from .models import CharacteristicVerdict, Participation
from .selectors import NationalPicture


def regions_table(picture: NationalPicture) -> Table:
    instrument = picture.inventory.instrument
    verdicts = dict(CharacteristicVerdict.choices)
    participation = dict(Participation.choices)
    frequencies = {f.key: f.title for f in instrument.frequencies}
    table = Table(
        _("Regions"),
        [
            Column("region", _("Region")),
            Column("network", _("Regional network")),
            Column("verdict", _("Verdict")),
            Column("just_started", _("Just started")),
            Column("frequency", _("Frequency")),
            *[Column(f"characteristic_{c.key}", c.title) for c in instrument.characteristics],
            *[Column(f"partner_{p.key}", p.title) for p in instrument.partners],
        ],
    )
    for item in picture.regions:
        table.rows.append(
            [
                item.region.name,
                item.region.network.name,
                str(item.verdict.label),
                _("yes") if item.just_started else _("no"),
                frequencies.get(item.frequency, ""),
                *[
                    str(verdicts.get(item.characteristics.get(c.key, ("", ""))[0], ""))
                    for c in instrument.characteristics
                ],
                *[
                    str(participation.get(item.participants.get(p.key, ""), ""))
                    for p in instrument.partners
                ],
            ]
        )
    return table


def codes_table(picture: NationalPicture) -> Table:
    table = Table(
        _("Coded answers"),
        [
            Column("question", _("Question")),
            Column("category", _("Category")),
            Column("code", _("Code")),
            Column("n", _("Number of regions")),
            Column("applies_to", _("Regions the question applies to")),
            Column("regions", _("Regions")),
        ],
    )
    for question in picture.questions:
        for category in question.categories:
            for code in category.codes:
                table.rows.append(
                    [
                        question.question.title,
                        category.category.title,
                        code.title,
                        code.n,
                        question.n,
                        ", ".join(r.name for r in code.regions),
                    ]
                )
    return table


def export_meta(picture: NationalPicture) -> list[tuple[str, Any]]:
    return [
        (_("Inventory"), picture.inventory.title),
        (_("Year"), picture.inventory.year),
        (_("Made on"), timezone.localtime().strftime("%d-%m-%Y %H:%M")),
    ]
