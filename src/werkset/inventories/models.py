"""National inventories (issue 22): a short, versioned instrument of kind *inventarisatie*
that the national network (or a researcher it appoints) fills in per Actieoverleg region
from interviews, without writing the region's report. The region's network sees what was
recorded about it and may correct it; every change is audited (inventories/audit.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Region

from .instrument import Instrument


class Inventory(models.Model):
    """One national inventory with its instrument as loaded (immutable)."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    instrument_document = models.JSONField(_("instrument"))
    source_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")

    def __str__(self) -> str:
        return self.title

    @property
    def instrument(self) -> Instrument:
        return Instrument(self.instrument_document)


class InventoryResearcher(models.Model):
    """A researcher the national network appointed to record an inventory's answers."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="researchers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inventory researcher")
        verbose_name_plural = _("inventory researchers")
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "user"], name="unique_inventory_researcher"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inventory}: {self.user}"


class InventoryRecord(models.Model):
    """What was recorded about one region in one inventory."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="records")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    frequency = models.CharField(_("frequency"), max_length=40, blank=True)
    # The nuance "net gestart": started in the inventory's year (with or without a verdict).
    just_started = models.BooleanField(_("just started"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["region__position", "region__name"]
        verbose_name = _("inventory record")
        verbose_name_plural = _("inventory records")
        constraints = [
            models.UniqueConstraint(fields=["inventory", "region"], name="unique_inventory_region")
        ]

    def __str__(self) -> str:
        return f"{self.inventory}: {self.region}"


class CharacteristicVerdict(models.TextChoices):
    JA = "ja", _("Yes")
    DEELS = "deels", _("Partly")
    NEE = "nee", _("No")


class RecordCharacteristic(models.Model):
    """One characteristic of the toetsingskader for a region: ja / deels / nee, and why."""

    record = models.ForeignKey(
        InventoryRecord, on_delete=models.CASCADE, related_name="characteristics"
    )
    key = models.CharField(max_length=40)
    verdict = models.CharField(max_length=10, choices=CharacteristicVerdict.choices)
    explanation = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "key"], name="unique_record_characteristic")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.verdict}"


class Participation(models.TextChoices):
    VAST = "vast", _("Fixed participant")
    OP_AFROEP = "op-afroep", _("On request")
    NIET = "niet", _("Does not take part")


class RecordParticipant(models.Model):
    """How a partner takes part in the region's Actieoverleg."""

    record = models.ForeignKey(
        InventoryRecord, on_delete=models.CASCADE, related_name="participants"
    )
    partner = models.CharField(max_length=40)
    participation = models.CharField(max_length=10, choices=Participation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "partner"], name="unique_record_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.participation}"


class RecordCode(models.Model):
    """A code of the instrument's vocabulary the region named (bottleneck, reason, need,
    success factor); its question follows from the vocabulary."""

    record = models.ForeignKey(InventoryRecord, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "code"], name="unique_record_code")
        ]

    def __str__(self) -> str:
        return self.code
