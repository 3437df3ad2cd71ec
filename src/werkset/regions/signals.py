"""Forget the kept lists of partner organisations, regions and networks when one changes
(selectors)."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from werkset.core.kept import kept_forget

from .models import Organisation, Region, RegionalNetwork
from .selectors import NETWORKS_KEY, ORGANISATIONS_KEY, REGIONS_KEY


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def organisations_forget(**kwargs: Any) -> None:
    kept_forget(ORGANISATIONS_KEY)


@receiver(post_save, sender=Region)
@receiver(post_delete, sender=Region)
def regions_forget(**kwargs: Any) -> None:
    kept_forget(REGIONS_KEY)


@receiver(post_save, sender=RegionalNetwork)
@receiver(post_delete, sender=RegionalNetwork)
def networks_forget(**kwargs: Any) -> None:
    kept_forget(NETWORKS_KEY)
