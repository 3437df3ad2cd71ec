"""Forget the kept theme titles (selectors.catalogue_theme_titles) when a catalogue version
is published or deleted: its themes are written in the same transaction, so the list is
forgotten again after the commit."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from werkset.core.kept import kept_forget

from .models import CatalogueVersion
from .selectors import THEME_TITLES_KEY


@receiver(post_save, sender=CatalogueVersion)
@receiver(post_delete, sender=CatalogueVersion)
def theme_titles_forget(**kwargs: Any) -> None:
    kept_forget(THEME_TITLES_KEY)
