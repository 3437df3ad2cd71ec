"""Where the work happens: partner organisations, the regional networks and their regions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A kind of partner organisation (Veilig Thuis, Politie, OM, ...), not a local office."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    core_partner = models.BooleanField(
        _("core partner of Veiligheid Voorop"),
        default=False,
        help_text=_("Veilig Thuis, Politie, OM, RvdK and 3RO are the core partners."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class RegionalNetwork(models.Model):
    """A Regionaal Netwerk Zorg-Straf (RNZS): one per arrondissement."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    arrondissement = models.CharField(_("arrondissement"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("regional network")
        verbose_name_plural = _("regional networks")

    def __str__(self) -> str:
        return self.name


class VeiligThuisRegion(models.Model):
    """A Veilig Thuis organisation's area; may cover or share an Actieoverleg region."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Veilig Thuis region")
        verbose_name_plural = _("Veilig Thuis regions")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """An Actieoverleg region: the unit that writes a report (25 in the country)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        on_delete=models.PROTECT,
        related_name="regions",
    )
    veilig_thuis_regions = models.ManyToManyField(
        VeiligThuisRegion, verbose_name=_("Veilig Thuis regions"), related_name="regions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name
