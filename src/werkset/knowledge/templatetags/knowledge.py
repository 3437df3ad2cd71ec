"""The inspiration block of an improvement point's page (`{% point_inspiration point %}`):
the improvement app shows it without knowing the kennisbank's models."""

from typing import Any

from django import template

from werkset.accounts.scope import scope_for_request
from werkset.improvement.models import ImprovementPoint

from ..policy import inspiration_may_link
from ..selectors import inspirations_of

register = template.Library()


@register.inclusion_tag("knowledge/_inspiration.html", takes_context=True)
def point_inspiration(context: dict[str, Any], point: ImprovementPoint) -> dict[str, Any]:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "point": point,
        "rows": inspirations_of(point=point),
        "can_link": inspiration_may_link(scope_for_request(request), point),
    }
