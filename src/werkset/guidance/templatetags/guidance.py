"""Template access to the reference texts (loaded once per process, no queries).

`guidance_version` is the key a page caches its guidance block under; the texts are only
looked up inside that cached block."""

from django import template

from werkset.catalogue.models import CatalogueVersion

from ..framing import framing_for_version
from ..loader import guidance_library
from ..texts import BlockGuidance, Framing, ReferenceText

register = template.Library()


@register.simple_tag
def guidance_version() -> str:
    return guidance_library().version


@register.simple_tag
def theme_guidance(theme_key: str) -> tuple[ReferenceText, ...]:
    return guidance_library().for_theme(theme_key)


@register.simple_tag
def block_guidance(block: str) -> tuple[BlockGuidance, ...]:
    return guidance_library().for_building_block(block) if block else ()


@register.simple_tag
def catalogue_framing(version: CatalogueVersion) -> Framing | None:
    return framing_for_version(version)
