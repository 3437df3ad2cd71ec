"""Reading national inventories. `inventory_picture` is the one place that computes the
national picture of an inventory (the toetsingskader verdict per region with the regions
named, participants, frequency, and the coded questions with their n): the pages, the API,
the export and the synthesis document read it from here."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from werkset.regions.models import Region

from .instrument import Category, Item, Question
from .models import Inventory, InventoryRecord, Participation
from .toetsingskader import HAS_ACTIEOVERLEG, Verdict, toetsingskader_verdict


def inventories_all() -> QuerySet[Inventory]:
    return Inventory.objects.order_by("-year", "title")


def inventory_records(*, inventory: Inventory) -> QuerySet[InventoryRecord]:
    return (
        InventoryRecord.objects.filter(inventory=inventory)
        .select_related("region__network")
        .prefetch_related("characteristics", "participants", "codes")
        .order_by("region__position", "region__name")
    )


@dataclass
class RegionPicture:
    """What the inventory says about one region, with its verdict by the one rule."""

    region: Region
    record: InventoryRecord | None
    verdict: Verdict
    characteristics: dict[str, tuple[str, str]] = field(default_factory=dict)
    participants: dict[str, str] = field(default_factory=dict)
    frequency: str = ""
    just_started: bool = False
    codes: set[str] = field(default_factory=set)

    @property
    def has_actieoverleg(self) -> bool:
        return self.verdict in HAS_ACTIEOVERLEG


@dataclass
class Counted:
    """A key with the regions it holds for; `n` is their number."""

    key: str
    title: str
    regions: list[Region]

    @property
    def n(self) -> int:
        return len(self.regions)


@dataclass
class PartnerCount:
    partner: Item
    by_participation: list[Counted]


@dataclass
class CategoryCount:
    category: Category
    codes: list[Counted]
    regions: list[Region]


@dataclass
class QuestionCount:
    """A coded question: the regions it applies to (its n) and per code who named it."""

    question: Question
    applicable: list[Region]
    categories: list[CategoryCount]

    @property
    def n(self) -> int:
        return len(self.applicable)


@dataclass
class NationalPicture:
    inventory: Inventory
    regions: list[RegionPicture]
    verdicts: list[Counted]
    with_actieoverleg: list[Region]
    just_started: list[Region]
    participants: list[PartnerCount]
    frequencies: list[Counted]
    questions: list[QuestionCount]

    @property
    def total_regions(self) -> int:
        return len(self.regions)

    def verdict(self, key: str) -> Counted:
        return next(v for v in self.verdicts if v.key == key)


def _region_picture(
    region: Region, record: InventoryRecord | None, inventory: Inventory
) -> RegionPicture:
    instrument = inventory.instrument
    keys = [c.key for c in instrument.characteristics]
    if record is None:
        return RegionPicture(region, None, Verdict.NIET_BEOORDEELD)
    characteristics = {c.key: (c.verdict, c.explanation) for c in record.characteristics.all()}
    verdict = toetsingskader_verdict(
        {k: v for k, (v, _text) in characteristics.items()},
        characteristics=keys,
        timeliness=instrument.timeliness,
    )
    return RegionPicture(
        region=region,
        record=record,
        verdict=verdict,
        characteristics=characteristics,
        participants={p.partner: p.participation for p in record.participants.all()},
        frequency=record.frequency,
        just_started=record.just_started,
        codes={c.code for c in record.codes.all()},
    )


def inventory_region_picture(*, inventory: Inventory, region: Region) -> RegionPicture:
    record = inventory_records(inventory=inventory).filter(region=region).first()
    return _region_picture(region, record, inventory)


def inventory_picture(*, inventory: Inventory) -> NationalPicture:
    """The national picture of an inventory over all Actieoverleg regions; three queries.

    Participants and frequency count over the regions with an Actieoverleg (the seed's
    n = 16); a coded question counts the regions it applies to (`applies_to`) and, per code,
    those of them that named it."""
    instrument = inventory.instrument
    records = {r.region_id: r for r in inventory_records(inventory=inventory)}
    regions = list(Region.objects.select_related("network").order_by("position", "name"))
    pictures = [_region_picture(r, records.get(r.pk), inventory) for r in regions]
    with_ao = [p for p in pictures if p.has_actieoverleg]
    verdicts = [
        Counted(v.value, str(v.label), [p.region for p in pictures if p.verdict == v])
        for v in Verdict
    ]
    participants = [
        PartnerCount(
            partner,
            [
                Counted(
                    value,
                    str(label),
                    [p.region for p in with_ao if p.participants.get(partner.key) == value],
                )
                for value, label in Participation.choices
            ],
        )
        for partner in instrument.partners
    ]
    frequencies = [
        Counted(f.key, f.title, [p.region for p in with_ao if p.frequency == f.key])
        for f in instrument.frequencies
    ]
    applicable: dict[str, list[RegionPicture]] = defaultdict(list)
    for p in pictures:
        if p.verdict == Verdict.NIET_BEOORDEELD:
            continue
        applicable["alle"].append(p)
        applicable["wel" if p.has_actieoverleg else "geen"].append(p)
    questions = []
    for question in instrument.questions:
        asked = applicable[question.applies_to]
        categories = []
        for category in instrument.categories_of(question.key):
            codes = [
                Counted(c.key, c.title, [p.region for p in asked if c.key in p.codes])
                for c in category.codes
            ]
            named = {r.pk: r for code in codes for r in code.regions}
            categories.append(CategoryCount(category, codes, [r for r in regions if r.pk in named]))
        questions.append(QuestionCount(question, [p.region for p in asked], categories))
    return NationalPicture(
        inventory=inventory,
        regions=pictures,
        verdicts=verdicts,
        with_actieoverleg=[p.region for p in with_ao],
        just_started=[p.region for p in pictures if p.just_started],
        participants=participants,
        frequencies=frequencies,
        questions=questions,
    )
