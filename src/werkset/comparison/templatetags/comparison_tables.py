"""Table rows per region, rendered in Python (comparison.tables)."""

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from werkset.comparison.selectors import Entry, Figure
from werkset.comparison.tables import bandwidth_points_html, side_by_side_head_html

register = template.Library()


@register.simple_tag
def side_by_side_head(entries: Sequence[Entry]) -> SafeString:
    return side_by_side_head_html(entries)


@register.simple_tag
def bandwidth_points(figure: Figure) -> SafeString:
    return bandwidth_points_html(figure)
