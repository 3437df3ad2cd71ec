"""Numbers as Dutch readers write them (1.234,5), for the comparison tables."""

from decimal import Decimal

from django import template

from werkset.comparison.charts import format_number

register = template.Library()


@register.filter
def nl_number(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return ""
    return format_number(Decimal(value))
