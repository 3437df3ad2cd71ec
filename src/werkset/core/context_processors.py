from typing import Any

from django.conf import settings
from django.http import HttpRequest


def environment(request: HttpRequest) -> dict[str, Any]:
    """Tell every page whether it runs outside production, so demo pages say so."""
    return {"werkset_environment": settings.ENVIRONMENT}
